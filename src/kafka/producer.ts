// An idempotent, acks=all producer behind a small interface; batching is the caller's choice of send size.
import { ProduceAcks, Producer, type MessageToProduce } from '@platformatic/kafka'
import { javaCompatiblePartitioner } from './partitioner.ts'
import { baseOptions, type KafkaConnection } from './client-options.ts'
import { toPesaflowError } from './errors.ts'
import type { Compression, OutgoingRecord } from '../engine/records.ts'

export interface RecordProducerOptions {
  readonly compression?: Compression
  readonly clientRole?: string
  /** Requests in flight per broker connection (idempotence keeps order up to 5). */
  readonly maxInflights?: number
}

export interface SendReceipt { readonly acknowledged: number }

export interface RecordProducer {
  send (records: readonly OutgoingRecord[]): Promise<SendReceipt>
  close (): Promise<void>
}

export function toMessage (record: OutgoingRecord): MessageToProduce {
  const message: MessageToProduce = { topic: record.topic }
  if (record.key !== null) message.key = typeof record.key === 'string' ? Buffer.from(record.key) : record.key
  if (record.value !== null) message.value = record.value
  if (record.timestamp !== undefined) message.timestamp = BigInt(record.timestamp)
  if (record.partition !== undefined) message.partition = record.partition
  if (record.headers !== undefined) {
    message.headers = new Map(Object.entries(record.headers).map(([k, v]) => [Buffer.from(k), typeof v === 'string' ? Buffer.from(v) : v]))
  }
  return message
}

export function createRecordProducer (kafka: KafkaConnection, options: RecordProducerOptions = {}): RecordProducer {
  const producer = new Producer({
    ...baseOptions(kafka, options.clientRole ?? 'producer'),
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: options.compression ?? 'lz4',
    maxInflights: options.maxInflights ?? 5,
    // Java-compatible murmur2: a key lands on the same partition as with Kafka's own clients and Kafka Streams,
    // and transactions (key sender) stay co-partitioned with account events (key msisdn).
    partitioner: javaCompatiblePartitioner,
    retries: 10
  })
  return {
    send: async (records) => {
      if (records.length === 0) return { acknowledged: 0 }
      try {
        await producer.send({ messages: records.map(toMessage) })
        return { acknowledged: records.length }
      } catch (error) {
        throw toPesaflowError(error, `producing ${records.length} records`)
      }
    },
    close: async () => { await producer.close(true) }
  }
}
