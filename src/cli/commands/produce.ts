// `pesaflow produce`: generated M-Pesa traffic into Kafka (idempotent, acks=all) or into JSONL files.
import { Command, Option } from 'commander'
import { z } from 'zod'
import { createFileTrafficSink } from '../../app/file-sink.ts'
import { createFanoutSink } from '../../app/fanout-sink.ts'
import { readableRecord } from '../../app/readable.ts'
import { runTraffic, type TrafficCounts, type TrafficOptions } from '../../app/traffic-producer.ts'
import { trafficTopics, type TrafficSink } from '../../app/traffic-sink.ts'
import { wholeStream } from '../../app/traffic-source.ts'
import { createGenerator, type GeneratedRecord } from '../../generator/generator.ts'
import { ACTIVE_HOURS_SHIFT_EXPECTED, AMOUNT_SCALE_EXPECTED, AMOUNT_SCALE_RANGE, MAX_ACTIVE_HOURS_SHIFT, type GeneratorOptions, type TimeOptions } from '../../generator/options.ts'
import { ensureCluster } from '../cluster.ts'
import { commandContext, untilStopSignal } from '../context.ts'
import { parseFlags } from '../options.ts'
import { formatRate, startProgress } from '../progress.ts'
import { createAllTopics } from './topics.ts'

const num = z.coerce.number()
const ProduceFlags = z.object({
  rate: num.min(0).default(1000),
  count: num.int().min(1).optional(),
  duration: num.positive().optional(),
  seed: num.int().min(0).default(42),
  accounts: num.int().min(1).max(5_000_000).default(100_000),
  fraudRate: num.min(0).max(1).default(0.001),
  poisonRate: num.min(0).max(1).default(0),
  amountScale: num.min(AMOUNT_SCALE_RANGE.min, AMOUNT_SCALE_EXPECTED).max(AMOUNT_SCALE_RANGE.max, AMOUNT_SCALE_EXPECTED).default(1),
  activeHoursShift: num.int(ACTIVE_HOURS_SHIFT_EXPECTED).min(-MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).max(MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).default(0),
  start: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 date').optional(),
  speedup: num.positive().optional(),
  days: num.positive().max(3660).optional(),
  batchSize: num.int().min(1).max(100_000).default(5000),
  lingerMs: num.min(0).max(10_000).default(5),
  maxInFlight: num.int().min(1).max(64).default(4),
  compression: z.enum(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4'),
  sample: num.int().min(1).optional(),
  workers: num.int().min(1).max(8).default(2),
  out: z.string().min(1).optional(),
  labelsOut: z.string().min(1).optional()
}).refine((f) => f.days === undefined || f.count !== undefined, { message: '--days needs --count (how many transactions to spread over the days)', path: ['days'] })
  .refine((f) => f.speedup === undefined || f.rate > 0, { message: '--speedup needs a --rate above 0', path: ['speedup'] })

export type ProduceFlags = z.output<typeof ProduceFlags>

/** Simulated time when --start, --days or --speedup is given; otherwise event time is the wall clock. */
export function timeOptions (flags: ProduceFlags): TimeOptions {
  const start = new Date(flags.start ?? Date.now())
  const count = flags.count ?? Math.ceil(flags.rate * (flags.duration ?? 3600 * 24 * 365))
  if (flags.days !== undefined) return { mode: 'simulated', start, days: flags.days, count }
  if (flags.speedup !== undefined) return { mode: 'simulated', start, eventsPerSimulatedSecond: flags.rate / flags.speedup, count }
  if (flags.start !== undefined) return { mode: 'simulated', start, days: 1, count }
  return flags.count === undefined ? { mode: 'realtime', now: Date.now } : { mode: 'realtime', now: Date.now, count: flags.count }
}

export function generatorOptions (flags: ProduceFlags): GeneratorOptions {
  return {
    seed: flags.seed, accounts: flags.accounts, fraudRate: flags.fraudRate, poisonRate: flags.poisonRate,
    amountScale: flags.amountScale, activeHoursShift: flags.activeHoursShift, time: timeOptions(flags)
  }
}

export function summaryLine (counts: TrafficCounts): string {
  const seconds = (performance.now() - counts.startedAt) / 1000
  return `sent ${counts.sent.toLocaleString('en-US')}, acknowledged ${counts.acknowledged.toLocaleString('en-US')}, failed ${counts.failed}, ` +
    `${formatRate(counts.acknowledged, seconds)} msgs/s, ${(counts.bytes / 1e6 / Math.max(seconds, 1e-9)).toFixed(1)} MB/s over ${seconds.toFixed(1)} s, labels ${counts.labels}`
}

function progressLine (counts: TrafficCounts): string {
  const seconds = (performance.now() - counts.startedAt) / 1000
  return `sent ${counts.sent.toLocaleString('en-US')}  ${formatRate(counts.sent, seconds)} msgs/s  ` +
    `${(counts.bytes / 1e6 / Math.max(seconds, 1e-9)).toFixed(1)} MB/s  errors ${counts.failed}  in flight ${counts.inFlight}`
}

export function produceCommand (): Command {
  return new Command('produce')
    .description('generate realistic M-Pesa traffic with labelled fraud and send it to Kafka (or to files with --out)')
    .option('--rate <n>', 'records per second, 0 = as fast as possible', '1000')
    .option('--count <n>', 'stop after n records')
    .option('--duration <seconds>', 'stop after this many seconds')
    .option('--seed <n>', 'seed: one seed, one stream', '42')
    .option('--accounts <n>', 'customer accounts (up to 5,000,000)', '100000')
    .option('--fraud-rate <f>', 'fraction of transactions that start a fraud scenario', '0.001')
    .option('--poison-rate <f>', 'fraction of records followed by a malformed one', '0')
    .option('--amount-scale <x>', 'multiply background amounts and opening balances by x (0.1 to 10)', '1')
    .option('--active-hours-shift <h>', 'move the daily activity cycle h hours later, negative for earlier (-23 to 23)', '0')
    .option('--start <iso>', 'simulated event time starts here')
    .option('--speedup <x>', 'simulated time runs x times faster than the wall clock (needs --rate)')
    .option('--days <d>', 'spread --count transactions over d simulated days')
    .option('--batch-size <n>', 'records per produce request', '5000')
    .option('--linger-ms <ms>', 'longest wait to fill a batch', '5')
    .option('--max-in-flight <n>', 'produce requests awaiting acknowledgement', '4')
    .addOption(new Option('--compression <codec>', 'batch compression').choices(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4'))
    .option('--sample <n>', 'print one record in n, phone numbers masked')
    .option('--workers <n>', 'sender threads (each with its own idempotent producer and some of the partitions)', '2')
    .option('--out <file.jsonl>', 'write records to a JSONL file instead of Kafka (one thread)')
    .option('--labels-out <file.jsonl>', 'also write the fraud and poison labels to a JSONL file')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(ProduceFlags, raw)
      const ctx = commandContext(command)
      const run = await startRun(flags, ctx)
      const progress = startProgress(() => progressLine(run.counts))
      void untilStopSignal(() => { run.stop() })
      const counts = await run.finished
      progress.stop(summaryLine(counts))
      for (const error of counts.errors.slice(0, 3)) console.error(`error: ${error}`)
      if (counts.failed > 0) process.exitCode = 1
      process.removeAllListeners('SIGINT')
      process.removeAllListeners('SIGTERM')
    })
}

interface Run { readonly counts: TrafficCounts; stop (): void; readonly finished: Promise<TrafficCounts> }

function trafficOptions (flags: ProduceFlags): TrafficOptions {
  return {
    rate: flags.rate, count: flags.count, durationMs: flags.duration === undefined ? undefined : flags.duration * 1000,
    batchSize: flags.batchSize, lingerMs: flags.lingerMs, maxInFlight: flags.maxInFlight
  }
}

const showSample = (record: GeneratedRecord): void => { console.log(`${record.topic}: ${readableRecord(record.value)}`) }

async function startRun (flags: ProduceFlags, ctx: ReturnType<typeof commandContext>): Promise<Run> {
  const sample = flags.sample === undefined ? undefined : { every: flags.sample, show: showSample }
  const generator = createGenerator(generatorOptions(flags))
  let sink: TrafficSink
  if (flags.out !== undefined) {
    sink = createFileTrafficSink(flags.out, flags.labelsOut)
  } else {
    await ensureCluster(ctx, (line) => { console.error(line) })
    await createAllTopics(ctx)
    sink = createFanoutSink({ threads: flags.workers, partitions: ctx.config.topics.partitions, kafka: ctx.config.kafka, topics: trafficTopics(ctx.topics), compression: flags.compression })
  }
  const run = runTraffic(wholeStream(generator), sink, { ...trafficOptions(flags), sample })
  return { counts: run.counts, stop: () => { run.stop() }, finished: run.finished.finally(async () => { await sink.close() }) }
}
