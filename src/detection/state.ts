// The detector's state values: compact, JSON-serialisable, never mutated once stored (copy on write), with the store keys they live under.
//
// An account's recent activity is one flattened number array (ring.ts), transaction ids included as numbers
// (tx-id.ts), pruned by event time on every write and capped in length: an ordinary account is one object and two
// short arrays of numbers, with no strings to keep alive.

/** Where the detector keeps its state; a TransactionalStore fits. Values read from it are never mutated. */
export interface DetectionStore<V> {
  get(key: string): V | undefined
  put(key: string, value: V): void
  delete(key: string): void
}

/** A plain in-memory store, for tests, benchmarks and the in-process evaluation. */
export class MemoryDetectionStore<V> implements DetectionStore<V> {
  readonly map = new Map<string, V>()

  get(key: string): V | undefined {
    return this.map.get(key)
  }

  put(key: string, value: V): void {
    this.map.set(key, value)
  }

  delete(key: string): void {
    this.map.delete(key)
  }

  get size(): number {
    return this.map.size
  }
}

/** Per customer (key: the MSISDN), on the task that owns the customer's partition (its transactions, events and routed inflows). */
export interface AccountState {
  readonly kind: 'account'
  /** Earliest and latest event time of anything seen for the account. */
  readonly first: number
  readonly seen: number
  /** Latest own transaction or routed inflow, event time; -1 when none was ever seen (for dormancy). */
  readonly last_tx: number
  /** Successful outflows folded into `level`. */
  readonly n: number
  /** Robust rolling mean of ln(amount) minus the task's typical ln(amount) for the same type: the account's spending level. */
  readonly level: number
  /** Recent distinct payees (31-bit hashes), most recent last. */
  readonly payees: readonly number[]
  /** Recent outflows and inflows, RING_STRIDE numbers each (ring.ts), oldest first. */
  readonly recent: readonly number[]
  /** Latest SIM swap or PIN reset (a takeover trigger): event time (-1 none) and index in ACCOUNT_EVENT_TYPES. */
  readonly event_time: number
  readonly event_type: number
  /** Latest agent-present transaction: event time (-1 none), county index, transaction id (as a number, tx-id.ts). */
  readonly agent_time: number
  readonly agent_county: number
  readonly agent_tx: number
  /** The county most of the account's transactions happen in (streaming majority vote: candidate and votes), -1 unknown. */
  readonly home_county: number
  readonly home_votes: number
  /** An anomalous outflow not (yet) known to be funded, kept in case its funding credit arrives late: time (-1 none), amount, ratio, id number. */
  readonly anomaly_time: number
  readonly anomaly_amount: number
  readonly anomaly_ratio: number
  readonly anomaly_tx: number
  /** Event time of each rule's latest alert on this account (by rule index, -1 never), or empty. */
  readonly fired: readonly number[]
}

/** Per agent (key: AGENT_KEY_PREFIX + agent number), on the agent's task: its recent deposits, DEPOSIT_STRIDE numbers each. */
export interface AgentState {
  readonly kind: 'agent'
  readonly seen: number
  /** time, amount, customer hash, 1 when already reported in an alert else 0, transaction id number */
  readonly deposits: readonly number[]
}

/** One per task (key: TASK_KEY): when the task started observing, and the typical ln(amount) per transaction type. */
export interface TaskState {
  readonly kind: 'task'
  readonly since: number
  /** count and mean of ln(amount) per transaction type, 2 numbers per type in TRANSACTION_TYPES order. */
  readonly baseline: readonly number[]
}

export type DetectionStateValue = AccountState | AgentState | TaskState
export type MutableAccountState = { -readonly [K in keyof AccountState]: AccountState[K] }

export const TASK_KEY = '#task'
export const AGENT_KEY_PREFIX = 'agent|'
export const DEPOSIT_STRIDE = 5
export const DEPOSIT_CAP = 32
export const PAYEE_CAP = 12
/** Most votes a home county keeps, so a customer who moves gets a new home after a few weeks of transactions. */
export const HOME_VOTES_CAP = 8

export const NONE: readonly never[] = Object.freeze([])

export function newAccountState(eventTime: number): MutableAccountState {
  return {
    kind: 'account',
    first: eventTime,
    seen: eventTime,
    last_tx: -1,
    n: 0,
    level: 0,
    payees: NONE,
    recent: NONE,
    event_time: -1,
    event_type: 0,
    agent_time: -1,
    agent_county: -1,
    agent_tx: 0,
    home_county: -1,
    home_votes: 0,
    anomaly_time: -1,
    anomaly_amount: 0,
    anomaly_ratio: 0,
    anomaly_tx: 0,
    fired: NONE
  }
}

/**
 * A writable copy for the next version: one object literal of a single shape (fast to allocate and to read), arrays
 * shared until replaced and never written in place. Fields missing from an old changelog value get their defaults.
 */
export function nextAccountState(p: AccountState | undefined, eventTime: number): MutableAccountState {
  if (p === undefined) return newAccountState(eventTime)
  return {
    kind: 'account',
    first: Math.min(p.first, eventTime),
    seen: Math.max(p.seen, eventTime),
    last_tx: p.last_tx,
    n: p.n,
    level: p.level,
    payees: p.payees,
    recent: p.recent,
    event_time: p.event_time,
    event_type: p.event_type,
    agent_time: p.agent_time,
    agent_county: p.agent_county,
    agent_tx: p.agent_tx,
    home_county: p.home_county,
    home_votes: p.home_votes,
    anomaly_time: p.anomaly_time,
    anomaly_amount: p.anomaly_amount,
    anomaly_ratio: p.anomaly_ratio,
    anomaly_tx: p.anomaly_tx,
    fired: p.fired
  }
}

/** True when a state value may be dropped: nothing happened since the horizon (the task state is kept for good). */
export function isIdle(value: DetectionStateValue, horizonEventTime: number): boolean {
  if (value.kind === 'task') return false
  return value.seen < horizonEventTime
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

/** Moves the payee to the end of the recent-payee list (adding it, dropping the oldest beyond PAYEE_CAP). */
export function rememberPayee(payees: readonly number[], payee: number): readonly number[] {
  const last = payees.length - 1
  if (payees[last] === payee) return payees
  const at = payees.indexOf(payee)
  const drop = at >= 0 ? 0 : Math.max(0, payees.length + 1 - PAYEE_CAP)
  const next = new Array<number>(payees.length + (at >= 0 ? 0 : 1) - drop)
  let j = 0
  for (let i = drop; i < payees.length; i++) if (i !== at) next[j++] = payees[i]!
  next[j] = payee
  return next
}

/** One step of the Boyer–Moore majority vote over the counties of the account's transactions. */
export function voteHome(next: MutableAccountState, county: number): void {
  if (county < 0) return
  if (next.home_votes === 0) {
    next.home_county = county
    next.home_votes = 1
  } else if (next.home_county === county) {
    if (next.home_votes < HOME_VOTES_CAP) next.home_votes++
  } else {
    next.home_votes--
  }
}

/** A rule's latest alert time on the account, or -Infinity. */
export function firedAt(state: AccountState | undefined, rule: number): number {
  const at = state?.fired[rule]
  return at === undefined || at < 0 ? Number.NEGATIVE_INFINITY : at
}

export function withFired(fired: readonly number[], rule: number, ruleCount: number, eventTime: number): number[] {
  const next = fired.length === ruleCount ? fired.slice() : new Array<number>(ruleCount).fill(-1)
  next[rule] = Math.max(next[rule] ?? -1, eventTime)
  return next
}

export function newTaskState(eventTime: number, types: number): TaskState {
  return { kind: 'task', since: eventTime, baseline: new Array<number>(types * 2).fill(0) }
}

/** Folds one ln(amount) into the task's per-type typical value (mean over at most `memory` recent values). */
export function withBaseline(task: TaskState, type: number, logAmount: number, memory: number): TaskState {
  const baseline = task.baseline.slice()
  const n = Math.min(baseline[type * 2]! + 1, memory)
  baseline[type * 2] = n
  baseline[type * 2 + 1] = baseline[type * 2 + 1]! + (logAmount - baseline[type * 2 + 1]!) / n
  return { kind: 'task', since: task.since, baseline }
}
