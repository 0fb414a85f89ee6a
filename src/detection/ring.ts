// An account's recent activity as one flattened array: outflows (attempts) and routed inflows, five numbers each, oldest first.
//
// Entry: [event time, amount, counterparty hash, code, transaction id as a number (tx-id.ts)]. The code says what the entry is, so every rule reads the same
// array and one copy per write suffices: an outflow is type × 2 + failed (0–15, TRANSACTION_TYPES order), plus LARGE
// when it counts towards the structuring total and NEAR_EDGE when it sits just under an edge; an inflow is INFLOW
// (a customer transfer) or CREDIT (a business credit, B2C). Each kind is kept as long as the longest rule reading it.

export const RING_STRIDE = 5
/** Entries kept at most; the oldest go first. */
export const RING_CAP = 32

export const LARGE = 32
export const NEAR_EDGE = 64
export const INFLOW = 128
export const CREDIT = 129

/** Oldest event time still needed, per kind of entry. */
export interface RingHorizons {
  readonly outflow: number
  readonly large: number
  readonly inflow: number
}

export function isOutflow(code: number): boolean {
  return code < INFLOW
}

export function outflowType(code: number): number {
  return (code & 15) >> 1
}

export function outflowFailed(code: number): boolean {
  return (code & 1) === 1
}

export function outflowCode(type: number, failed: boolean, large: boolean, nearEdge: boolean): number {
  return type * 2 + (failed ? 1 : 0) + (large ? LARGE : 0) + (nearEdge ? NEAR_EDGE : 0)
}

function keep(ring: readonly number[], i: number, h: RingHorizons): boolean {
  const t = ring[i]!
  const code = ring[i + 3]!
  if (code >= INFLOW) return t >= h.inflow
  return t >= h.outflow || ((code & LARGE) !== 0 && t >= h.large)
}

/**
 * The ring without entries past their horizon, the newest RING_CAP − 1 of the rest, and the new entry at the end.
 * Allocates the result at its final size (no growth on the hot path).
 */
export function ringAppend(ring: readonly number[], h: RingHorizons, time: number, amount: number, party: number, code: number, id: number): number[] {
  let kept = 0
  for (let i = 0; i < ring.length; i += RING_STRIDE) if (keep(ring, i, h)) kept++
  let skip = Math.max(0, kept - (RING_CAP - 1))
  const out = new Array<number>((kept - skip + 1) * RING_STRIDE)
  let j = 0
  for (let i = 0; i < ring.length; i += RING_STRIDE) {
    if (!keep(ring, i, h)) continue
    if (skip > 0) {
      skip--
      continue
    }
    for (let k = 0; k < RING_STRIDE; k++) out[j + k] = ring[i + k]!
    j += RING_STRIDE
  }
  out[j] = time
  out[j + 1] = amount
  out[j + 2] = party
  out[j + 3] = code
  out[j + 4] = id
  return out
}

/** True when the ring holds the transaction (by id number). */
export function ringHas(ring: readonly number[], id: number): boolean {
  for (let i = 4; i < ring.length; i += RING_STRIDE) if (ring[i] === id) return true
  return false
}
