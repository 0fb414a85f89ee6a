// `pesaflow process`: the exactly-once stream processor (consumer group mpesa-consumer-group).
import { Command, Option } from 'commander'
import { z } from 'zod'
import { claimProcessorSlot } from '../../app/processor-slot.ts'
import { createProcessor, type ProcessorInstance } from '../../app/processor-instance.ts'
import { StreamThreads } from '../../app/stream-threads.ts'
import { serveMetrics } from '../../metrics/metrics-server.ts'
import { processorObserver, recordProcessorEvent, type ProcessorEvent } from '../../metrics/processor-metrics.ts'
import { createMetrics } from '../../metrics/registry.ts'
import { defaultPipelineSettings } from '../../pipeline/settings.ts'
import { consumerGroupName } from '../../topics/registry.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, commandOverrides, untilStopSignal } from '../context.ts'
import { parseFlags } from '../options.ts'
import { formatRate, startProgress } from '../progress.ts'
import { createAllTopics } from './topics.ts'

const num = z.coerce.number()
const ProcessFlags = z.object({
  untilCaughtUp: z.boolean().default(false),
  commitIntervalMs: num.int().min(10).max(10_000).default(100),
  processorId: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -').optional(),
  earlyUpdatesMs: num.int().min(0).default(defaultPipelineSettings.earlyUpdatesMs),
  graceMs: num.int().min(0).default(defaultPipelineSettings.graceMs),
  allowedLatenessMs: num.int().min(0).default(defaultPipelineSettings.allowedLatenessMs),
  idleStateHours: num.positive().default(defaultPipelineSettings.idleStateMs / 3_600_000),
  rules: z.string().min(1).optional(),
  metricsPort: num.int().min(0).max(65535).optional(),
  maxRecordBytes: num.int().min(1024).max(16 * 1024 * 1024).default(defaultPipelineSettings.maxRecordBytes),
  threads: num.int().min(1).max(64).default(1),
  detection: z.boolean().default(true),
  compression: z.enum(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4')
})

export function processCommand (): Command {
  return new Command('process')
    .description('run the exactly-once processor: windows, state, alerts and dead letters in Kafka transactions')
    .option('--until-caught-up', 'stop once the group\'s lag is 0 and the last transaction is committed')
    .option('--commit-interval-ms <ms>', 'one transaction per interval', '100')
    .option('--processor-id <id>', 'stable id of this instance (default: host name and the lowest free slot)')
    .option('--early-updates-ms <ms>', 'emit early window updates at most this often; 0 = final results only')
    .option('--grace-ms <ms>', 'how long a window accepts events after the watermark passes its end')
    .option('--allowed-lateness-ms <ms>', 'how far the watermark trails the highest event time')
    .option('--idle-state-hours <h>', 'expire account state idle this long (event time)')
    .option('--rules <file>', 'rules (YAML or JSON) to use until a version is published to mpesa-fraud-rules (default: rules/default-rules.yaml)')
    .option('--metrics-port <port>', 'serve this processor\'s Prometheus /metrics and /health on this port (0: any free port)')
    .option('--max-record-bytes <n>', 'dead-letter record values larger than this (RECORD_TOO_LARGE)')
    .addOption(new Option('--compression <codec>', 'batch compression of what the processor writes').choices(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4'))
    .option('--no-detection', 'windows, aggregates and dead letters only: no fraud detector (no account state, inflows or alerts)')
    .option('--threads <n>', 'stream threads in this process, each a member of the group with its own partitions (as Kafka Streams\' num.stream.threads)', '1')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(ProcessFlags, raw)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      await createAllTopics(ctx)
      const groupId = consumerGroupName(ctx.config.topics.prefix, 'pipeline')
      const slot = flags.processorId === undefined ? claimProcessorSlot(ctx.config.localCluster.dataDir, groupId) : undefined
      const processorId = flags.processorId ?? slot?.processorId ?? 'processor'
      const settings = {
        allowedLatenessMs: flags.allowedLatenessMs, graceMs: flags.graceMs, earlyUpdatesMs: flags.earlyUpdatesMs,
        idleStateMs: flags.idleStateHours * 3_600_000, maxRecordBytes: flags.maxRecordBytes, detection: flags.detection
      }
      const metrics = createMetrics()
      const record = (event: ProcessorEvent): void => { recordProcessorEvent(metrics, event) }
      const options = { processorId, settings, commitIntervalMs: flags.commitIntervalMs, untilCaughtUp: flags.untilCaughtUp, rulesFile: flags.rules, compression: flags.compression }
      const run = flags.threads === 1
        ? singleThread(await createProcessor({ ...options, config: ctx.config, topics: ctx.topics, log: ctx.log, observe: processorObserver(ctx.topics.alerts.name, record) }))
        : new StreamThreads(flags.threads, { ...options, overrides: commandOverrides(command) }, record)
      const endpoint = flags.metricsPort === undefined ? undefined : await serveMetrics(metrics, { host: ctx.config.dashboard.host, port: flags.metricsPort, token: ctx.config.dashboard.token })
      if (endpoint !== undefined) ctx.log.info({ processorId, url: `${endpoint.url}/metrics` }, 'metrics served')
      const started = performance.now()
      const progress = startProgress(() => {
        const { counters: c, lag, lastCommitAt, restoring } = run.totals()
        const seconds = (performance.now() - started) / 1000
        const restore = restoring === undefined ? '' : `  restoring ${restoring.restored}/${restoring.target}`
        return `in ${c.processed.toLocaleString('en-US')} (${formatRate(c.processed, seconds)}/s)  out ${c.emitted.toLocaleString('en-US')}  dead letters ${c.deadLettered}  lag ${lag}  commits ${c.commits}  last commit ${lastCommitAt === 0 ? '-' : new Date(lastCommitAt).toISOString().slice(11, 23)}${restore}`
      })
      void untilStopSignal((signal) => {
        ctx.log.info({ signal }, 'stopping: committing the open transaction and leaving the group')
        run.stop()
      })
      try {
        await run.done()
      } finally {
        await endpoint?.close()
        slot?.release()
        const c = run.totals().counters
        progress.stop(`processed ${c.processed.toLocaleString('en-US')}, dead-lettered ${c.deadLettered}, inflows ${c.internal.toLocaleString('en-US')}, emitted ${c.emitted.toLocaleString('en-US')}, commits ${c.commits}, aborts ${c.aborts}`)
        process.removeAllListeners('SIGINT')
        process.removeAllListeners('SIGTERM')
      }
    })
}

/** One processor in the main thread, seen through the same interface as stream threads. */
function singleThread (processor: ProcessorInstance): Pick<StreamThreads, 'stop' | 'done' | 'totals'> {
  const running = processor.run()
  running.catch(() => {})
  return {
    stop: () => { processor.stop() },
    done: async () => { await running },
    totals: () => processor.totals()
  }
}
