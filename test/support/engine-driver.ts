// Drives the M-Pesa topology on the pure engine with arrays and a virtual clock (no Kafka), keeping what each commit wrote.
import { formatEat } from '../../src/domain/eat-time.ts'
import type { IncomingRecord, OutgoingRecord } from '../../src/engine/records.ts'
import { StreamEngine } from '../../src/engine/stream-engine.ts'
import { createGenerator } from '../../src/generator/generator.ts'
import type { GeneratorOptions } from '../../src/generator/options.ts'
import { partitionForKey } from '../../src/kafka/partitioner.ts'
import { defaultRuleSet } from '../../src/detection/rule-set.ts'
import type { Transaction } from '../../src/domain/schema.ts'
import { LiveRules } from '../../src/pipeline/live-rules.ts'
import { defaultPipelineSettings, type PipelineSettings } from '../../src/pipeline/settings.ts'
import { mpesaTopology } from '../../src/pipeline/topology.ts'
import { resolveTopics } from '../../src/topics/registry.ts'

export const topics = resolveTopics({ prefix: '', partitions: 3, replicationFactor: 1, retentionMs: 604_800_000 })
export const settings: PipelineSettings = { ...defaultPipelineSettings }

/** handOver: inflows for the engine's own partitions skip the repartition topic (as the processor does). */
export function newEngine (clock: { now: number }, overrides: Partial<PipelineSettings> = {}, handOver = false): StreamEngine {
  const s = { ...settings, ...overrides }
  const engine = new StreamEngine(mpesaTopology(topics, s, new LiveRules(defaultRuleSet())), { processorId: 'test', now: () => clock.now, partitionOf: handOver ? partitionForKey : undefined })
  engine.assign([0, 1, 2])
  return engine
}

/** The generated stream as it would sit in Kafka: partition by key, offsets per topic-partition. */
export function generatedInput (options: GeneratorOptions, limit = Number.POSITIVE_INFINITY): IncomingRecord[] {
  const generator = createGenerator(options)
  const offsets = new Map<string, bigint>()
  const records: IncomingRecord[] = []
  for (const record of generator) {
    if (records.length >= limit) break
    const topic = record.topic === 'transactions' ? topics.transactions.name : topics.accountEvents.name
    const partition = partitionForKey(record.key, 3)
    const offset = offsets.get(`${topic}:${partition}`) ?? 0n
    offsets.set(`${topic}:${partition}`, offset + 1n)
    records.push({ topic, partition, offset, timestamp: record.timestamp, key: Buffer.from(record.key), value: record.value, headers: new Map() })
  }
  return records
}

/** A committed "Kafka": what the commits wrote, by topic. */
export class CommittedLog {
  readonly byTopic = new Map<string, OutgoingRecord[]>()
  add (records: readonly OutgoingRecord[]): void {
    for (const r of records) {
      const list = this.byTopic.get(r.topic) ?? []
      list.push(r)
      this.byTopic.set(r.topic, list)
    }
  }

  values (topic: string): Buffer[] {
    return (this.byTopic.get(topic) ?? []).map((r) => r.value).filter((v): v is Buffer => v !== null)
  }
}

/** The default rules' high-value test, for counting the alerts it must raise. */
export function isHighValue (tx: Transaction): boolean {
  const rule = defaultRuleSet().rules.HIGH_VALUE_TRANSFER
  return tx.amount >= rule.threshold_kes && (rule.statuses as readonly string[]).includes(tx.status)
}

/**
 * Processes records in batches, committing each batch (advancing the virtual clock); returns the committed log.
 * Records the commits write to the inflow repartition topic come back as input of the receiver's partition in the
 * next batch, as they would from Kafka.
 */
export function runCommitted (engine: StreamEngine, records: readonly IncomingRecord[], batchSize: number, clock: { now: number }, log = new CommittedLog()): CommittedLog {
  const routed: IncomingRecord[] = []
  // Offsets continue from what earlier runs on this log already routed (a restarted engine resumes after them).
  const offsets = new Map<number, bigint>()
  for (const r of log.byTopic.get(topics.inflowRepartition.name) ?? []) {
    const partition = partitionForKey(String(r.key), 3)
    offsets.set(partition, (offsets.get(partition) ?? 0n) + 1n)
  }
  for (let i = 0; routed.length > 0 || i < records.length; i += batchSize) {
    engine.process([...routed.splice(0), ...records.slice(i, i + batchSize)])
    clock.now += 100
    const unit = engine.prepareCommit(i + batchSize >= records.length && routed.length === 0)
    log.add(unit.outputs)
    log.add(unit.changelog)
    engine.committed()
    for (const r of unit.outputs.filter((o) => o.topic === topics.inflowRepartition.name)) {
      const key = String(r.key)
      const partition = partitionForKey(key, 3)
      const offset = offsets.get(partition) ?? 0n
      offsets.set(partition, offset + 1n)
      routed.push({ topic: r.topic, partition, offset, timestamp: clock.now, key: Buffer.from(key), value: r.value, headers: new Map() })
    }
  }
  return log
}

/** A transaction as JSON at a given event time (for hand-made out-of-order cases). */
export function transactionAt (base: Buffer, eventTime: number, id: string): Buffer {
  const tx = JSON.parse(base.toString()) as Record<string, unknown>
  return Buffer.from(JSON.stringify({ ...tx, timestamp: formatEat(eventTime), transaction_id: id }))
}
