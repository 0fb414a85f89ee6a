// `pesaflow start` (npm start): the local broker unless KAFKA_BROKERS is set, the topics, generated traffic, the
// exactly-once processor (a child process in mpesa-consumer-group) and the dashboard, until Ctrl-C.
import { Command } from 'commander'
import { join } from 'node:path'
import { z } from 'zod'
import { startOperationsDashboard, type RunningDashboard } from '../../app/operations-dashboard.ts'
import { startProcessorChild } from '../../app/processor-child.ts'
import { readableRecord } from '../../app/readable.ts'
import { runTraffic } from '../../app/traffic-producer.ts'
import { createKafkaTrafficSink, trafficTopics } from '../../app/traffic-sink.ts'
import { wholeStream, type TrafficSource } from '../../app/traffic-source.ts'
import { stopLocalCluster } from '../../broker/local-cluster.ts'
import { createGenerator } from '../../generator/generator.ts'
import { consumerLag } from '../../kafka/consumer-lag.ts'
import { consumerGroupName } from '../../topics/registry.ts'
import { ensureCluster } from '../cluster.ts'
import { commandContext, untilStopSignal } from '../context.ts'
import { parseFlags } from '../options.ts'
import { formatRate } from '../progress.ts'
import { createAllTopics } from './topics.ts'

const StartFlags = z.object({
  rate: z.coerce.number().min(1).max(1_000_000).default(200),
  seed: z.coerce.number().int().min(0).default(42),
  fraudRate: z.coerce.number().min(0).max(0.5).default(0.002),
  keepBroker: z.boolean().default(false),
  dashboard: z.boolean().default(true),
  host: z.string().optional(),
  dashboardPort: z.string().optional()
})

/** The stream, remembering its last transaction for a masked sample on screen. */
function sampled (source: TrafficSource): TrafficSource & { last: () => string } {
  let last = ''
  return {
    next: (limit) => {
      const record = source.next(limit)
      if (record !== null && record !== undefined && record.topic === 'transactions') last = readableRecord(record.value, 120)
      return record
    },
    get position () { return source.position },
    takeLabels: () => source.takeLabels(),
    last: () => last
  }
}

export function startCommand (): Command {
  return new Command('start')
    .description('run the pipeline: local Kafka (unless KAFKA_BROKERS), topics, traffic, the exactly-once processor and the dashboard; Ctrl-C stops it all')
    .option('--rate <n>', 'generated transactions per second', '200')
    .option('--seed <n>', 'generator seed', '42')
    .option('--fraud-rate <r>', 'share of traffic that starts a labelled fraud scenario', '0.002')
    .option('--no-dashboard', 'do not serve the dashboard')
    .option('--host <address>', 'dashboard address (anything but loopback requires DASHBOARD_TOKEN)')
    .option('--dashboard-port <port>', 'dashboard port (default 8080; 0: any free port)')
    .option('--keep-broker', 'leave the local broker running on exit')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(StartFlags, raw)
      const ctx = commandContext(command, { dashboardHost: flags.host, dashboardPort: flags.dashboardPort })
      const say = (line: string): void => { console.log(line) }
      const cluster = await ensureCluster(ctx, say)
      const created = await createAllTopics(ctx)
      say(`Topics ready: ${created.filter((t) => t.outcome === 'created').length} created, ${created.filter((t) => t.outcome === 'exists').length} already there`)

      const groupId = consumerGroupName(ctx.config.topics.prefix, 'pipeline')
      const processor = startProcessorChild(join(ctx.config.localCluster.dataDir, 'logs'), process.env, ['--topic-prefix', ctx.config.topics.prefix])
      let dashboard: RunningDashboard | undefined
      if (flags.dashboard) dashboard = await startOperationsDashboard(ctx.config, ctx.topics, ctx.log)
      const sink = createKafkaTrafficSink(ctx.config.kafka, trafficTopics(ctx.topics), 'lz4')
      const generator = createGenerator({ seed: flags.seed, fraudRate: flags.fraudRate, time: { mode: 'realtime', now: Date.now } })
      const stream = sampled(wholeStream(generator))
      const traffic = runTraffic(stream, sink, { rate: flags.rate, batchSize: 1000, lingerMs: 20, maxInFlight: 4 })
      say(`Pipeline running: ${flags.rate} transactions/s into ${ctx.topics.transactions.name}; processor in group ${groupId} (log: ${processor.logFile})` +
        `${dashboard === undefined ? '' : `; dashboard at ${dashboard.url}`}. Ctrl-C to stop.`)

      const ticker = setInterval(() => {
        void consumerLag(ctx.config.kafka, groupId, ctx.topics.transactions.name).then((lag) => {
          const processed = lag.rows.reduce((sum, r) => sum + Number(r.current ?? 0n), 0)
          const behind = lag.rows.reduce((sum, r) => sum + Number(r.lag ?? r.logEnd), 0)
          const seconds = (performance.now() - traffic.counts.startedAt) / 1000
          say(`produced ${traffic.counts.acknowledged.toLocaleString('en-US')} (${formatRate(traffic.counts.acknowledged, seconds)}/s)  processed ${processed.toLocaleString('en-US')}  lag ${behind}  last: ${stream.last()}`)
        }).catch(() => {})
      }, 2000)

      const signal = await Promise.race([untilStopSignal(() => { traffic.stop() }), processor.exited.then((code) => `processor exited (${code})`)])
      say(`\n${signal}: stopping...`)
      clearInterval(ticker)
      traffic.stop()
      const counts = await traffic.finished
      await sink.close()
      say(`Producer stopped: ${counts.acknowledged.toLocaleString('en-US')} records acknowledged, ${counts.failed} failed.`)
      const code = await processor.stop()
      say(`Processor left group ${groupId} (exit ${code}).`)
      if (dashboard !== undefined) {
        await dashboard.close()
        say('Dashboard stopped.')
      }
      if (cluster.startedLocally && !flags.keepBroker) {
        await stopLocalCluster(ctx.config.localCluster)
        say('Local Kafka broker stopped.')
      } else if (ctx.config.kafka.local) {
        say('Local Kafka broker left running (it was running before; `pesaflow kafka stop` stops it).')
      }
      if (code !== 0) throw new Error(`the processor exited with ${code}; see ${processor.logFile}`)
      say('Stopped cleanly.')
    })
}
