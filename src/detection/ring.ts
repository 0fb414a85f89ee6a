// An account's recent activity, at the end of its state array: outflows (attempts) and routed inflows, five numbers each, oldest first.
//
// Entry: [event time, amount, counterparty hash, code, transaction id as a number (tx-id.ts)]. The code says what the entry is, so every rule reads the same
// entries: an outflow is type × 2 + failed (0–15, TRANSACTION_TYPES order), plus LARGE when it counts towards the
// structuring total and NEAR_EDGE when it sits just under an edge; an inflow is INFLOW (a customer transfer) or CREDIT
// (a business credit, B2C). Each kind is kept as long as the longest rule reading it (pruned when an entry is added).

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

/** True when the entries from `start` to the end hold the transaction (by id number). */
export function ringHas(ring: readonly number[], start: number, id: number): boolean {
  for (let i = start + 4; i < ring.length; i += RING_STRIDE) if (ring[i] === id) return true
  return false
}
