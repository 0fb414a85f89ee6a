// Constant-time samplers for the per-record hot path: alias tables for discrete choices and log-normal inverse-CDF tables.

/**
 * Walker's alias method: any discrete distribution sampled with one uniform draw and one comparison, where a
 * binary search over cumulative weights costs several unpredictable branches per pick. Built once (Vose's variant).
 */
export class AliasTable {
  readonly size: number
  // Column i keeps outcome i when the draw's fraction is below threshold[i], otherwise gives alias[i].
  readonly #threshold: Float64Array
  readonly #alias: Int32Array

  constructor(weights: ArrayLike<number>) {
    const n = weights.length
    let total = 0
    for (let i = 0; i < n; i++) {
      if (!(weights[i]! >= 0 && Number.isFinite(weights[i]!))) throw new Error('alias weights must be finite and non-negative')
      total += weights[i]!
    }
    if (n === 0 || total <= 0) throw new Error('alias table needs a positive weight')
    this.size = n
    this.#threshold = new Float64Array(n)
    this.#alias = new Int32Array(n)
    const scaled = Array.from({ length: n }, (_, i) => (weights[i]! * n) / total)
    const small: number[] = []
    const large: number[] = []
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i))
    let heaviest = 0
    for (let i = 1; i < n; i++) if (weights[i]! > weights[heaviest]!) heaviest = i
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!
      const l = large[large.length - 1]!
      this.#threshold[s] = scaled[s]!
      this.#alias[s] = l
      scaled[l] = scaled[l]! + scaled[s]! - 1
      if (scaled[l] < 1) small.push(large.pop()!)
    }
    // Leftovers are within rounding of 1; a zero-weight outcome must still never be returned.
    for (const i of [...small, ...large]) {
      this.#threshold[i] = weights[i]! > 0 ? 1 : 0
      this.#alias[i] = weights[i]! > 0 ? i : heaviest
    }
  }

  /** The outcome for a uniform u in [0, 1). */
  pick(u: number): number {
    const x = u * this.size
    const column = x | 0
    return x - column < this.#threshold[column]! ? column : this.#alias[column]!
  }
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9), p in (0, 1). */
export function normalQuantile(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1)
  }
  if (p > 1 - 0.02425) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) * r + 2.506628277459239) * q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) * r + 1)
}

// 1,024 cells keep a table at 4 KB, small enough to stay in the CPU's nearest cache (a 16 KB table missed it, costing
// more than the exp() it saved); linear interpolation is then within 0.12% of the exact value, and the outer 8 cells
// of each tail, where the curve bends most, are computed exactly (1.6% of draws).
const CELLS = 1024
const EXACT_CELLS = 8
const HALF_ULP = 2 ** -33

/**
 * Draws of exp(sigma × Z), Z standard normal, from one uniform: linear interpolation in a table of the inverse CDF
 * with exp() already applied, so a log-normal amount needs neither Box-Muller (log, sqrt, cos) nor Math.exp.
 */
export class LogNormalTable {
  readonly #sigma: number
  readonly #grid: Float32Array

  constructor(sigma: number) {
    this.#sigma = sigma
    this.#grid = Float32Array.from({ length: CELLS + 1 }, (_, i) => (i === 0 || i === CELLS ? 0 : Math.exp(sigma * normalQuantile(i / CELLS))))
  }

  /** exp(sigma × Z) for the uniform u in [0, 1). */
  sample(u: number): number {
    const x = u * CELLS
    const cell = x | 0
    if (cell < EXACT_CELLS || cell >= CELLS - EXACT_CELLS) return Math.exp(this.#sigma * normalQuantile(Math.min(1 - HALF_ULP, Math.max(HALF_ULP, u))))
    const low = this.#grid[cell]!
    return low + (x - cell) * (this.#grid[cell + 1]! - low)
  }
}
