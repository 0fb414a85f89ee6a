// The order a task processes a batch in: each topic's records in offset order, interleaved across topics by time.
//
// A task reads several co-partitioned topics (transactions, account events, routed inflows); records that arrive
// in the same batch are merged by timestamp, so a SIM swap at 10:00 is applied before the 10:01 cash-out that
// followed it, whichever topic the client fetched first (Kafka Streams picks the next record the same way).
import type { IncomingRecord } from './records.ts'

export function interleaveByTime (records: readonly IncomingRecord[]): IncomingRecord[] {
  // Partition, then topic, in order of first appearance (nested maps: no key string per record).
  const byPartition = new Map<number, Map<string, IncomingRecord[]>>()
  let queues = 0
  for (const record of records) {
    let byTopic = byPartition.get(record.partition)
    if (byTopic === undefined) byPartition.set(record.partition, byTopic = new Map<string, IncomingRecord[]>())
    const queue = byTopic.get(record.topic)
    if (queue === undefined) {
      byTopic.set(record.topic, [record])
      queues++
    } else {
      queue.push(record)
    }
  }
  if (queues <= 1) return [...records]
  const out: IncomingRecord[] = []
  for (const byTopic of byPartition.values()) {
    for (const record of merge([...byTopic.values()])) out.push(record)
  }
  return out
}

/** Repeatedly takes the queue head with the smallest timestamp (ties: the queue listed first). */
function merge (queues: IncomingRecord[][]): IncomingRecord[] {
  if (queues.length === 1) return queues[0] ?? []
  const heads = queues.map(() => 0)
  const out: IncomingRecord[] = []
  for (;;) {
    let best = -1
    for (let q = 0; q < queues.length; q++) {
      const candidate = queues[q]?.[heads[q] ?? 0]
      if (candidate === undefined) continue
      if (best < 0 || candidate.timestamp < (queues[best]?.[heads[best] ?? 0]?.timestamp ?? Number.POSITIVE_INFINITY)) best = q
    }
    if (best < 0) return out
    const record = queues[best]?.[heads[best] ?? 0]
    if (record !== undefined) out.push(record)
    heads[best] = (heads[best] ?? 0) + 1
  }
}
