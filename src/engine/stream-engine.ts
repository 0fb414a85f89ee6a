// The pure processing loop: records in, and per commit one unit of outputs, changelog writes and input offsets.
//
// No Kafka client here. src/kafka/exactly-once-runner.ts feeds it consumed batches and writes each commit unit in
// one Kafka transaction; tests feed it arrays and a virtual clock (as Kafka Streams' TopologyTestDriver does).
import { deadLetterRecord } from './dead-letter.ts'
import type { IncomingRecord, OutgoingRecord } from './records.ts'
import type { StreamTask, TaskContext, Topology } from './topology.ts'

export interface InputPosition { readonly topic: string; readonly partition: number; readonly offset: bigint }

/** Everything one transaction must write atomically. */
export interface CommitUnit {
  readonly outputs: readonly OutgoingRecord[]
  readonly changelog: readonly OutgoingRecord[]
  /** Per input topic-partition: the offset of the last record processed (the commit stores offset + 1). */
  readonly positions: readonly InputPosition[]
  readonly processed: number
  readonly deadLettered: number
}

export interface EngineCounters { processed: number; internal: number; deadLettered: number; emitted: number; commits: number; aborts: number }

export interface EngineOptions {
  readonly processorId: string
  readonly now: () => number
  /** The partition of a key among n, as the producer chooses it; without it, repartitioned records always go through Kafka. */
  readonly partitionOf?: (key: string | Buffer, partitions: number) => number
}

const NO_HEADERS: ReadonlyMap<string, Buffer> = new Map()

export class StreamEngine {
  readonly topology: Topology
  readonly counters: EngineCounters = { processed: 0, internal: 0, deadLettered: 0, emitted: 0, commits: 0, aborts: 0 }
  readonly #options: EngineOptions
  readonly #tasks = new Map<number, { task: StreamTask; ctx: TaskContext }>()
  #outputs: OutgoingRecord[] = []
  /** The last record processed, per input topic and partition (nested maps: no key string per record). */
  #positions = new Map<string, Map<number, InputPosition>>()
  #processed = 0
  #internal = 0
  #deadLettered = 0
  readonly #internalTopics: ReadonlySet<string>
  /** Repartitioned records for tasks of this engine, processed right after the record that emitted them. */
  readonly #handedOver: IncomingRecord[] = []
  /** Hand-overs happen only while records are processed (commit hooks run after the tasks' last chance to process). */
  #processing = false

  constructor (topology: Topology, options: EngineOptions) {
    this.topology = topology
    this.#options = options
    this.#internalTopics = new Set(topology.internalTopics ?? [])
  }

  /** Creates a task (with empty stores) for each partition; restore() fills them before processing. */
  assign (partitions: readonly number[]): void {
    for (const partition of partitions) {
      if (!this.#tasks.has(partition)) this.#tasks.set(partition, { task: this.topology.createTask(partition), ctx: this.#context(partition) })
    }
  }

  /** Drops the tasks (and their memory) of partitions this process no longer owns. */
  revoke (partitions: readonly number[]): void {
    for (const partition of partitions) this.#tasks.delete(partition)
  }

  get partitions (): number[] {
    return [...this.#tasks.keys()].sort((a, b) => a - b)
  }

  task (partition: number): StreamTask | undefined {
    return this.#tasks.get(partition)?.task
  }

  /** Loads changelog records of one partition's store; call reloaded() when the partition is complete. */
  restore (partition: number, storeName: string, key: string, value: Buffer | null): void {
    const store = this.#tasks.get(partition)?.task.stores.find((s) => s.name === storeName)
    store?.restore(key, value)
  }

  reloaded (partition: number): void {
    this.#tasks.get(partition)?.task.reload()
  }

  process (records: Iterable<IncomingRecord>): void {
    this.#processing = true
    try {
      this.#processRecords(records)
    } finally {
      this.#processing = false
    }
  }

  #processRecords (records: Iterable<IncomingRecord>): void {
    for (const record of records) {
      const entry = this.#tasks.get(record.partition)
      if (entry === undefined) throw new Error(`no task for partition ${record.partition} (not assigned)`)
      entry.task.process(record, entry.ctx)
      this.#remember(record)
      if (this.#internalTopics.has(record.topic)) this.#internal++
      else this.#processed++
      if (this.#handedOver.length > 0) this.#processHandedOver()
    }
  }

  /** Records repartitioned to a partition this engine owns: no offset to remember, counted as internal. */
  #processHandedOver (): void {
    for (let i = 0; i < this.#handedOver.length; i++) {
      const record = this.#handedOver[i]!
      const entry = this.#tasks.get(record.partition)!
      entry.task.process(record, entry.ctx)
      this.#internal++
    }
    this.#handedOver.length = 0
  }

  /** True when the record went to a task of this engine instead of to Kafka. */
  #handOver (record: OutgoingRecord): boolean {
    const partitions = this.topology.repartitionPartitions?.get(record.topic)
    const partitionOf = this.#options.partitionOf
    if (!this.#processing || partitions === undefined || partitionOf === undefined || record.key === null) return false
    const partition = partitionOf(record.key, partitions)
    if (!this.#tasks.has(partition)) return false
    const key = typeof record.key === 'string' ? Buffer.from(record.key) : record.key
    this.#handedOver.push({ topic: record.topic, partition, offset: -1n, timestamp: record.timestamp ?? this.#options.now(), key, value: record.value, headers: NO_HEADERS, decoded: record.decoded })
    return true
  }

  /** Closes the current unit of work: runs the tasks' commit hooks and collects what the transaction must write. */
  prepareCommit (flush = false): CommitUnit {
    for (const { task, ctx } of this.#tasks.values()) {
      task.beforeCommit(ctx)
      if (flush) task.flush?.(ctx)
    }
    const changelog: OutgoingRecord[] = []
    for (const [partition, { task }] of this.#tasks) {
      for (const store of task.stores) {
        const topic = this.topology.changelogTopic(store.name)
        store.forEachPendingChange((key, value) => {
          changelog.push({ topic, key, value: value === undefined ? null : store.codec.encode(value), partition })
        })
      }
    }
    const positions = [...this.#positions.values()].flatMap((byPartition) => [...byPartition.values()])
    return { outputs: this.#outputs, changelog, positions, processed: this.#processed, deadLettered: this.#deadLettered }
  }

  /** The transaction committed: pending state becomes committed state. */
  committed (): void {
    for (const { task } of this.#tasks.values()) for (const store of task.stores) store.commit()
    this.counters.processed += this.#processed
    this.counters.internal += this.#internal
    this.counters.deadLettered += this.#deadLettered
    this.counters.emitted += this.#outputs.length
    this.counters.commits++
    this.#reset()
  }

  /** The transaction aborted: pending state is dropped; the caller re-reads from the committed offsets. */
  aborted (): void {
    for (const { task } of this.#tasks.values()) {
      for (const store of task.stores) store.abort()
      task.reload()
    }
    this.counters.aborts++
    this.#reset()
  }

  get pendingRecords (): number {
    return this.#processed + this.#internal
  }

  #remember (record: IncomingRecord): void {
    let byPartition = this.#positions.get(record.topic)
    if (byPartition === undefined) this.#positions.set(record.topic, byPartition = new Map<number, InputPosition>())
    byPartition.set(record.partition, record)
  }

  #reset (): void {
    this.#outputs = []
    this.#handedOver.length = 0
    this.#positions = new Map()
    this.#processed = 0
    this.#internal = 0
    this.#deadLettered = 0
  }

  #context (partition: number): TaskContext {
    const { processorId, now } = this.#options
    return {
      partition,
      processorId,
      now,
      emit: (record) => { if (!this.#handOver(record)) this.#outputs.push(record) },
      deadLetter: (source, failure) => {
        this.#outputs.push(deadLetterRecord(this.topology.deadLetterTopic, source, failure, processorId, now()))
        this.#deadLettered++
      }
    }
  }
}
