// What a rule sees of one transaction: the record, facts derived once (type, county, counterparty, idleness) and the account's state before it.

import { COUNTIES, distanceKm } from '../domain/counties.ts'
import type { RuleId } from './rule-set.ts'
import type { Transaction } from '../domain/schema.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { CompiledRules } from './compiled-rules.ts'
import { BASELINE, EVENT_TIME, LEARNED, LEVEL, firedAt, ringStart } from './state.ts'
import type { StateArray } from './state.ts'
import { idNumber } from './tx-id.ts'

/** What a rule found; the detector turns it into an alert (or a shadow hit) with version, severity and times. */
export interface Finding {
  readonly rule: RuleId
  readonly account: string
  /** Transaction id of the transaction that completed the pattern (alert_id = rule:trigger). */
  readonly trigger: string
  readonly eventTime: number
  readonly score: number
  /** Transaction ids, oldest first, ending with the trigger. */
  readonly evidence: readonly string[]
  readonly explanation: string
}

export const SEND_MONEY = TRANSACTION_TYPES.indexOf('SEND_MONEY')
export const WITHDRAW = TRANSACTION_TYPES.indexOf('WITHDRAW')
const OUTFLOW_TYPES = new Set(['SEND_MONEY', 'PAYBILL', 'BUY_GOODS', 'WITHDRAW', 'AIRTIME'])
export const IS_OUTFLOW: readonly boolean[] = TRANSACTION_TYPES.map((t) => OUTFLOW_TYPES.has(t))

/**
 * Index of a parsed transaction type in TRANSACTION_TYPES, told by its first letters (the schema admits only those
 * types; comparing whole freshly parsed strings costs more): REVERSAL, the last, is the rest.
 */
export function typeIndex(type: string): number {
  switch (type.charCodeAt(0)) {
    case 83: // SEND_MONEY
      return 0
    case 80: // PAYBILL
      return 1
    case 66: // BUY_GOODS or B2C
      return type.charCodeAt(1) === 85 ? 2 : 6
    case 87: // WITHDRAW
      return 3
    case 68: // DEPOSIT
      return 4
    case 65: // AIRTIME
      return 5
    default:
      return 7
  }
}

const COUNTY_INDEX = new Map(COUNTIES.map((c, i) => [c.name, i]))
// Great-circle distances between county headquarters, km, row-major 47 × 47.
const DISTANCES = Float64Array.from({ length: COUNTIES.length ** 2 }, (_, i) =>
  distanceKm(COUNTIES[Math.floor(i / COUNTIES.length)]!, COUNTIES[i % COUNTIES.length]!)
)

export function countyIndex(name: string): number {
  return COUNTY_INDEX.get(name) ?? -1
}

export function countyName(index: number): string {
  return COUNTIES[index]?.name ?? 'unknown county'
}

export function distanceBetween(a: number, b: number): number {
  return DISTANCES[a * COUNTIES.length + b] ?? 0
}

/** Reused for every transaction of one detector, so the hot path allocates nothing for it. */
export class TransactionContext {
  tx!: Transaction
  eventTime = 0
  type = 0
  success = false
  /** A customer paying out: SEND_MONEY, PAYBILL, BUY_GOODS, WITHDRAW or AIRTIME from a CUSTOMER sender. */
  outflow = false
  counterparty = 0
  county = -1
  /** The account's state before this transaction (read only), and where its recent activity starts in it. */
  prev: StateArray | undefined
  ringFrom = 0
  task!: StateArray
  rules!: CompiledRules
  /** Event time since the account's last transaction, or since the task began observing when it has none. */
  idleMs = 0
  /** Index of the structuring edge the amount sits just under, or -1. */
  edge = -1
  /** A successful outflow large enough to count towards the structuring total. */
  large = false
  /**
   * Set by the anomaly rule when the outflow is to be remembered rather than reported now (not known to be funded yet,
   * or left to STRUCTURING): its ratio to the typical amount and PENDING_* flags; NaN otherwise.
   */
  pendingAnomalyRatio = Number.NaN
  pendingAnomalyFlags = 0
  #id = Number.NaN

  /** Starts a transaction: what every rule reads, derived once. */
  reset(tx: Transaction, eventTime: number, type: number, task: StateArray, rules: CompiledRules): void {
    this.tx = tx
    this.eventTime = eventTime
    this.type = type
    this.task = task
    this.rules = rules
    this.prev = undefined
    this.ringFrom = 0
    this.idleMs = 0
    this.edge = -1
    this.large = false
    this.pendingAnomalyRatio = Number.NaN
    this.pendingAnomalyFlags = 0
    this.#id = Number.NaN
  }

  /** The transaction id as a number (tx-id.ts), parsed once when first needed. */
  txId(): number {
    if (Number.isNaN(this.#id)) this.#id = idNumber(this.tx.transaction_id)
    return this.#id
  }

  setPrev(prev: StateArray | undefined): void {
    this.prev = prev
    this.ringFrom = prev === undefined ? 0 : ringStart(prev)
  }

  /** True while the rule's previous alert on this account is less than `cooldownMs` before now. */
  coolingDown(rule: number, cooldownMs: number, at = this.eventTime): boolean {
    return at - firedAt(this.prev, rule) < cooldownMs
  }

  /** The account's typical amount for a transaction type, or NaN without history: e^(task typical ln amount + account level). */
  typicalAmount(type: number): number {
    const prev = this.prev
    const count = this.task[BASELINE + type * 2] ?? 0
    if (prev === undefined || prev[LEARNED] === 0 || count === 0) return Number.NaN
    return Math.exp(this.task[BASELINE + type * 2 + 1]! + prev[LEVEL]!)
  }

  get dormant(): boolean {
    const r = this.rules
    return r.rules.DORMANT_REACTIVATION.enabled && this.idleMs >= r.dormantIdleMs
  }

  /** Inside a takeover episode: a trigger account event within the SIM-swap window before now. */
  get afterTakeoverEvent(): boolean {
    const prev = this.prev
    if (prev === undefined || prev[EVENT_TIME]! < 0 || !this.rules.rules.SIM_SWAP_TAKEOVER.enabled) return false
    const since = this.eventTime - prev[EVENT_TIME]!
    return since >= 0 && since <= this.rules.takeoverWindowMs
  }
}
