// A dead letter: the failed record's bytes unchanged, with headers saying where it came from and why it failed.
import type { IncomingRecord, OutgoingRecord } from './records.ts'
import type { RecordFailure } from './topology.ts'

/** Header names, in the spirit of Kafka Connect's __connect.errors.* and Spring's kafka_dlt-*. */
export const DeadLetterHeaders = {
  topic: 'pesaflow.dlq.original.topic',
  partition: 'pesaflow.dlq.original.partition',
  offset: 'pesaflow.dlq.original.offset',
  timestamp: 'pesaflow.dlq.original.timestamp',
  code: 'pesaflow.dlq.error.code',
  message: 'pesaflow.dlq.error.message',
  processor: 'pesaflow.dlq.processor.id',
  failedAt: 'pesaflow.dlq.failed.at'
} as const

export function deadLetterRecord (deadLetterTopic: string, source: IncomingRecord, failure: RecordFailure, processorId: string, failedAt: number): OutgoingRecord {
  return {
    topic: deadLetterTopic,
    key: source.key,
    value: source.value,
    timestamp: source.timestamp,
    // Same partition number as the source, so a partition's dead letters stay in order.
    partition: source.partition,
    headers: {
      [DeadLetterHeaders.topic]: source.topic,
      [DeadLetterHeaders.partition]: String(source.partition),
      [DeadLetterHeaders.offset]: source.offset.toString(),
      [DeadLetterHeaders.timestamp]: String(source.timestamp),
      [DeadLetterHeaders.code]: failure.code,
      [DeadLetterHeaders.message]: failure.message.slice(0, 1000),
      [DeadLetterHeaders.processor]: processorId,
      [DeadLetterHeaders.failedAt]: new Date(failedAt).toISOString()
    }
  }
}
