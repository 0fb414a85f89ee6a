// Per-second rates over a short trailing window, from counts recorded as they happen.

interface Sample { readonly at: number; readonly counts: readonly number[] }

export interface RateMeter {
  /** Adds counts (one per series) at time `at` (epoch ms). */
  record (at: number, counts: readonly number[]): void
  /** Per-second rate of each series over the window ending at `now`. */
  rates (now: number): number[]
}

/** A meter for `series` counters that averages over the last windowMs (default 1 s). */
export function createRateMeter (series: number, windowMs = 1000): RateMeter {
  const samples: Sample[] = []
  const prune = (now: number): void => {
    while (samples.length > 0 && (samples[0] as Sample).at <= now - windowMs) samples.shift()
  }
  return {
    record (at, counts) {
      if (counts.length !== series) throw new RangeError(`expected ${series} counts, got ${counts.length}`)
      samples.push({ at, counts: [...counts] })
      prune(at)
    },
    rates (now) {
      prune(now)
      const sums = new Array<number>(series).fill(0)
      for (const sample of samples) sample.counts.forEach((n, i) => { sums[i] = (sums[i] ?? 0) + n })
      return sums.map((sum) => sum * 1000 / windowMs)
    }
  }
}
