// The generator's seeded randomness: sfc32 (Small Fast Counting, 128-bit state, passes PractRand) and the draws built on it.

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

/**
 * A seeded generator. sfc32 works in 32-bit integer arithmetic only, which the JIT keeps in registers: the generator
 * makes about ten draws per record, and this is about twice as fast as a 64-bit xoroshiro emulated in 32-bit halves.
 */
export class Rng {
  #a: number
  #b: number
  #c: number
  #counter: number
  #spareNormal = Number.NaN

  /** From a seed (any finite number), or from four 32-bit words of state. */
  constructor(seed: number, state?: readonly [number, number, number, number]) {
    const s = seed32(seed)
    const [a, b, c, counter] = state ?? [s, mix32(s ^ 0x9e3779b9), mix32(s ^ 0x7f4a7c15), 1]
    this.#a = a | 0
    this.#b = b | 0
    this.#c = c | 0
    this.#counter = counter | 0
    // Mix the seed through the state before the first draw.
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** An independent stream seeded from this one's next draws (this one moves on, so later forks differ). */
  fork(): Rng {
    return new Rng(0, [this.uint32(), this.uint32(), this.uint32(), this.uint32()])
  }

  uint32(): number {
    const a = this.#a
    const b = this.#b
    const c = this.#c
    const t = (((a + b) | 0) + this.#counter) | 0
    this.#counter = (this.#counter + 1) | 0
    this.#a = b ^ (b >>> 9)
    this.#b = (c + (c << 3)) | 0
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1) with 32 bits of resolution, plenty for a simulation. */
  float(): number {
    return this.uint32() * TWO_POW_MINUS_32
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
