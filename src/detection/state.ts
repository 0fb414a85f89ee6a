// The detector's state values: one flat array of numbers per account, agent and task, JSON as is, never mutated once stored.
//
// A flat array of doubles is the most compact value V8 keeps (8 bytes a number, no boxes, one object), copies with one
// allocation (copy on write: an aborted Kafka transaction leaves the stored value intact) and is its own changelog
// JSON. Element 0 says what the value is; element 1 is the latest event time seen (for expiry). An account is a
// fixed header, then its recent payees, then the optional sections (per-rule alert times, a pending anomaly), then its
// recent activity (ring.ts) up to the end. Values of the first layout (objects) may still come from an old changelog:
// upgrade() reads them.

import { RULE_IDS } from './rule-set.ts'
import type { StateKey } from './state-keys.ts'

/** Where the detector keeps its state; a TransactionalStore fits. Values read from it are never mutated. */
export interface DetectionStore<V> {
  get(key: StateKey): V | undefined
  put(key: StateKey, value: V): void
  delete(key: StateKey): void
}

/** A plain in-memory store, for tests, benchmarks and the in-process evaluation. */
export class MemoryDetectionStore<V> implements DetectionStore<V> {
  readonly map = new Map<StateKey, V>()

  get(key: StateKey): V | undefined {
    return this.map.get(key)
  }

  put(key: StateKey, value: V): void {
    this.map.set(key, value)
  }

  delete(key: StateKey): void {
    this.map.delete(key)
  }

  get size(): number {
    return this.map.size
  }
}

/** A state value: tag, latest event time, then the kind's fields. */
export type StateArray = readonly number[]

/** What the store holds: a state array, or an object of the first layout from an older changelog (read by upgrade()). */
export type DetectionStateValue = StateArray | LegacyStateValue

/** Element 0: the kind in its low two bits (for an account, small fields above them: see FLAGS). */
export const TAG = 0
export const KIND_MASK = 3
export const ACCOUNT = 1
export const AGENT = 2
export const TASK = 3
/** Latest event time of anything seen for the key; for the task, when it began observing. */
export const SEEN = 1

// Account header (key: the MSISDN, on the task that owns the customer's partition).
/** Earliest event time seen. */
export const FIRST = 2
/** Latest own transaction or routed inflow, event time; -1 when none was ever seen (for dormancy). */
export const LAST_TX = 3
/** Successful outflows folded into LEVEL. */
export const LEARNED = 4
/** Robust rolling mean of ln(amount) minus the task's typical ln(amount) for the same type: the account's spending level. */
export const LEVEL = 5
/** Latest SIM swap or PIN reset (a takeover trigger), event time, -1 none (its type is in FLAGS). */
export const EVENT_TIME = 6
/** Latest agent-present transaction: event time (-1 none) and transaction id (as a number, tx-id.ts; its county is in FLAGS). */
export const AGENT_TIME = 7
export const AGENT_TX = 8
export const HEADER = 9

/**
 * An account's element 0 packs its small fields (an integer below 2^27, exact in a double, short in JSON), from the
 * low bits: kind (2 bits), recent payee count (4), fired section present (1), pending anomaly present (1), home
 * county votes (4), home county + 1 (6), latest agent county + 1 (6), latest takeover event type (3).
 */
export const FLAGS = TAG
const PAYEES_SHIFT = 2
const FIRED_BIT = 1 << 6
const ANOMALY_BIT = 1 << 7
const VOTES_SHIFT = 8
const HOME_SHIFT = 12
const AGENT_COUNTY_SHIFT = 18
const EVENT_TYPE_SHIFT = 24

/** The small fields of an account, unpacked. */
export interface AccountFlags {
  payeeCount: number
  hasFired: boolean
  hasAnomaly: boolean
  homeVotes: number
  /** County index of the account's home (majority vote), -1 unknown. */
  homeCounty: number
  /** County index of the latest agent visit, -1 none. */
  agentCounty: number
  /** Index in ACCOUNT_EVENT_TYPES of the latest takeover trigger event. */
  eventType: number
}

export function packFlags(f: AccountFlags): number {
  return (
    ACCOUNT |
    (f.payeeCount << PAYEES_SHIFT) |
    (f.hasFired ? FIRED_BIT : 0) |
    (f.hasAnomaly ? ANOMALY_BIT : 0) |
    (f.homeVotes << VOTES_SHIFT) |
    ((f.homeCounty + 1) << HOME_SHIFT) |
    ((f.agentCounty + 1) << AGENT_COUNTY_SHIFT) |
    (f.eventType << EVENT_TYPE_SHIFT)
  )
}

export function unpackFlags(account: StateArray, f: AccountFlags): void {
  const flags = account[FLAGS]!
  f.payeeCount = (flags >> PAYEES_SHIFT) & 15
  f.hasFired = (flags & FIRED_BIT) !== 0
  f.hasAnomaly = (flags & ANOMALY_BIT) !== 0
  f.homeVotes = (flags >> VOTES_SHIFT) & 15
  f.homeCounty = ((flags >> HOME_SHIFT) & 63) - 1
  f.agentCounty = ((flags >> AGENT_COUNTY_SHIFT) & 63) - 1
  f.eventType = (flags >> EVENT_TYPE_SHIFT) & 7
}

export function kindOf(value: StateArray): number {
  return value[TAG]! & KIND_MASK
}

export function homeCounty(account: StateArray): number {
  return ((account[FLAGS]! >> HOME_SHIFT) & 63) - 1
}

export function agentCounty(account: StateArray): number {
  return ((account[FLAGS]! >> AGENT_COUNTY_SHIFT) & 63) - 1
}

export function eventType(account: StateArray): number {
  return (account[FLAGS]! >> EVENT_TYPE_SHIFT) & 7
}

/** Section of per-rule latest alert times (by rule index, -1 never), present once any rule fired on the account. */
export const FIRED_SIZE = RULE_IDS.length
/** Section of an anomalous outflow not reported yet: time, amount, ratio to typical, id number, PENDING_* flags. */
export const ANOMALY_SIZE = 5
/** The pending outflow was a failed attempt. */
export const PENDING_FAILED = 1
/** The pending outflow sat just under a structuring edge: left to STRUCTURING for its window, then judged. */
export const PENDING_NEAR_EDGE = 2

export const PAYEE_CAP = 12
/** Most votes a home county keeps, so a customer who moves gets a new home after a few weeks of transactions. */
export const HOME_VOTES_CAP = 8

// Agent (key: AGENT_KEY_PREFIX + agent number, on the agent's task): its recent deposits from DEPOSITS on.
export const DEPOSITS = 2
/** Per deposit: time, amount, customer hash, 1 when already reported in an alert else 0, transaction id number. */
export const DEPOSIT_STRIDE = 5
export const DEPOSIT_CAP = 32

// Task (key: TASK_KEY): count and mean of ln(amount) per transaction type from BASELINE on, TRANSACTION_TYPES order.
export const BASELINE = 2

export const TASK_KEY = '#task'
export const AGENT_KEY_PREFIX = 'agent|'

export function payeeCount(account: StateArray): number {
  return (account[FLAGS]! >> PAYEES_SHIFT) & 15
}

/** Index of the fired section, or -1. */
export function firedStart(account: StateArray): number {
  const flags = account[FLAGS]!
  return (flags & FIRED_BIT) === 0 ? -1 : HEADER + ((flags >> PAYEES_SHIFT) & 15)
}

/** Index of the pending anomaly section, or -1. */
export function anomalyStart(account: StateArray): number {
  const flags = account[FLAGS]!
  if ((flags & ANOMALY_BIT) === 0) return -1
  return HEADER + ((flags >> PAYEES_SHIFT) & 15) + ((flags & FIRED_BIT) === 0 ? 0 : FIRED_SIZE)
}

/** Index of the first recent-activity entry (the ring runs to the end of the array). */
export function ringStart(account: StateArray): number {
  const flags = account[FLAGS]!
  return HEADER + ((flags >> PAYEES_SHIFT) & 15) + ((flags & FIRED_BIT) === 0 ? 0 : FIRED_SIZE) + ((flags & ANOMALY_BIT) === 0 ? 0 : ANOMALY_SIZE)
}

/** True when the account paid this payee (by hash) recently. */
export function knowsPayee(account: StateArray, payee: number): boolean {
  const end = HEADER + payeeCount(account)
  for (let i = HEADER; i < end; i++) if (account[i] === payee) return true
  return false
}

/** A rule's latest alert time on the account, or -Infinity. */
export function firedAt(account: StateArray | undefined, rule: number): number {
  if (account === undefined) return Number.NEGATIVE_INFINITY
  const start = firedStart(account)
  const at = start < 0 ? -1 : account[start + rule]!
  return at < 0 ? Number.NEGATIVE_INFINITY : at
}

/** True when a state value may be dropped: nothing happened since the horizon (the task state is kept for good). */
export function isIdle(value: DetectionStateValue, horizonEventTime: number): boolean {
  if (isLegacy(value)) return value.kind !== 'task' && value.seen < horizonEventTime
  return kindOf(value) !== TASK && value[SEEN]! < horizonEventTime
}

/** 31-bit FNV-1a hash of a party id: distinct payees and senders are compared by hash to keep state small. */
export function partyHash(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 1
}

export function newTaskState(eventTime: number, types: number): number[] {
  const task = [TASK, eventTime]
  for (let i = 0; i < types * 2; i++) task.push(0)
  return task
}

/** Folds one ln(amount) into the task's per-type typical value (mean over at most `memory` recent values). */
export function withBaseline(task: StateArray, type: number, logAmount: number, memory: number): number[] {
  const next = task.slice()
  const at = BASELINE + type * 2
  const n = Math.min(next[at]! + 1, memory)
  next[at] = n
  next[at + 1] = next[at + 1]! + (logAmount - next[at + 1]!) / n
  return next
}

/** The first layout's values (objects), as an older changelog may still hold them. */
export type LegacyStateValue =
  | {
      readonly kind: 'account'
      readonly first: number
      readonly seen: number
      readonly last_tx: number
      readonly n: number
      readonly level: number
      readonly payees: readonly number[]
      readonly recent: readonly number[]
      readonly event_time: number
      readonly event_type: number
      readonly agent_time: number
      readonly agent_county: number
      readonly agent_tx: number
      readonly home_county: number
      readonly home_votes: number
      readonly anomaly_time: number
      readonly anomaly_amount: number
      readonly anomaly_ratio: number
      readonly anomaly_tx: number
      readonly fired: readonly number[]
    }
  | { readonly kind: 'agent'; readonly seen: number; readonly deposits: readonly number[] }
  | { readonly kind: 'task'; readonly since: number; readonly baseline: readonly number[] }

function isLegacy(value: DetectionStateValue): value is LegacyStateValue {
  return !Array.isArray(value)
}

const isList = (value: unknown): value is readonly number[] => Array.isArray(value)

/** A stored value in the current layout: as is, converted from the first layout, or undefined when unreadable. */
export function upgrade(value: DetectionStateValue | undefined): StateArray | undefined {
  if (value === undefined || !isLegacy(value)) return value
  switch (value.kind) {
    case 'task':
      return isList(value.baseline) ? [TASK, value.since, ...value.baseline] : undefined
    case 'agent':
      return isList(value.deposits) ? [AGENT, value.seen, ...value.deposits] : undefined
    case 'account':
      return isList(value.recent) && isList(value.payees) && isList(value.fired) ? upgradeAccount(value) : undefined
    default:
      return undefined
  }
}

function upgradeAccount(v: Extract<LegacyStateValue, { kind: 'account' }>): StateArray {
  const payees = v.payees.slice(-PAYEE_CAP)
  const fired = v.fired.length === FIRED_SIZE ? v.fired : []
  const anomaly = v.anomaly_time >= 0 ? [v.anomaly_time, v.anomaly_amount, v.anomaly_ratio, v.anomaly_tx, 0] : []
  const flags = packFlags({
    payeeCount: payees.length,
    hasFired: fired.length > 0,
    hasAnomaly: anomaly.length > 0,
    homeVotes: v.home_votes,
    homeCounty: v.home_county,
    agentCounty: v.agent_county,
    eventType: v.event_type
  })
  const header = [flags, v.seen, v.first, v.last_tx, v.n, v.level, v.event_time, v.agent_time, v.agent_tx]
  return [...header, ...payees, ...fired, ...anomaly, ...v.recent]
}
