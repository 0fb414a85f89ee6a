// What a rule sees of one transaction: the record, facts derived once (type, county, counterparty, idleness) and the account's state before it.

import { COUNTIES, distanceKm } from '../domain/counties.ts'
import type { RuleId } from './rule-set.ts'
import type { Transaction } from '../domain/schema.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { CompiledRules } from './compiled-rules.ts'
import { firedAt } from './state.ts'
import type { AccountState, TaskState } from './state.ts'

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

/** Index of a transaction type in TRANSACTION_TYPES (a switch: faster than a keyed lookup with a freshly parsed string). */
export function typeIndex(type: string): number {
  switch (type) {
    case 'SEND_MONEY':
      return 0
    case 'PAYBILL':
      return 1
    case 'BUY_GOODS':
      return 2
    case 'WITHDRAW':
      return 3
    case 'DEPOSIT':
      return 4
    case 'AIRTIME':
      return 5
    case 'B2C':
      return 6
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
  prev: AccountState | undefined
  task!: TaskState
  rules!: CompiledRules
  /** Event time since the account's last transaction, or since the task began observing when it has none. */
  idleMs = 0
  /** Index of the structuring edge the amount sits just under, or -1. */
  edge = -1
  /** A successful outflow large enough to count towards the structuring total. */
  large = false
  /** Set by the anomaly rule when the outflow is anomalous but not (yet) known to be funded; NaN otherwise. */
  unfundedAnomalyRatio = Number.NaN

  /** True while the rule's previous alert on this account is less than `cooldownMs` before now. */
  coolingDown(rule: number, cooldownMs: number, at = this.eventTime): boolean {
    return at - firedAt(this.prev, rule) < cooldownMs
  }

  /** The account's typical amount for a transaction type, or NaN without history: e^(task typical ln amount + account level). */
  typicalAmount(type: number): number {
    const prev = this.prev
    const count = this.task.baseline[type * 2] ?? 0
    if (prev === undefined || prev.n === 0 || count === 0) return Number.NaN
    return Math.exp(this.task.baseline[type * 2 + 1]! + prev.level)
  }

  get dormant(): boolean {
    const r = this.rules
    return r.rules.DORMANT_REACTIVATION.enabled && this.idleMs >= r.dormantIdleMs
  }

  /** Inside a takeover episode: a trigger account event within the SIM-swap window before now. */
  get afterTakeoverEvent(): boolean {
    const prev = this.prev
    if (prev === undefined || prev.event_time < 0 || !this.rules.rules.SIM_SWAP_TAKEOVER.enabled) return false
    const since = this.eventTime - prev.event_time
    return since >= 0 && since <= this.rules.takeoverWindowMs
  }
}
