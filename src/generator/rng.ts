// The generator's seeded randomness: a thin, allocation-free layer over pure-rand's xoroshiro128+.

import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator'

const TWO_POW_MINUS_32 = 2.3283064365386963e-10

/** 32-bit avalanche hash (lowbias32); used for seeds, keyed permutations and stable per-account choices. */
export function mix32(value: number): number {
  let x = value | 0
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d)
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b)
  return (x ^ (x >>> 16)) >>> 0
}

/** Maps a 32-bit hash onto [0, size) by multiplication, avoiding a slow floating-point modulo in hot paths. */
export function hashBelow(hash: number, size: number): number {
  return Math.floor(hash * size * TWO_POW_MINUS_32)
}

/** Folds any finite number (e.g. a 53-bit seed) into 32 bits without losing the high bits. */
export function seed32(seed: number): number {
  const high = Math.floor(seed / 0x1_0000_0000)
  return mix32(mix32(seed >>> 0) ^ mix32(high + 0x9e3779b9))
}

export class Rng {
  readonly #source: JumpableRandomGenerator
  #spareNormal = Number.NaN

  constructor(seedOrSource: number | JumpableRandomGenerator) {
    this.#source = typeof seedOrSource === 'number' ? xoroshiro128plus(seed32(seedOrSource)) : seedOrSource
  }

  /** An independent stream 2^64 draws away; the parent skips ahead too so later forks never overlap. */
  fork(): Rng {
    const child = this.#source.clone()
    child.jump()
    this.#source.jump()
    this.#source.jump()
    return new Rng(child)
  }

  /** Uniform in [0, 1) with 32 bits of resolution, plenty for a simulation. */
  float(): number {
    return (this.#source.next() >>> 0) * TWO_POW_MINUS_32
  }

  uint32(): number {
    return this.#source.next() >>> 0
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n)
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** Standard normal deviate (Box-Muller, spare value cached). */
  normal(): number {
    const spare = this.#spareNormal
    if (spare === spare) {
      this.#spareNormal = Number.NaN
      return spare
    }
    const u = 1 - this.float()
    const v = this.float()
    const r = Math.sqrt(-2 * Math.log(u))
    this.#spareNormal = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Number of failures before the first success of a Bernoulli(p) trial; Infinity when p is 0. */
  geometric(p: number): number {
    if (p <= 0) return Number.POSITIVE_INFINITY
    if (p >= 1) return 0
    return Math.floor(Math.log(1 - this.float()) / Math.log(1 - p))
  }

  /** Index into cumulative weights (ascending, last = total). */
  weighted(cumulative: Float64Array): number {
    const target = this.float() * cumulative[cumulative.length - 1]!
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (target < cumulative[mid]!) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!
    out[i] = sum
  }
  return out
}
