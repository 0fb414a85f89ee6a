// A consumer in the pipeline's group that shows what flows: counts per second and a masked sample record.
import type { KafkaConnection } from '../kafka/client-options.ts'
import { createGroupConsumer, type GroupConsumer } from '../kafka/consumer.ts'
import type { IncomingRecord } from '../engine/records.ts'
import { readableRecord } from './readable.ts'

export interface FlowCounts { readonly consumed: number; readonly byTopic: ReadonlyMap<string, number>; readonly last: IncomingRecord | undefined }

export interface FlowMonitor {
  counts (): FlowCounts
  /** A human line: the last record's value, phone numbers masked, cut to a readable length. */
  sampleLine (): string
  stop (): Promise<void>
}

export async function startFlowMonitor (kafka: KafkaConnection, groupId: string, topics: readonly string[]): Promise<FlowMonitor> {
  const consumer: GroupConsumer = await createGroupConsumer(kafka, { groupId, topics, fallback: 'latest', clientRole: 'flow-monitor' })
  let consumed = 0
  let last: IncomingRecord | undefined
  const byTopic = new Map<string, number>()
  const loop = (async () => {
    for await (const record of consumer.records()) {
      consumed++
      last = record
      byTopic.set(record.topic, (byTopic.get(record.topic) ?? 0) + 1)
    }
  })()
  return {
    counts: () => ({ consumed, byTopic, last }),
    sampleLine: () => last === undefined ? '' : readableRecord(last.value),
    stop: async () => {
      await consumer.close()
      await loop.catch(() => {})
    }
  }
}
