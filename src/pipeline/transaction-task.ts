// One processor task (one input partition): parse, dead-letter, watermark, windows, account state, detection.
import { parseAccountEvent, parseTransaction } from '../domain/parse.ts'
import { parseEat } from '../domain/eat-time.ts'
import type { Transaction } from '../domain/schema.ts'
import type { IncomingRecord } from '../engine/records.ts'
import { InputPositions, type PositionValue } from '../engine/state/input-positions.ts'
import { TransactionalStore, jsonCodec } from '../engine/state/transactional-store.ts'
import { detectionStateCodec } from '../detection/state-codec.ts'
import type { StreamTask, TaskContext } from '../engine/topology.ts'
import { Watermark } from '../engine/windows/watermark.ts'
import { PanedAggregator, type StoredPane } from '../engine/windows/paned-aggregator.ts'
import { FraudDetector, type Inflow } from '../detection/detector.ts'
import { isIdle, type DetectionStateValue } from '../detection/state.ts'
import { stateKeys, type StateKey } from '../detection/state-keys.ts'
import { alertRecord, type Alert } from './alerts.ts'
import type { LiveRules } from './live-rules.ts'
import { aggregateRecord, marketPanes, type MarketTotals } from './market-aggregates.ts'
import type { PipelineSettings } from './settings.ts'

export const StoreNames = { accounts: 'account-state', windows: 'window-state', meta: 'task-meta' } as const

export interface TaskTopics {
  readonly transactions: string
  readonly accountEvents: string
  readonly alerts: string
  readonly aggregates: string
  readonly lateEvents: string
  /** Internal repartition topic: inflows keyed by receiver, read back by the receiver's task. */
  readonly inflows: string
}

/** The task-meta store holds the stream time (key 'stream') and the input positions (keys 'position|<topic>'). */
interface TaskMeta extends PositionValue { readonly max_event_time?: number }

export interface TaskCounters { late: number; alerts: number; shadowAlerts: number; inflowsRouted: number; expired: number; alreadyApplied: number }

export class TransactionTask implements StreamTask {
  readonly stores: readonly TransactionalStore<unknown>[]
  readonly counters: TaskCounters = { late: 0, alerts: 0, shadowAlerts: 0, inflowsRouted: 0, expired: 0, alreadyApplied: 0 }
  // Binary changelog values (about a third of the JSON's bytes, cheaper to write); JSON changelogs still restore.
  readonly #accounts = new TransactionalStore<DetectionStateValue, StateKey>(StoreNames.accounts, detectionStateCodec, stateKeys)
  readonly #windows = new TransactionalStore<StoredPane<MarketTotals>>(StoreNames.windows, jsonCodec())
  readonly #meta = new TransactionalStore<TaskMeta>(StoreNames.meta, jsonCodec())
  readonly #positions = new InputPositions(this.#meta)
  readonly #windowed: PanedAggregator<Transaction, MarketTotals>
  readonly #topics: TaskTopics
  readonly #settings: PipelineSettings
  readonly #rules: LiveRules
  readonly #detector: FraudDetector
  #watermark: Watermark
  #lastEarlyUpdate = 0
  #lastExpiry = Number.NEGATIVE_INFINITY

  constructor (topics: TaskTopics, settings: PipelineSettings, rules: LiveRules) {
    this.#topics = topics
    this.#settings = settings
    this.#rules = rules
    this.#detector = new FraudDetector(rules.current, this.#accounts)
    this.stores = [this.#accounts, this.#windows, this.#meta] as readonly TransactionalStore<unknown>[]
    this.#windowed = new PanedAggregator(marketPanes, this.#windows)
    this.#watermark = new Watermark(settings)
  }

  process (record: IncomingRecord, ctx: TaskContext): void {
    if (!this.#positions.admit(record.topic, record.offset)) {
      this.counters.alreadyApplied++
      return
    }
    if (this.#detector.ruleSet !== this.#rules.current) this.#detector.setRules(this.#rules.current)
    if (record.topic === this.#topics.transactions) this.#processTransaction(record, ctx)
    else if (record.topic === this.#topics.accountEvents) this.#processAccountEvent(record, ctx)
    else this.#processInflow(record, ctx)
  }

  #processTransaction (record: IncomingRecord, ctx: TaskContext): void {
    const parsed = parseTransaction(record.value, this.#settings.maxRecordBytes)
    if (!parsed.ok) {
      ctx.deadLetter(record, parsed)
      return
    }
    const tx = parsed.value
    const eventTime = parseEat(tx.timestamp)
    if (this.#watermark.isLate(eventTime)) {
      this.counters.late++
      ctx.emit({ topic: this.#topics.lateEvents, key: record.key, value: record.value, timestamp: eventTime, partition: ctx.partition })
    } else {
      this.#windowed.add(tx, eventTime)
    }
    this.#watermark.observe(eventTime)
    if (this.#settings.detection === false) return
    this.#emitAlerts(this.#detector.onTransaction(tx, eventTime, ctx.now()), ctx)
    const inflow = this.#detector.inflowOf(tx, eventTime)
    if (inflow !== undefined) {
      // Keyed by receiver, partitioned like the transactions: it reaches the task that owns the receiver.
      this.counters.inflowsRouted++
      ctx.emit({ topic: this.#topics.inflows, key: inflow.receiver, value: Buffer.from(JSON.stringify(inflow)), decoded: inflow })
    }
  }

  /** An inflow routed from the sender's task (written by this pipeline, so it is trusted). */
  #processInflow (record: IncomingRecord, ctx: TaskContext): void {
    // Handed over inside this engine: the sender's task's object as is (never mutated by either side).
    const inflow = (record.decoded ?? JSON.parse(record.value?.toString('utf8') ?? 'null')) as Inflow | null
    if (inflow === null) return
    this.#emitAlerts(this.#detector.onInflow(inflow, ctx.now()), ctx)
  }

  #emitAlerts (alerts: readonly Alert[], ctx: TaskContext): void {
    for (const alert of alerts) {
      this.counters.alerts++
      ctx.emit(alertRecord(this.#topics.alerts, ctx.partition, alert, Date.parse(alert.event_time)))
    }
  }

  #processAccountEvent (record: IncomingRecord, ctx: TaskContext): void {
    const parsed = parseAccountEvent(record.value, this.#settings.maxRecordBytes)
    if (!parsed.ok) {
      ctx.deadLetter(record, parsed)
      return
    }
    if (this.#settings.detection === false) return
    this.#emitAlerts(this.#detector.onAccountEvent(parsed.value, parseEat(parsed.value.timestamp), ctx.now()), ctx)
  }

  beforeCommit (ctx: TaskContext): void {
    this.counters.shadowAlerts += this.#detector.takeShadowAlerts().alerts.length
    for (const result of this.#windowed.close(this.#watermark)) ctx.emit(aggregateRecord(this.#topics.aggregates, ctx.partition, result))
    const now = ctx.now()
    if (this.#settings.earlyUpdatesMs > 0 && now - this.#lastEarlyUpdate >= this.#settings.earlyUpdatesMs) {
      this.#lastEarlyUpdate = now
      this.emitEarlyUpdates(ctx, this.#watermark.maxEventTime)
    }
    this.#expireIdleAccounts()
    const stored = this.#meta.get('stream')
    if (stored?.max_event_time !== this.#watermark.maxEventTime && Number.isFinite(this.#watermark.maxEventTime)) {
      this.#meta.put('stream', { max_event_time: this.#watermark.maxEventTime })
    }
    this.#positions.save()
  }

  flush (ctx: TaskContext): void {
    this.emitEarlyUpdates(ctx)
  }

  /**
   * Intermediate results of the windows that changed, marked EARLY: periodically those still in progress at the
   * stream's time (what a live view shows; a backfill does not flood the topic), and all of them at shutdown.
   */
  emitEarlyUpdates (ctx: TaskContext, endingAfter?: number): void {
    for (const result of this.#windowed.drainUpdates(endingAfter)) ctx.emit(aggregateRecord(this.#topics.aggregates, ctx.partition, result))
  }

  /** Idle accounts are expired once per hour of stream time, through the changelog (tombstones). */
  #expireIdleAccounts (): void {
    const streamTime = this.#watermark.maxEventTime
    if (streamTime - this.#lastExpiry < 3_600_000) return
    this.#lastExpiry = streamTime
    const horizon = streamTime - this.#settings.idleStateMs
    this.counters.expired += this.#accounts.expire((state) => isIdle(state, horizon))
  }

  reload (): void {
    this.#positions.reload()
    this.#watermark = new Watermark(this.#settings, this.#meta.get('stream')?.max_event_time ?? Number.NEGATIVE_INFINITY)
    this.#windowed.rebuildIndex(this.#watermark)
  }

  get watermark (): Watermark {
    return this.#watermark
  }

  get accountCount (): number {
    return this.#accounts.size
  }
}
