// Runs the fraud detector in-process over a recorded stream, as the processor would, and scores its alerts against the labels.
//
// Records are applied in stream order. Inflows (transfers into a customer) are held back and delivered a number of
// records later, as a repartition topic would, so the mule rule sees a receiver's cash-out before some of its inflows.
// Scoring can start after a warm-up (scoreFrom): rules that need history (dormancy: 90 idle days; the account's
// usual amounts) only mean something once the detector has watched long enough.

import { formatEat, parseEat } from '../domain/eat-time.ts'
import type { FraudLabel, Label } from '../domain/labels.ts'
import { parseAccountEvent, parseTransaction } from '../domain/parse.ts'
import type { Alert } from '../detection/alert.ts'
import { FraudDetector } from '../detection/detector.ts'
import type { Inflow, RuleCounters } from '../detection/detector.ts'
import type { RuleSet } from '../detection/rule-set.ts'
import { MemoryDetectionStore } from '../detection/state.ts'
import type { DetectionStateValue } from '../detection/state.ts'
import { scoreAlerts } from './scoring.ts'
import type { Scores } from './scoring.ts'

/** A record as the generator, a JSONL file or a Kafka consumer gives it; the topic name tells transactions from account events. */
export interface EvaluationRecord {
  readonly topic: string
  readonly value: Uint8Array | null | undefined
}

export interface EvaluateOptions {
  /** Event time (epoch ms) from which alerts, scenarios and clean transactions are scored; earlier records only build state. */
  readonly scoreFrom?: number
  /** An inflow reaches the receiver's task this many records later (default 64)... */
  readonly inflowDelayRecords?: number
  /** ...or once the stream's event time is this far past the inflow's, if sooner (default 5 minutes): a lagging repartition, not a stalled one. */
  readonly inflowMaxDelayMs?: number
}

export interface EvaluationReport {
  readonly rule_version: number
  readonly records: number
  readonly transactions: number
  readonly account_events: number
  /** Records that failed to parse (poison): skipped, as the processor dead-letters them. */
  readonly rejected: number
  readonly inflows_routed: number
  readonly scored_from: string | null
  readonly scored_transactions: number
  readonly scores: Scores
  readonly counters: RuleCounters
  /** Alerts in the scored span (shadow-mode hits are not alerts; see counters.shadow). */
  readonly alerts: readonly Alert[]
}

export const DEFAULT_INFLOW_DELAY = 64
export const DEFAULT_INFLOW_MAX_DELAY_MS = 5 * 60_000

function isAccountEventTopic(topic: string): boolean {
  return topic.endsWith('account-events')
}

/** Incremental form of evaluateStream: add records one by one, then finish with the labels. */
export class StreamEvaluator {
  readonly #detector: FraudDetector
  readonly #store = new MemoryDetectionStore<DetectionStateValue>()
  readonly #scoreFrom: number
  readonly #delay: number
  readonly #maxDelayMs: number
  readonly #pending: { due: number; inflow: Inflow }[] = []
  #pendingHead = 0
  readonly #alerts: Alert[] = []
  #records = 0
  #transactions = 0
  #events = 0
  #rejected = 0
  #routed = 0
  #scored = 0
  #lastTime = 0

  constructor(ruleSet: RuleSet, options: EvaluateOptions = {}) {
    this.#detector = new FraudDetector(ruleSet, this.#store)
    this.#scoreFrom = options.scoreFrom ?? Number.NEGATIVE_INFINITY
    this.#delay = options.inflowDelayRecords ?? DEFAULT_INFLOW_DELAY
    this.#maxDelayMs = options.inflowMaxDelayMs ?? DEFAULT_INFLOW_MAX_DELAY_MS
  }

  get detector(): FraudDetector {
    return this.#detector
  }

  /** State entries held (accounts, agents, the task). */
  get stateSize(): number {
    return this.#store.size
  }

  add(record: EvaluationRecord): void {
    this.#records++
    if (isAccountEventTopic(record.topic)) this.#addEvent(record.value)
    else this.#addTransaction(record.value)
    this.#deliverDue(this.#records)
  }

  #addTransaction(value: Uint8Array | null | undefined): void {
    const parsed = parseTransaction(value)
    if (!parsed.ok) {
      this.#rejected++
      return
    }
    const tx = parsed.value
    const eventTime = parseEat(tx.timestamp)
    this.#transactions++
    if (eventTime >= this.#scoreFrom) this.#scored++
    this.#lastTime = eventTime
    this.#keep(this.#detector.onTransaction(tx, eventTime, eventTime))
    const inflow = this.#detector.inflowOf(tx, eventTime)
    if (inflow !== undefined) {
      this.#routed++
      this.#pending.push({ due: this.#records + this.#delay, inflow })
    }
  }

  #addEvent(value: Uint8Array | null | undefined): void {
    const parsed = parseAccountEvent(value)
    if (!parsed.ok) {
      this.#rejected++
      return
    }
    const eventTime = parseEat(parsed.value.timestamp)
    this.#events++
    this.#lastTime = eventTime
    this.#keep(this.#detector.onAccountEvent(parsed.value, eventTime, eventTime))
  }

  #deliverDue(now: number): void {
    const pending = this.#pending
    const late = this.#lastTime - this.#maxDelayMs
    while (this.#pendingHead < pending.length && (pending[this.#pendingHead]!.due <= now || pending[this.#pendingHead]!.inflow.event_time <= late)) {
      this.#keep(this.#detector.onInflow(pending[this.#pendingHead++]!.inflow, this.#lastTime))
    }
    if (this.#pendingHead > 4096 && this.#pendingHead * 2 > pending.length) {
      pending.splice(0, this.#pendingHead)
      this.#pendingHead = 0
    }
  }

  #keep(alerts: readonly Alert[]): void {
    for (const alert of alerts) if (parseEat(alert.event_time) >= this.#scoreFrom) this.#alerts.push(alert)
  }

  /** Delivers the inflows still in flight and scores everything against the labels (poison labels are ignored). */
  finish(labels: readonly Label[]): EvaluationReport {
    this.#deliverDue(Number.POSITIVE_INFINITY)
    const fraud = labels.filter((l): l is FraudLabel => l.kind === 'fraud')
    const scored = fraud.filter((l) => parseEat(l.first_event_time) >= this.#scoreFrom)
    const straddling = fraud.filter((l) => parseEat(l.first_event_time) < this.#scoreFrom && parseEat(l.last_event_time) >= this.#scoreFrom)
    // Transactions of scenarios reaching into the scored span are not clean (a straddler's earlier ones are subtracted too: conservative).
    const labelled = new Set<string>()
    for (const label of [...scored, ...straddling]) for (const id of label.transaction_ids) labelled.add(id)
    const clean = Math.max(0, this.#scored - labelled.size)
    return {
      rule_version: this.#detector.ruleSet.version,
      records: this.#records,
      transactions: this.#transactions,
      account_events: this.#events,
      rejected: this.#rejected,
      inflows_routed: this.#routed,
      scored_from: Number.isFinite(this.#scoreFrom) ? formatEat(this.#scoreFrom) : null,
      scored_transactions: this.#scored,
      scores: scoreAlerts(this.#alerts, scored, clean, { ignore: straddling }),
      counters: this.#detector.counters,
      alerts: this.#alerts
    }
  }
}

/**
 * Runs the detector over the records and scores it. `labels` may be a function, called once the records are
 * exhausted (a generator only knows a scenario's label after its last record).
 */
export function evaluateStream(
  records: Iterable<EvaluationRecord>,
  labels: readonly Label[] | (() => readonly Label[]),
  ruleSet: RuleSet,
  options: EvaluateOptions = {}
): EvaluationReport {
  const evaluator = new StreamEvaluator(ruleSet, options)
  for (const record of records) evaluator.add(record)
  return evaluator.finish(typeof labels === 'function' ? labels() : labels)
}
