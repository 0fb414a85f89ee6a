// How one record changes the state: an account's next version is drafted in reusable buffers, then written out once at its exact size.
//
// Values are never changed in place (an aborted transaction must find the stored value intact), so every record that
// changes an account writes one new array. It is assembled in a packed scratch array and copied out with slice(), which
// gives an exact-size array of unboxed doubles: no slack capacity, and the changelog's JSON.stringify takes its fast path.

import type { TransactionContext } from './context.ts'
import { SEND_MONEY } from './context.ts'
import { INFLOW, LARGE, RING_CAP, RING_STRIDE, outflowCode } from './ring.ts'
import type { RingHorizons } from './ring.ts'
import {
  AGENT, AGENT_TIME, AGENT_TX, ANOMALY_SIZE, BASELINE, DEPOSITS, DEPOSIT_CAP, DEPOSIT_STRIDE, EVENT_TIME, FIRED_SIZE, FIRST, FLAGS, HEADER,
  HOME_VOTES_CAP, LAST_TX, LEARNED, LEVEL, PAYEE_CAP, SEEN, TAG, anomalyStart, firedStart, packFlags, ringStart, unpackFlags
} from './state.ts'
import type { AccountFlags, StateArray } from './state.ts'

/** The account level follows about this many recent outflows. */
export const LEVEL_MEMORY = 40
/**
 * Once the level rests on this many outflows, a deviation counts at most LEVEL_CLIP (in ln units, ×20, about 2.5
 * standard deviations of everyday amounts) away from it: one huge payment (or a fraud episode the rules missed) moves
 * the level by at most 3/40, while ordinary spread is left alone. A clip of 1.5 (×4.5) biased the level of accounts with
 * widely spread amounts low, and their ordinary large payments then looked anomalous.
 */
export const LEVEL_SETTLED = 5
export const LEVEL_CLIP = 3

const EMPTY: StateArray = Object.freeze([])

/** A packed array of doubles (never holey) to assemble values in. */
const work: number[] = []
function reserve(length: number): number[] {
  while (work.length < length) work.push(0.5)
  return work
}
reserve(HEADER + PAYEE_CAP + FIRED_SIZE + ANOMALY_SIZE + RING_CAP * RING_STRIDE)

/** The next version of one account: load the stored one, change fields and sections, build the value to store. */
export class AccountDraft implements AccountFlags {
  /** The header's numbers (FLAGS excepted: the fields below). */
  readonly header = new Float64Array(HEADER)
  readonly payees = new Float64Array(PAYEE_CAP)
  payeeCount = 0
  readonly fired = new Float64Array(FIRED_SIZE)
  hasFired = false
  /** An anomalous outflow not reported yet: time, amount, ratio, transaction id number, PENDING_* flags. */
  readonly anomaly = new Float64Array(ANOMALY_SIZE)
  hasAnomaly = false
  homeVotes = 0
  homeCounty = -1
  agentCounty = -1
  eventType = 0
  #ring: StateArray = EMPTY
  #ringFrom = 0
  readonly #entry = new Float64Array(RING_STRIDE)
  #hasEntry = false
  #outflowHorizon = 0
  #largeHorizon = 0
  #inflowHorizon = 0

  /** Starts from the stored account (or a new one) seen at an event time. */
  load(prev: StateArray | undefined, eventTime: number): this {
    const h = this.header
    this.#hasEntry = false
    if (prev === undefined) {
      h.set(NEW_ACCOUNT)
      h[SEEN] = h[FIRST] = eventTime
      this.payeeCount = this.homeVotes = this.eventType = 0
      this.homeCounty = this.agentCounty = -1
      this.hasFired = this.hasAnomaly = false
      this.#ring = EMPTY
      this.#ringFrom = 0
      return this
    }
    for (let i = 0; i < HEADER; i++) h[i] = prev[i]!
    h[FIRST] = Math.min(h[FIRST]!, eventTime)
    h[SEEN] = Math.max(h[SEEN]!, eventTime)
    unpackFlags(prev, this)
    for (let i = 0; i < this.payeeCount; i++) this.payees[i] = prev[HEADER + i]!
    const fired = firedStart(prev)
    for (let i = 0; fired >= 0 && i < FIRED_SIZE; i++) this.fired[i] = prev[fired + i]!
    const anomaly = anomalyStart(prev)
    for (let i = 0; anomaly >= 0 && i < ANOMALY_SIZE; i++) this.anomaly[i] = prev[anomaly + i]!
    this.#ring = prev
    this.#ringFrom = ringStart(prev)
    return this
  }

  /** Adds an activity entry; entries past their horizon, and the oldest beyond RING_CAP, go when the value is built. */
  append(time: number, amount: number, party: number, code: number, id: number, h: RingHorizons): void {
    const e = this.#entry
    e[0] = time
    e[1] = amount
    e[2] = party
    e[3] = code
    e[4] = id
    this.#hasEntry = true
    this.#outflowHorizon = h.outflow
    this.#largeHorizon = h.large
    this.#inflowHorizon = h.inflow
  }

  /** Moves the payee to the end of the recent payees (adding it, dropping the oldest beyond PAYEE_CAP). */
  rememberPayee(payee: number): void {
    const p = this.payees
    const count = this.payeeCount
    if (count > 0 && p[count - 1] === payee) return
    let at = -1
    for (let i = 0; i < count; i++) if (p[i] === payee) at = i
    if (at < 0 && count < PAYEE_CAP) {
      p[count] = payee
      this.payeeCount = count + 1
      return
    }
    // Known: move it to the end. New and full: the oldest (first) goes.
    for (let i = Math.max(at, 0); i < count - 1; i++) p[i] = p[i + 1]!
    p[count - 1] = payee
  }

  /** One step of the Boyer–Moore majority vote over the counties of the account's transactions. */
  voteHome(county: number): void {
    if (county < 0) return
    if (this.homeVotes === 0) {
      this.homeCounty = county
      this.homeVotes = 1
    } else if (this.homeCounty === county) {
      if (this.homeVotes < HOME_VOTES_CAP) this.homeVotes++
    } else {
      this.homeVotes--
    }
  }

  /** Remembers that a rule fired at an event time (its cooldown). */
  markFired(rule: number, eventTime: number): void {
    if (!this.hasFired) {
      this.fired.fill(-1)
      this.hasFired = true
    }
    this.fired[rule] = Math.max(this.fired[rule]!, eventTime)
  }

  setAnomaly(time: number, amount: number, ratio: number, id: number, flags: number): void {
    const a = this.anomaly
    a[0] = time
    a[1] = amount
    a[2] = ratio
    a[3] = id
    a[4] = flags
    this.hasAnomaly = true
  }

  /** The account value: a new exact-size array (building again after a change gives the changed value). */
  build(): number[] {
    const count = this.payeeCount
    const start = HEADER + count + (this.hasFired ? FIRED_SIZE : 0) + (this.hasAnomaly ? ANOMALY_SIZE : 0)
    const ring = this.#ring
    const out = reserve(start + ring.length - this.#ringFrom + RING_STRIDE)
    const h = this.header
    for (let i = 0; i < HEADER; i++) out[i] = h[i]!
    out[FLAGS] = packFlags(this)
    let j = HEADER
    for (let i = 0; i < count; i++) out[j++] = this.payees[i]!
    for (let i = 0; this.hasFired && i < FIRED_SIZE; i++) out[j++] = this.fired[i]!
    for (let i = 0; this.hasAnomaly && i < ANOMALY_SIZE; i++) out[j++] = this.anomaly[i]!
    if (!this.#hasEntry) {
      for (let i = this.#ringFrom; i < ring.length; i++) out[j++] = ring[i]!
      return out.slice(0, j)
    }
    for (let i = this.#ringFrom; i < ring.length; i += RING_STRIDE) {
      if (!this.#keeps(ring, i)) continue
      for (let k = 0; k < RING_STRIDE; k++) out[j + k] = ring[i + k]!
      j += RING_STRIDE
    }
    for (let k = 0; k < RING_STRIDE; k++) out[j + k] = this.#entry[k]!
    j += RING_STRIDE
    // Over the cap: the oldest entries go (rare; the horizons keep an ordinary ring far shorter).
    const over = j - start - RING_CAP * RING_STRIDE
    if (over > 0) {
      for (let i = start; i < j - over; i++) out[i] = out[i + over]!
      j -= over
    }
    return out.slice(0, j)
  }

  #keeps(ring: StateArray, i: number): boolean {
    const t = ring[i]!
    const code = ring[i + 3]!
    if (code >= INFLOW) return t >= this.#inflowHorizon
    return t >= this.#outflowHorizon || ((code & LARGE) !== 0 && t >= this.#largeHorizon)
  }
}

/** A new account's header (FLAGS is packed from the draft's fields when built). */
const NEW_ACCOUNT: readonly number[] = (() => {
  const h = new Array<number>(HEADER).fill(0)
  h[LAST_TX] = h[EVENT_TIME] = h[AGENT_TIME] = -1
  return h
})()

/** Folds a customer outflow (attempt) into the draft; `learn` says whether the amount may move the level. */
export function applyOutflow(next: AccountDraft, c: TransactionContext, horizons: RingHorizons, learn: boolean): void {
  const amount = c.tx.amount
  next.append(c.eventTime, amount, c.counterparty, outflowCode(c.type, !c.success, c.large, c.success && c.edge >= 0), c.txId(), horizons)
  if (!c.success) return
  const h = next.header
  const known = c.task[BASELINE + c.type * 2] ?? 0
  if (learn && known > 0) {
    const level = h[LEVEL]!
    const raw = Math.log(amount) - c.task[BASELINE + c.type * 2 + 1]!
    const deviation = h[LEARNED]! < LEVEL_SETTLED ? raw : Math.min(level + LEVEL_CLIP, Math.max(level - LEVEL_CLIP, raw))
    const n = h[LEARNED]! + 1
    h[LEVEL] = level + (deviation - level) / Math.min(n, LEVEL_MEMORY)
    h[LEARNED] = n
  }
  if (c.type === SEND_MONEY) next.rememberPayee(c.counterparty)
}

/** Records the latest agent visit on the draft. */
export function recordAgentVisit(next: AccountDraft, time: number, county: number, id: number): void {
  next.header[AGENT_TIME] = time
  next.agentCounty = county
  next.header[AGENT_TX] = id
}

/** The agent's next state with this deposit; when it completed a split, the customer's deposits in the window are flagged as reported. */
export function appendDeposit(prev: StateArray | undefined, time: number, amount: number, customerHash: number, id: number, from: number, reported: boolean): number[] {
  const old = prev ?? EMPTY
  const count = old.length < DEPOSITS ? 0 : (old.length - DEPOSITS) / DEPOSIT_STRIDE
  let first = 0
  while (first < count && old[DEPOSITS + first * DEPOSIT_STRIDE]! < from) first++
  first = Math.max(first, count + 1 - DEPOSIT_CAP)
  const length = DEPOSITS + (count - first + 1) * DEPOSIT_STRIDE
  const out = reserve(length)
  out[TAG] = AGENT
  out[SEEN] = Math.max(prev === undefined ? time : old[SEEN]!, time)
  let j = DEPOSITS
  for (let i = DEPOSITS + first * DEPOSIT_STRIDE; i < old.length; i++) out[j++] = old[i]!
  out[j] = time
  out[j + 1] = amount
  out[j + 2] = customerHash
  out[j + 3] = 0
  out[j + 4] = id
  if (reported) {
    for (let i = DEPOSITS; i < length; i += DEPOSIT_STRIDE) if (out[i + 2] === customerHash) out[i + 3] = 1
  }
  return out.slice(0, length)
}
