// `pesaflow lag`: per partition of mpesa-transactions, the group's offset, log end, lag and owner (--watch refreshes).
import { Command } from 'commander'
import { setTimeout as delay } from 'node:timers/promises'
import { z } from 'zod'
import { consumerLag, totalLag, type GroupLag } from '../../kafka/consumer-lag.ts'
import { consumerGroupName } from '../../topics/registry.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext } from '../context.ts'
import { parseFlags } from '../options.ts'

const LagFlags = z.object({
  group: z.string().min(1).optional(),
  json: z.boolean().default(false),
  watch: z.union([z.literal(true), z.coerce.number().min(0.5).max(3600)], { error: 'seconds between refreshes, 0.5 to 3600' }).optional()
})

const dash = (value: bigint | string | undefined): string => (value === undefined ? '-' : String(value))

export function formatLagTable (lag: GroupLag): string {
  const header = ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']
  const rows = lag.rows.map((r) => [lag.groupId, r.topic, String(r.partition), dash(r.current), String(r.logEnd), dash(r.lag), dash(r.consumerId), dash(r.host), dash(r.clientId)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [line(header), ...rows.map(line), `state ${lag.state}, total lag ${totalLag(lag.rows)}`].join('\n')
}

function asJson (lag: GroupLag): string {
  return JSON.stringify({
    group: lag.groupId,
    state: lag.state,
    partitions: lag.rows.map((r) => ({
      topic: r.topic, partition: r.partition, current: r.current?.toString() ?? null, logEnd: r.logEnd.toString(), lag: r.lag?.toString() ?? null,
      consumerId: r.consumerId ?? null, host: r.host ?? null, clientId: r.clientId ?? null
    }))
  })
}

export function lagCommand (): Command {
  return new Command('lag')
    .description('consumer lag of the processor group on mpesa-transactions (the columns of kafka-consumer-groups --describe)')
    .option('--group <id>', 'another consumer group (default: the pipeline\'s mpesa-consumer-group)')
    .option('--json', 'one JSON object')
    .option('--watch [seconds]', 'refresh every n seconds (default 2) until Ctrl-C')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(LagFlags, raw)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      const groupId = flags.group ?? consumerGroupName(ctx.config.topics.prefix, 'pipeline')
      const show = async (): Promise<string> => {
        const lag = await consumerLag(ctx.config.kafka, groupId, ctx.topics.transactions.name)
        return flags.json ? asJson(lag) : formatLagTable(lag)
      }
      if (flags.watch === undefined) {
        console.log(await show())
        return
      }
      const seconds = flags.watch === true ? 2 : flags.watch
      let stop = false
      process.once('SIGINT', () => { stop = true })
      while (!stop) {
        const text = await show()
        console.log(process.stdout.isTTY ? `\x1b[2J\x1b[H${new Date().toISOString()}\n${text}` : text)
        await delay(seconds * 1000)
      }
    })
}
