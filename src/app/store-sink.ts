// Materialises mpesa-alerts and mpesa-aggregates into the alert store, exactly once: rows and offsets in one DB transaction.
import { setTimeout as delay } from 'node:timers/promises'
import { describeError } from '../errors.ts'
import type { IncomingRecord } from '../engine/records.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import { tailTopics } from '../kafka/topic-tail.ts'
import type { Alert } from '../pipeline/alerts.ts'
import { applyBatch, isStoreError, loadOffsets, parseAggregateRecord, parseAlertRecord, type AggregateRow, type Database, type SinkOffset } from '../store/store.ts'

export interface StoreSinkOptions {
  readonly kafka: KafkaConnection
  readonly db: Database
  readonly sinkName: string
  readonly alertsTopic: string
  readonly aggregatesTopic: string
  readonly partitions: number
  readonly log: (event: string, fields?: Record<string, unknown>) => void
  /** Called after each committed batch with what it held (live views follow the store through this). */
  readonly onCommitted?: (batch: { alerts: readonly Alert[]; aggregates: readonly AggregateRow[] }) => void
}

export interface SinkCounters { batches: number; alerts: number; aggregates: number; rejected: number; retries: number }

/** What one batch of records becomes: rows to upsert, the positions after them, and the records refused. */
export function toSinkBatch (records: readonly IncomingRecord[], alertsTopic: string): { alerts: Alert[]; aggregates: AggregateRow[]; offsets: SinkOffset[]; rejected: string[] } {
  const alerts: Alert[] = []
  const aggregates: AggregateRow[] = []
  const rejected: string[] = []
  const next = new Map<string, SinkOffset>()
  for (const record of records) {
    next.set(`${record.topic}:${record.partition}`, { topic: record.topic, partition: record.partition, nextOffset: record.offset + 1n })
    if (record.topic === alertsTopic) {
      const parsed = parseAlertRecord(record.value)
      if (parsed.ok) alerts.push(parsed.value)
      else rejected.push(`${record.topic}/${record.partition}@${record.offset}: ${parsed.code} ${parsed.message}`)
    } else {
      const parsed = parseAggregateRecord(record.value)
      if (parsed.ok) aggregates.push(parsed.value)
      else rejected.push(`${record.topic}/${record.partition}@${record.offset}: ${parsed.code} ${parsed.message}`)
    }
  }
  return { alerts, aggregates, offsets: [...next.values()], rejected }
}

/** Runs until the signal aborts. A retryable store failure retries the same batch with backoff; others end the sink. */
export async function runStoreSink (options: StoreSinkOptions, signal: AbortSignal): Promise<SinkCounters> {
  const counters: SinkCounters = { batches: 0, alerts: 0, aggregates: 0, rejected: 0, retries: 0 }
  const stored = await loadOffsets(options.db, options.sinkName)
  const from = new Map(stored.map((o) => [`${o.topic}:${o.partition}`, o.nextOffset]))
  options.log('store sink starting', { sink: options.sinkName, resumeFrom: stored.length })
  await tailTopics(options.kafka, {
    topics: [options.alertsTopic, options.aggregatesTopic],
    partitions: options.partitions,
    from,
    maxBatch: 5000,
    maxWaitMs: 200,
    role: 'store-sink',
    onBatch: async (records) => {
      const batch = toSinkBatch(records, options.alertsTopic)
      for (const reason of batch.rejected) options.log('record refused by the store sink (skipped)', { reason })
      await applyWithRetry(options, batch, counters, signal)
      counters.batches++
      counters.alerts += batch.alerts.length
      counters.aggregates += batch.aggregates.length
      counters.rejected += batch.rejected.length
      options.onCommitted?.({ alerts: batch.alerts, aggregates: batch.aggregates })
    }
  }, signal)
  return counters
}

async function applyWithRetry (options: StoreSinkOptions, batch: ReturnType<typeof toSinkBatch>, counters: SinkCounters, signal: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await applyBatch(options.db, options.sinkName, batch)
      return
    } catch (error) {
      if (!isStoreError(error) || !error.retryable || attempt >= 10 || signal.aborted) throw error
      counters.retries++
      options.log('store unavailable; retrying the batch', { attempt, error: describeError(error) })
      await delay(Math.min(5000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2))
    }
  }
}
