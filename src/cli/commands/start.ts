// `pesaflow start` (npm start): the local broker unless KAFKA_BROKERS is set, the topics, then the pipeline until Ctrl-C.
import { Command } from 'commander'
import { z } from 'zod'
import { startFlowMonitor } from '../../app/flow-monitor.ts'
import { runTraffic } from '../../app/traffic-producer.ts'
import { createKafkaTrafficSink, trafficTopics } from '../../app/traffic-sink.ts'
import { wholeStream } from '../../app/traffic-source.ts'
import { stopLocalCluster } from '../../broker/local-cluster.ts'
import { createGenerator } from '../../generator/generator.ts'
import { consumerGroupName } from '../../topics/registry.ts'
import { ensureCluster } from '../cluster.ts'
import { commandContext, untilStopSignal } from '../context.ts'
import { parseFlags } from '../options.ts'
import { formatRate } from '../progress.ts'
import { createAllTopics } from './topics.ts'

const StartFlags = z.object({
  rate: z.coerce.number().min(1).max(1_000_000).default(200),
  seed: z.coerce.number().int().min(0).default(42),
  keepBroker: z.boolean().default(false)
})

export function startCommand (): Command {
  return new Command('start')
    .description('run the pipeline: local Kafka (unless KAFKA_BROKERS), topics, traffic producer and the consumer group; Ctrl-C stops it all')
    .option('--rate <n>', 'generated transactions per second', '200')
    .option('--seed <n>', 'generator seed', '42')
    .option('--keep-broker', 'leave the local broker running on exit')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(StartFlags, raw)
      const ctx = commandContext(command)
      const say = (line: string): void => { console.log(line) }
      const cluster = await ensureCluster(ctx, say)
      const created = await createAllTopics(ctx)
      say(`Topics ready: ${created.filter((t) => t.outcome === 'created').length} created, ${created.filter((t) => t.outcome === 'exists').length} already there`)

      const groupId = consumerGroupName(ctx.config.topics.prefix, 'pipeline')
      const monitor = await startFlowMonitor(ctx.config.kafka, groupId, [ctx.topics.transactions.name, ctx.topics.accountEvents.name])
      const sink = createKafkaTrafficSink(ctx.config.kafka, trafficTopics(ctx.topics), 'lz4')
      const generator = createGenerator({ seed: flags.seed, time: { mode: 'realtime', now: Date.now } })
      const traffic = runTraffic(wholeStream(generator), sink, { rate: flags.rate, batchSize: 1000, lingerMs: 20, maxInFlight: 4 })
      say(`Pipeline running: producing ${flags.rate} transactions/s; consumer group ${groupId} reading ${ctx.topics.transactions.name}. Ctrl-C to stop.`)

      let lastConsumed = 0
      const ticker = setInterval(() => {
        const { consumed } = monitor.counts()
        const seconds = (performance.now() - traffic.counts.startedAt) / 1000
        say(`produced ${traffic.counts.acknowledged.toLocaleString('en-US')} (${formatRate(traffic.counts.acknowledged, seconds)}/s)  consumed ${consumed.toLocaleString('en-US')} (+${consumed - lastConsumed})  last: ${monitor.sampleLine()}`)
        lastConsumed = consumed
      }, 1000)

      const signal = await untilStopSignal(() => { traffic.stop() })
      say(`\n${signal}: stopping...`)
      clearInterval(ticker)
      const counts = await traffic.finished
      await sink.close()
      say(`Producer stopped: ${counts.acknowledged.toLocaleString('en-US')} records acknowledged, ${counts.failed} failed.`)
      await monitor.stop()
      say(`Consumer left group ${groupId} after reading ${monitor.counts().consumed.toLocaleString('en-US')} records.`)
      if (cluster.startedLocally && !flags.keepBroker) {
        await stopLocalCluster(ctx.config.localCluster)
        say('Local Kafka broker stopped.')
      } else if (ctx.config.kafka.local) {
        say('Local Kafka broker left running (it was running before; `pesaflow kafka stop` stops it).')
      }
      say('Stopped cleanly.')
    })
}
