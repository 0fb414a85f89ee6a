// Paces record emission to a target rate from a monotonic clock: how many records are due now, and when the next is.

export interface Pacer {
  /** Records that may be emitted now (Infinity when unpaced). */
  due (emittedSoFar: number, nowMs: number): number
  /** Milliseconds until the next record is due. */
  waitMs (emittedSoFar: number, nowMs: number): number
}

/** rate = 0 means as fast as possible. The schedule is absolute (start + n/rate), so errors never accumulate. */
export function createPacer (ratePerSecond: number, startMs: number): Pacer {
  if (ratePerSecond <= 0) return { due: () => Number.POSITIVE_INFINITY, waitMs: () => 0 }
  return {
    due: (emitted, now) => Math.max(0, Math.floor(((now - startMs) * ratePerSecond) / 1000) + 1 - emitted),
    waitMs: (emitted, now) => Math.max(0, startMs + (emitted * 1000) / ratePerSecond - now)
  }
}
