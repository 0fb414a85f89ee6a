// The operations dashboard as one service: alert store, the sink that fills it, the live source and the web server.
import type { Config } from '../config/config.ts'
import { createDashboardServer } from '../dashboard/server.ts'
import type { Logger } from '../log/logger.ts'
import { createMetrics } from '../metrics/registry.ts'
import { openStore } from '../store/store.ts'
import { consumerGroupName, type TopicId, type TopicSpec } from '../topics/registry.ts'
import { KafkaLiveSource } from './kafka-live-source.ts'
import { runStoreSink } from './store-sink.ts'

export interface RunningDashboard {
  readonly url: string
  close (): Promise<void>
}

export async function startOperationsDashboard (config: Config, topics: Readonly<Record<TopicId, TopicSpec>>, log: Logger): Promise<RunningDashboard> {
  const db = await openStore({ url: config.store.databaseUrl, dataDir: config.store.databaseUrl === undefined ? config.store.dataDir : undefined })
  const events = (event: string, fields: Record<string, unknown> = {}): void => { log.info(fields, event) }
  const source = new KafkaLiveSource({
    kafka: config.kafka,
    groupId: consumerGroupName(config.topics.prefix, 'pipeline'),
    inputTopic: topics.transactions.name,
    outputTopics: [topics.alerts.name, topics.aggregates.name],
    deadLetterTopic: topics.deadLetters.name,
    log: events
  })
  const metrics = createMetrics()
  const stopSink = new AbortController()
  const sink = runStoreSink({
    kafka: config.kafka, db, sinkName: 'dashboard', alertsTopic: topics.alerts.name, aggregatesTopic: topics.aggregates.name,
    partitions: topics.alerts.partitions, log: events,
    onCommitted: (batch) => {
      source.committed(batch)
      for (const alert of batch.alerts) metrics.alerts.inc({ typology: alert.typology })
    }
  }, stopSink.signal).catch((error: unknown) => { log.error({ err: error }, 'the store sink stopped') })
  const server = createDashboardServer({ config: config.dashboard, source, store: db, metrics, log })
  const url = await server.listen()
  return {
    url,
    close: async () => {
      await server.close()
      stopSink.abort()
      await sink
      await source.close()
      await db.close()
    }
  }
}
