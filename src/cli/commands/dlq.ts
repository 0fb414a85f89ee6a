// `pesaflow dlq inspect | replay`: read the dead letters readably (phone numbers masked) and send chosen ones back.
import { Command } from 'commander'
import { z } from 'zod'
import { readableRecord } from '../../app/readable.ts'
import { maskMsisdnsInText } from '../../domain/msisdn.ts'
import { DeadLetterHeaders } from '../../engine/dead-letter.ts'
import type { IncomingRecord, OutgoingRecord } from '../../engine/records.ts'
import { createRecordProducer } from '../../kafka/producer.ts'
import { readTopicsToEnd } from '../../kafka/topic-reader.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, type CommandContext } from '../context.ts'
import { parseFlags } from '../options.ts'

const header = (r: IncomingRecord, name: string): string => r.headers.get(name)?.toString() ?? ''

async function readDeadLetters (ctx: CommandContext): Promise<IncomingRecord[]> {
  const topic = ctx.topics.deadLetters
  const letters: IncomingRecord[] = []
  await readTopicsToEnd(ctx.config.kafka, [topic.name], Array.from({ length: topic.partitions }, (_, p) => p), (r) => { letters.push(r) })
  return letters.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || Number(a.offset - b.offset))
}

const Selection = z.object({
  code: z.string().optional(),
  offsets: z.string().regex(/^\d+:\d+(,\d+:\d+)*$/, 'a list of partition:offset of the dead-letter topic, e.g. 0:12,2:7').optional(),
  all: z.boolean().default(false),
  limit: z.coerce.number().int().min(1).default(50),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false)
})

function select (letters: IncomingRecord[], flags: z.output<typeof Selection>): IncomingRecord[] {
  const wanted = flags.offsets === undefined ? undefined : new Set(flags.offsets.split(','))
  return letters.filter((r) => (flags.code === undefined || header(r, DeadLetterHeaders.code) === flags.code) &&
    (wanted === undefined || wanted.has(`${r.partition}:${r.offset}`)))
}

function describe (r: IncomingRecord): Record<string, string> {
  return {
    dlq: `${r.partition}:${r.offset}`,
    origin: `${header(r, DeadLetterHeaders.topic)}/${header(r, DeadLetterHeaders.partition)}@${header(r, DeadLetterHeaders.offset)}`,
    code: header(r, DeadLetterHeaders.code),
    message: maskMsisdnsInText(header(r, DeadLetterHeaders.message)),
    failed_at: header(r, DeadLetterHeaders.failedAt),
    processor: header(r, DeadLetterHeaders.processor),
    key: maskMsisdnsInText(r.key?.toString('utf8') ?? ''),
    bytes: String(r.value?.length ?? 0),
    value: readableRecord(r.value, 160)
  }
}

export function dlqCommand (): Command {
  const dlq = new Command('dlq').description('dead letters of mpesa-transactions: inspect and replay')
  dlq.command('inspect')
    .description('list dead letters with where they came from and why they failed (phone numbers masked)')
    .option('--code <code>', 'only this error code (e.g. SCHEMA_VIOLATION)')
    .option('--limit <n>', 'show at most n', '50')
    .option('--json', 'JSON lines')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(Selection, raw)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      const letters = select(await readDeadLetters(ctx), flags)
      const counts = new Map<string, number>()
      for (const r of letters) counts.set(header(r, DeadLetterHeaders.code), (counts.get(header(r, DeadLetterHeaders.code)) ?? 0) + 1)
      for (const r of letters.slice(0, flags.limit)) {
        const d = describe(r)
        console.log(flags.json ? JSON.stringify(d) : `${d.dlq}  ${d.origin}  ${d.code}: ${d.message}  (${d.bytes} bytes, key ${d.key})\n    ${d.value}`)
      }
      console.log(`${letters.length} dead letter(s): ${[...counts].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`)
    })
  dlq.command('replay')
    .description('send chosen dead letters, byte for byte, back to their original topic (after a fix upstream)')
    .option('--offsets <list>', 'partition:offset of the dead-letter topic, comma separated')
    .option('--code <code>', 'every dead letter with this error code')
    .option('--all', 'every dead letter')
    .option('--dry-run', 'show what would be sent')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(Selection.refine((f) => f.all || f.offsets !== undefined || f.code !== undefined, { message: 'choose records with --offsets, --code or --all', path: ['offsets'] }), raw)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      const chosen = select(await readDeadLetters(ctx), flags)
      const records: OutgoingRecord[] = chosen.map((r) => ({
        topic: header(r, DeadLetterHeaders.topic), key: r.key, value: r.value, timestamp: r.timestamp,
        headers: { 'pesaflow.replayed.from': `${r.topic}:${r.partition}:${r.offset}` }
      }))
      if (flags.dryRun) {
        for (const r of chosen) console.log(`would replay ${describe(r).dlq} to ${describe(r).origin}`)
        console.log(`${records.length} record(s) would be replayed`)
        return
      }
      const producer = createRecordProducer(ctx.config.kafka, { clientRole: 'dlq-replay' })
      try {
        const { acknowledged } = await producer.send(records)
        console.log(`${acknowledged} record(s) replayed to their original topic`)
      } finally {
        await producer.close()
      }
    })
  return dlq
}
