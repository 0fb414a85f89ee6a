// Where generated traffic goes: Kafka topics (records and labels), each record with its event time as timestamp.
import type { Label } from '../domain/labels.ts'
import type { GeneratedRecord, LogicalTopic } from '../generator/generator.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import { createRecordProducer } from '../kafka/producer.ts'
import type { Compression, OutgoingRecord } from '../engine/records.ts'
import type { TopicId, TopicSpec } from '../topics/registry.ts'

/** The Kafka topic names traffic goes to. */
export interface TrafficTopics { readonly transactions: string; readonly accountEvents: string; readonly fraudLabels: string }

export function trafficTopics (topics: Readonly<Record<TopicId, TopicSpec>>): TrafficTopics {
  return { transactions: topics.transactions.name, accountEvents: topics.accountEvents.name, fraudLabels: topics.fraudLabels.name }
}

export interface TrafficSink {
  /** Resolves when every record is acknowledged (or written). */
  write (records: readonly GeneratedRecord[]): Promise<void>
  writeLabels (labels: readonly Label[]): Promise<void>
  close (): Promise<void>
}

export function labelKey (label: Label): string {
  return label.kind === 'fraud' ? label.scenario_id : label.poison_id
}

export function createKafkaTrafficSink (kafka: KafkaConnection, topics: TrafficTopics, compression: Compression): TrafficSink {
  const producer = createRecordProducer(kafka, { compression, clientRole: 'traffic-producer' })
  const topicOf: Record<LogicalTopic, string> = { transactions: topics.transactions, 'account-events': topics.accountEvents }
  return {
    write: async (records) => {
      const out: OutgoingRecord[] = new Array<OutgoingRecord>(records.length)
      for (let i = 0; i < records.length; i++) {
        const r = records[i] as GeneratedRecord
        out[i] = { topic: topicOf[r.topic], key: r.key, value: r.value, timestamp: r.timestamp }
      }
      await producer.send(out)
    },
    writeLabels: async (labels) => {
      if (labels.length === 0) return
      await producer.send(labels.map((label) => ({
        topic: topics.fraudLabels, key: labelKey(label), value: Buffer.from(JSON.stringify(label))
      })))
    },
    close: async () => { await producer.close() }
  }
}
