// Runs a StreamEngine against Kafka exactly once: consume, process, and write outputs, changelogs and offsets in one transaction.
//
// One transaction per commit interval. The offsets carry the consumer group's generation, so a zombie (an
// instance the group has moved on from) is fenced. Any failure aborts the transaction, drops the engine's
// pending state and reopens the session from the committed offsets; an indeterminate failure (a commit whose
// outcome is unknown) also rebuilds state from the changelogs and re-creates the producer, never reusing it.
import { Admin, Consumer, FetchIsolationLevels, MessagesStreamFallbackModes, MessagesStreamModes, ProduceAcks, Producer, type Message, type MessagesStream } from '@platformatic/kafka'
import { setTimeout as delay } from 'node:timers/promises'
import { describeError, PesaflowError } from '../errors.ts'
import { interleaveByTime } from '../engine/record-order.ts'
import type { Compression } from '../engine/records.ts'
import type { CommitUnit, StreamEngine } from '../engine/stream-engine.ts'
import { coPartitionAssigner } from './co-partition-assigner.ts'
import { readTopicsToEnd, waitUntilSettled } from './topic-reader.ts'
import { backoffWithJitter, baseOptions, type KafkaConnection } from './client-options.ts'
import { toIncomingRecord } from './consumer.ts'
import { describeKafkaError, toPesaflowError } from './errors.ts'
import { toMessage } from './producer.ts'
import { javaCompatiblePartitioner } from './partitioner.ts'

export interface RunnerOptions {
  readonly groupId: string
  readonly transactionalId: string
  readonly changelogTopics: readonly string[]
  readonly commitIntervalMs: number
  readonly maxBufferedRecords: number
  /** Batch compression of everything the processor writes (default lz4). */
  readonly compression?: Compression
  /** Stop once every assigned input partition is committed up to its end offset. */
  readonly untilCaughtUp: boolean
  readonly log: (event: string, fields?: Record<string, unknown>) => void
  /** Metrics hooks (all optional). */
  readonly observe?: RunnerObserver
  /**
   * With untilCaughtUp and several runners in one group (stream threads): asked once this runner is caught up, it
   * resolves true when every runner may stop. Default: stop at once.
   */
  readonly caughtUpGate?: (report: CaughtUpReport) => Promise<boolean>
  /**
   * With several runners starting together (stream threads): false until every one has joined the group, so the
   * first to join does not start on every partition only to hand most of them over (an abort and a restore) a
   * moment later. Default: always true.
   */
  readonly groupSettled?: () => boolean
}

/** A runner found its partitions caught up: when the check began, and when its last transaction with writes committed (epoch ms). */
export interface CaughtUpReport { readonly checkedAt: number; readonly lastWriteAt: number }

export interface RunnerObserver {
  /** A transaction committed: its records, what it wrote, how long the commit took, and the input's oldest record timestamp. */
  committed? (commit: { readonly unit: CommitUnit; readonly seconds: number; readonly oldestInputTimestamp: number | undefined }): void
  /** A rebalance gave this member these partitions in this generation. */
  assigned? (generation: number, partitions: readonly number[]): void
  restored? (seconds: number): void
}

export interface RunnerStatus {
  state: 'starting' | 'restoring' | 'running' | 'stopping' | 'stopped'
  sessions: number
  lastCommitAt: number
  lastCommitRecords: number
  restoring: { restored: number; target: number } | undefined
  lag: Map<string, bigint>
  restoreMs: number
}

/** What the group granted this member in one generation: offsets are committed under it, so a zombie is fenced. */
interface Membership {
  readonly generationId: number
  readonly memberId: string
  readonly coordinatorId: number | null
  /** The assigned input partitions by topic (checked per record without building a key string). */
  readonly owned: ReadonlyMap<string, ReadonlySet<number>>
  readonly partitions: readonly number[]
}

interface Session {
  readonly consumer: Consumer
  readonly producer: Producer
  stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>
  readonly buffer: Message[]
  failure: unknown
  membership: Membership | undefined
  /** The last committed message of each owned input partition: a fencing offset when a transaction has no new one. */
  readonly lastCommitted: Map<string, Message>
}

export class ExactlyOnceRunner {
  readonly status: RunnerStatus = { state: 'starting', sessions: 0, lastCommitAt: 0, lastCommitRecords: 0, restoring: undefined, lag: new Map(), restoreMs: 0 }
  readonly #kafka: KafkaConnection
  readonly #engine: StreamEngine
  readonly #options: RunnerOptions
  readonly #restored = new Set<number>()
  #stopRequested = false
  #rebuildState = false
  /** Counts revocations, so a restore that a rebalance overtook is recognised and done again. */
  #revocations = 0
  #lastCycleStart = 0
  /** Wall-clock time (ms, sub-ms precision) of the last committed transaction that wrote records. */
  #lastWriteAt = 0
  #lagRefreshedAt = Number.NEGATIVE_INFINITY
  #lagRefreshing = false

  constructor (kafka: KafkaConnection, engine: StreamEngine, options: RunnerOptions) {
    this.#kafka = kafka
    this.#engine = engine
    this.#options = options
  }

  /** Finish the open transaction (commit it) and leave the group. */
  stop (): void {
    this.#stopRequested = true
  }

  async run (): Promise<void> {
    let failures = 0
    while (!this.#stopRequested) {
      const session = await this.#openSession()
      try {
        const caughtUp = await this.#processSession(session)
        failures = 0
        if (caughtUp) break
      } catch (error) {
        const failure = toPesaflowError(error, 'exactly-once processing')
        if (!failure.retryable && isConfigurationError(failure)) throw failure
        failures++
        this.#options.log('session failed; aborting and re-reading from the committed offsets', { error: failure.message, code: failure.code, failures })
        if (failures >= 20) throw new PesaflowError('KAFKA_FATAL', `giving up after ${failures} consecutive failures: ${failure.message}`, { cause: error })
        await delay(backoffWithJitter(undefined, 'session', failures))
      } finally {
        this.status.state = 'stopping'
        await this.#closeSession(session)
      }
    }
    this.status.state = 'stopped'
  }

  async #openSession (): Promise<Session> {
    this.status.sessions++
    const base = baseOptions(this.#kafka, 'processor')
    const consumer = new Consumer({
      ...base,
      groupId: this.#options.groupId,
      autocommit: false,
      sessionTimeout: 10_000,
      // A member learns of a rebalance from a heartbeat's answer: every 300 ms keeps the others waiting little when a member joins.
      heartbeatInterval: 300,
      rebalanceTimeout: 30_000,
      maxWaitTime: Math.min(500, this.#options.commitIntervalMs),
      // Bounded fetches (see FETCH_BYTES_PER_PARTITION). With the client's default, 50 MB per partition, one fetch
      // response could hold hundreds of MB, decoded into message objects in one go: at start-up that took a stream
      // thread for over a second (delaying its restore) and the process to 1.6 GB.
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      maxBytes: FETCH_MAX_BYTES,
      highWaterMark: 4096,
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      partitionAssigner: coPartitionAssigner
    })
    const producer = new Producer({
      ...base,
      idempotent: true,
      transactionalId: this.#options.transactionalId,
      // -1/-1 asks the coordinator for a fresh epoch, fencing any earlier producer of this id. The client's default
      // (0/0) is accepted only for a never-used id: a restarted processor would be refused with PRODUCER_FENCED.
      producerId: -1n,
      producerEpoch: -1,
      acks: ProduceAcks.ALL,
      compression: this.#options.compression ?? 'lz4',
      partitioner: javaCompatiblePartitioner,
      // Also the transaction timeout: a crashed instance's open transaction is aborted by the broker after it.
      timeout: 15_000
    })
    const session: Session = { consumer, producer, stream: await this.#consume(consumer), buffer: [], failure: undefined, membership: undefined, lastCommitted: new Map() }
    consumer.on('consumer:group:join', () => { this.#onAssignment(session) })
    this.#attach(session)
    this.#onAssignment(session)
    return session
  }

  async #consume (consumer: Consumer): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer>> {
    return consumer.consume({
      topics: [...this.#engine.topology.inputTopics],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST
    })
  }

  #attach (session: Session): void {
    const stream = session.stream
    stream.on('data', (message: Message) => {
      if (session.stream !== stream) return
      session.buffer.push(message)
      if (session.buffer.length >= this.#options.maxBufferedRecords) stream.pause()
    })
    stream.on('error', (error: unknown) => { if (session.stream === stream) session.failure = error })
  }

  /**
   * After a rebalance aborted a transaction: a new stream on the same consumer starts again from the committed
   * offsets (the client cannot seek). The consumer stays in the group, so the other members are not disturbed.
   */
  async #rewind (session: Session): Promise<void> {
    const old = session.stream
    session.buffer.length = 0
    session.failure = undefined
    session.stream = await this.#consume(session.consumer)
    this.#attach(session)
    await old.close().catch(() => {})
    session.buffer.length = 0
  }

  /**
   * Keeps the engine's tasks in step with the group's assignment; new partitions are restored before use.
   * Called on the client's join event, which fires once SyncGroup has delivered the assignment: the generation and
   * the partitions are captured together. (The client updates its generation at JoinGroup, earlier, so records
   * decoded in between carry the new generation with the old assignment; they are never trusted for ownership.)
   */
  #onAssignment (session: Session): void {
    const { consumer } = session
    const assignments = consumer.assignments ?? []
    const owned = new Map(assignments.map((a) => [a.topic, new Set(a.partitions)]))
    const assigned = [...new Set(assignments.flatMap((a) => a.partitions))].sort((a, b) => a - b)
    session.membership = consumer.memberId === null
      ? undefined
      : { generationId: consumer.generationId, memberId: consumer.memberId, coordinatorId: consumer.coordinatorId, owned, partitions: assigned }
    for (const [key, message] of session.lastCommitted) if (owned.get(message.topic)?.has(message.partition) !== true) session.lastCommitted.delete(key)
    this.#options.log('partitions assigned', { generation: consumer.generationId, partitions: assigned, topics: assignments.map((a) => a.topic) })
    const revoked = this.#engine.partitions.filter((p) => !assigned.includes(p))
    this.#options.observe?.assigned?.(consumer.generationId, assigned)
    if (revoked.length > 0) {
      this.#revocations++
      this.#engine.revoke(revoked)
      for (const p of revoked) this.#restored.delete(p)
      this.#options.log('partitions revoked', { partitions: revoked })
    }
    this.#engine.assign(assigned)
  }

  async #processSession (session: Session): Promise<boolean> {
    this.status.state = 'running'
    while (true) {
      if (session.failure !== undefined) throw session.failure instanceof Error ? session.failure : new Error(describeError(session.failure))
      if (this.#stopRequested) {
        await this.#commitBatch(session, [], true)
        return false
      }
      // A transaction per commit interval, counted from the start of the previous one (not after its commit).
      const wait = this.#lastCycleStart + this.#options.commitIntervalMs - performance.now()
      await delay(session.buffer.length >= this.#options.maxBufferedRecords ? 0 : Math.max(0, wait))
      this.#lastCycleStart = performance.now()
      if (this.#options.groupSettled?.() === false) continue
      await this.#ensureRestored(session)
      const buffered = session.buffer.splice(0)
      const batch = this.#ownedRecords(session, buffered)
      if (batch.length < buffered.length) {
        // Records of a partition that was (perhaps only briefly) not ours: the stream may not fetch them again by
        // itself, so it restarts from the committed offsets of every partition we now own.
        this.#options.log('dropped records of partitions not owned in this generation; re-reading from the committed offsets', { dropped: buffered.length - batch.length })
        await this.#rewind(session)
        continue
      }
      session.stream.resume()
      try {
        await this.#commitBatch(session, batch, false)
      } catch (error) {
        if (this.#rebuildState || !isRebalance(error)) throw error
        this.#options.log('transaction aborted by a rebalance; re-reading from the committed offsets', { error: describeKafkaError(error) })
        await this.#rewind(session)
        continue
      }
      if (!this.#options.untilCaughtUp) this.#refreshLagNowAndThen(session)
      if (this.#options.untilCaughtUp && session.buffer.length === 0) {
        const checkedAt = wallClock()
        if (await this.#caughtUp(session) && await (this.#options.caughtUpGate?.({ checkedAt, lastWriteAt: this.#lastWriteAt }) ?? true)) {
          await this.#commitBatch(session, [], true)
          return true
        }
      }
    }
  }

  /**
   * Drops buffered records of partitions this member does not own in its current generation (fetched before a
   * rebalance took them away): their new owner reads them from the committed offsets.
   */
  #ownedRecords (session: Session, buffered: Message[]): Message[] {
    const owned = session.membership?.owned
    if (owned === undefined) return []
    return buffered.filter((m) => owned.get(m.topic)?.has(m.partition) === true)
  }

  /** Restores every owned partition not yet restored; a restore that a rebalance overtook is done again. */
  async #ensureRestored (session: Session): Promise<void> {
    if (this.#rebuildState) {
      this.#restored.clear()
      this.#rebuildState = false
    }
    while (true) {
      const partitions = (session.membership?.partitions ?? []).filter((p) => !this.#restored.has(p))
      if (partitions.length === 0) return
      const revocations = this.#revocations
      const started = performance.now()
      this.status.state = 'restoring'
      const records = await this.#restore(partitions)
      this.status.restoring = undefined
      this.status.state = 'running'
      if (this.#revocations !== revocations) {
        this.#options.log('a rebalance overtook the restore; restoring again', { partitions })
        continue
      }
      for (const p of partitions) {
        this.#engine.reloaded(p)
        this.#restored.add(p)
      }
      this.status.restoreMs += performance.now() - started
      this.#options.observe?.restored?.((performance.now() - started) / 1000)
      const memory = process.memoryUsage()
      const mb = (bytes: number): number => Math.round(bytes / 1e6)
      this.#options.log('state restored', { partitions, records, ms: Math.round(performance.now() - started), rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed), externalMb: mb(memory.external) })
    }
  }

  /** Loads the partitions' stores from their changelogs, once no transaction of the group is pending. */
  async #restore (partitions: readonly number[]): Promise<number> {
    await this.#waitForStableOffsets()
    await waitUntilSettled(this.#kafka, this.#options.changelogTopics, partitions)
    this.#engine.assign(partitions)
    for (const p of partitions) this.#engine.task(p)?.stores.forEach((s) => { s.clear() })
    const storeOf = new Map(this.#engine.task(partitions[0] ?? 0)?.stores.map((s) => [this.#engine.topology.changelogTopic(s.name), s.name]) ?? [])
    return await readTopicsToEnd(this.#kafka, this.#options.changelogTopics, partitions, (record) => {
      const store = storeOf.get(record.topic)
      if (store !== undefined) this.#engine.restore(record.partition, store, record.key?.toString() ?? '', record.value)
    }, (progress) => {
      this.status.restoring = progress
      this.#options.log('restoring state', { ...progress })
    })
  }

  /**
   * Waits until the group has no offsets pending in an open transaction (KIP-447's require_stable): the previous
   * owner of a partition may still be committing, and its changelog writes must be readable before we restore.
   */
  async #waitForStableOffsets (): Promise<void> {
    const admin = new Admin(baseOptions(this.#kafka, 'processor-admin'))
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          // The whole group. Narrowing this to the partitions being restored was tried on 2026-11-30 and reverted:
          // it was suspected of duplicate window results after a failover, whose cause turned out to be the client's
          // read_committed filtering (fixed in patches/), and it gave no measurable gain.
          await admin.listConsumerGroupOffsets({ groups: [this.#options.groupId], requireStable: true })
          return
        } catch (error) {
          if (!/UNSTABLE_OFFSET_COMMIT/.test(describeKafkaError(error)) || attempt >= 200) throw error
          await delay(backoffWithJitter(undefined, 'stable-offsets', Math.min(attempt, 4)))
        }
      }
    } finally {
      await admin.close().catch(() => {})
    }
  }

  /** Processes a batch and writes everything it produced, plus the input offsets, in one transaction. */
  async #commitBatch (session: Session, batch: readonly Message[], flush: boolean): Promise<void> {
    // The last message per topic and partition (nested maps: no key string per record).
    const lastByTopic = new Map<string, Map<number, Message>>()
    const records = batch.map((message) => {
      let byPartition = lastByTopic.get(message.topic)
      if (byPartition === undefined) lastByTopic.set(message.topic, byPartition = new Map<number, Message>())
      byPartition.set(message.partition, message)
      return toIncomingRecord(message)
    })
    const lastMessages = [...lastByTopic.values()].flatMap((byPartition) => [...byPartition.values()])
    let unit: CommitUnit
    try {
      this.#engine.process(interleaveByTime(records))
      unit = this.#engine.prepareCommit(flush)
      if (unit.outputs.length === 0 && unit.changelog.length === 0 && lastMessages.length === 0) {
        this.#engine.committed()
        return
      }
      const offsets = this.#offsetsToCommit(session, unit, lastMessages)
      if (offsets === undefined) return // nothing can fence it yet: stays pending, written with the next records
      const began = performance.now()
      await this.#writeTransaction(session, unit, offsets, lastMessages)
      const oldest = records.reduce((min, r) => Math.min(min, r.timestamp), Number.POSITIVE_INFINITY)
      this.#options.observe?.committed?.({ unit, seconds: (performance.now() - began) / 1000, oldestInputTimestamp: Number.isFinite(oldest) ? oldest : undefined })
    } catch (error) {
      this.#engine.aborted()
      throw error
    }
    this.#engine.committed()
    this.status.lastCommitAt = Date.now()
    this.status.lastCommitRecords = unit.processed
  }

  async #writeTransaction (session: Session, unit: CommitUnit, offsets: readonly Message[], lastMessages: readonly Message[]): Promise<void> {
    const transaction = await session.producer.beginTransaction()
    try {
      if (offsets.length > 0) await transaction.addConsumer(session.consumer)
      const messages = [...unit.outputs, ...unit.changelog].map(toMessage)
      // Bounded sends: one request's batch for a partition must stay under the broker's 1 MB message limit.
      for (let i = 0; i < messages.length; i += SEND_CHUNK) await transaction.send({ messages: messages.slice(i, i + SEND_CHUNK) })
      // One after another: the client deduplicates concurrent offset commits of a producer (they share the first
      // call's outcome), so offsets sent together would silently be lost except the first.
      for (const message of offsets) await transaction.addOffset(message)
    } catch (error) {
      await transaction.abort().catch(() => { this.#rebuildState = true })
      throw error
    }
    try {
      await transaction.commit()
    } catch (error) {
      // The outcome is unknown: state is rebuilt from the changelogs and the producer re-created (new session).
      this.#rebuildState = true
      throw error
    }
    for (const message of lastMessages) session.lastCommitted.set(`${message.topic}:${message.partition}`, message)
    if (unit.outputs.length > 0 || unit.changelog.length > 0) this.#lastWriteAt = wallClock()
  }

  /**
   * The input offsets, stamped with the generation in which this member was granted the partitions: if the group
   * has moved on, the broker refuses them and the whole transaction aborts. A transaction that writes anything
   * always carries at least one offset (re-committing a partition's last position), so it is always fenced;
   * when there is none yet, the caller keeps the work pending for the next transaction (undefined).
   */
  #offsetsToCommit (session: Session, unit: CommitUnit, lastMessages: readonly Message[]): Message[] | undefined {
    const membership = session.membership
    const writes = unit.outputs.length > 0 || unit.changelog.length > 0
    const candidates = lastMessages.length > 0 || !writes ? lastMessages : [...session.lastCommitted.values()].slice(0, 1)
    if (membership === undefined || (writes && candidates.length === 0)) return undefined
    const consumer = { groupId: this.#options.groupId, memberId: membership.memberId, generationId: membership.generationId, coordinatorId: membership.coordinatorId }
    return candidates.map((message) => ({ ...message, metadata: { ...message.metadata, consumer } }))
  }

  /**
   * Live runs (no --until-caught-up) measure the group's lag every LAG_REFRESH_MS in the background, for the progress
   * line and /metrics (the caught-up check measures it otherwise). A failed measurement keeps the last figures.
   */
  #refreshLagNowAndThen (session: Session): void {
    const now = performance.now()
    if (this.#lagRefreshing || now - this.#lagRefreshedAt < LAG_REFRESH_MS) return
    this.#lagRefreshing = true
    this.#lagRefreshedAt = now
    void this.#measureLag(session).then((lags) => {
      this.status.lag.clear()
      for (const [key, { lag }] of lags) this.status.lag.set(key, lag)
    }, () => {}).finally(() => { this.#lagRefreshing = false })
  }

  /** Per owned input partition ("topic:partition"): its committed end (read_committed) and that minus the group's committed offset. */
  async #measureLag (session: Session): Promise<Map<string, { readonly end: bigint; readonly lag: bigint }>> {
    const assignments = session.consumer.assignments ?? []
    const lags = new Map<string, { readonly end: bigint; readonly lag: bigint }>()
    if (assignments.length === 0) return lags
    const topics = assignments.map((a) => a.topic)
    const partitions = Object.fromEntries(assignments.map((a) => [a.topic, [...a.partitions]]))
    const ends = await session.consumer.listOffsets({ topics, partitions, isolationLevel: FetchIsolationLevels.READ_COMMITTED })
    const committed = await session.consumer.listCommittedOffsets({ topics: assignments.map((a) => ({ topic: a.topic, partitions: [...a.partitions] })) })
    for (const { topic, partitions: owned } of assignments) {
      for (const partition of owned) {
        const end = ends.get(topic)?.[partition] ?? 0n
        const position = committed.get(topic)?.[partition] ?? -1n
        lags.set(`${topic}:${partition}`, { end, lag: end - (position < 0n ? 0n : position) })
      }
    }
    return lags
  }

  /**
   * Caught up: every owned partition is committed up to its end, or (for a topic written in transactions, whose
   * last offset is a commit marker no record sits at) fetched up to its end with nothing left unprocessed; and no
   * partition holds a transaction still settling.
   */
  async #caughtUp (session: Session): Promise<boolean> {
    const assignments = session.consumer.assignments ?? []
    if (assignments.length === 0) return false
    const topics = assignments.map((a) => a.topic)
    const partitions = Object.fromEntries(assignments.map((a) => [a.topic, [...a.partitions]]))
    const lags = await this.#measureLag(session)
    // Above the last stable offset: a transaction not yet settled (its markers are written after the commit returns).
    const highWatermarks = await session.consumer.listOffsets({ topics, partitions, isolationLevel: FetchIsolationLevels.READ_UNCOMMITTED })
    // The client advances its fetch position before it pushes a response's records: let this round's pushes land.
    await new Promise((resolve) => { setImmediate(resolve) })
    const drained = session.buffer.length === 0 && session.stream.readableLength === 0
    let behind = false
    for (const { topic, partitions: owned } of assignments) {
      for (const partition of owned) {
        const key = `${topic}:${partition}`
        const { end, lag } = lags.get(key) ?? { end: 0n, lag: 0n }
        const fetched = session.stream.offsetsToFetch.get(key) ?? -1n
        this.status.lag.set(key, lag)
        const unsettled = (highWatermarks.get(topic)?.[partition] ?? 0n) > end
        if (unsettled || (lag > 0n && !(drained && fetched >= end))) behind = true
      }
    }
    return !behind
  }

  async #closeSession (session: Session): Promise<void> {
    await session.stream.close().catch(() => {})
    await session.consumer.close(true).catch(() => {})
    await session.producer.close(true).catch(() => {})
    // Records buffered but not committed will be read again by the next session.
    session.buffer.length = 0
  }
}

/** Epoch milliseconds with sub-millisecond precision, comparable across the threads of one process. */
function wallClock (): number {
  return performance.timeOrigin + performance.now()
}

/** How often a live run measures its lag (two requests to the broker). */
const LAG_REFRESH_MS = 2_000

/**
 * Bytes a fetch may return per partition and in all. 4 MB per partition (Kafka's Java default is 1 MB) measured
 * 5% faster in a backfill than 1 MB; the client's own default, 50 MB per partition, let one response hold
 * hundreds of MB.
 */
const FETCH_BYTES_PER_PARTITION = 4 * 1_048_576
const FETCH_MAX_BYTES = 16 * 1_048_576

/** Messages per send within a transaction (about 300 bytes each: well under 1 MB per partition batch). */
const SEND_CHUNK = 2000

/** The group moved on (a member joined or left): our transaction was aborted cleanly and the consumer rejoins. */
function isRebalance (error: unknown): boolean {
  return /ILLEGAL_GENERATION|REBALANCE_IN_PROGRESS|UNKNOWN_MEMBER_ID/.test(describeKafkaError(error))
}

function isConfigurationError (error: PesaflowError): boolean {
  return error.code === 'KAFKA_AUTHENTICATION' || error.code === 'CONFIG_INVALID'
}
