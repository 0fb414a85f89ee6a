// The contract between the engine and an application: a topology makes one task per input partition.
import type { IncomingRecord, OutgoingRecord } from './records.ts'
import type { TransactionalStore } from './state/transactional-store.ts'

/** Why a record cannot be processed: a code from the application's list and a readable message. */
export interface RecordFailure { readonly code: string; readonly message: string }

export interface TaskContext {
  /** The input partition this task owns (of every input topic: they are co-partitioned). */
  readonly partition: number
  readonly processorId: string
  /** Wall-clock time in epoch ms (virtual in tests). */
  now (): number
  emit (record: OutgoingRecord): void
  /** Sends the record, byte for byte, to the dead-letter topic with provenance and error headers. */
  deadLetter (source: IncomingRecord, failure: RecordFailure): void
}

export interface StreamTask {
  /** Stores backed by a changelog topic; restored before the task processes anything. */
  readonly stores: readonly TransactionalStore<unknown>[]
  process (record: IncomingRecord, ctx: TaskContext): void
  /** Runs before every commit: close windows, emit updates, expire idle state. */
  beforeCommit (ctx: TaskContext): void
  /** Runs before the last commit (shutdown, caught up): emit whatever live views still lack. */
  flush? (ctx: TaskContext): void
  /** Called after a restore or an abort: in-memory indexes are rebuilt from the stores. */
  reload (): void
}

export interface Topology {
  readonly name: string
  readonly inputTopics: readonly string[]
  /** Input topics the topology writes itself (repartitioning): their records are counted apart from the input's. */
  readonly internalTopics?: readonly string[]
  /**
   * Partition counts of the internal topics written by key (repartitioning). A record for a partition this engine
   * owns is handed to that task at once, in the same unit of work, instead of a round trip through Kafka.
   */
  readonly repartitionPartitions?: ReadonlyMap<string, number>
  readonly deadLetterTopic: string
  changelogTopic (storeName: string): string
  createTask (partition: number): StreamTask
}
