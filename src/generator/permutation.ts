// Keyed bijections on [0, a*b): turn counters and indices into unique, random-looking numbers (MSISDNs, receipt ids).
//
// An unbalanced Feistel network over the mixed radix (a, b): each round adds a keyed hash of one half to the other,
// modulo its size, which is invertible, so the whole map is a permutation and distinct inputs give distinct outputs.

import { hashBelow, mix32 } from './rng.ts'

const ROUNDS = 4

export class KeyedPermutation {
  readonly size: number
  readonly #a: number
  readonly #b: number
  readonly #keys: Uint32Array

  constructor(a: number, b: number, key: number) {
    if (!(Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0)) throw new Error('radices must be positive integers')
    this.#a = a
    this.#b = b
    this.size = a * b
    this.#keys = new Uint32Array(ROUNDS * 2)
    for (let i = 0; i < this.#keys.length; i++) this.#keys[i] = mix32(key + Math.imul(i + 1, 0x9e3779b9))
  }

  apply(index: number): number {
    const a = this.#a
    const b = this.#b
    const keys = this.#keys
    let high = Math.floor(index / b)
    let low = index - high * b
    for (let r = 0; r < ROUNDS; r++) {
      low += hashBelow(mix32(high ^ keys[2 * r]!), b)
      if (low >= b) low -= b
      high += hashBelow(mix32(low ^ keys[2 * r + 1]!), a)
      if (high >= a) high -= a
    }
    return high * b + low
  }

  invert(value: number): number {
    const a = this.#a
    const b = this.#b
    const keys = this.#keys
    let high = Math.floor(value / b)
    let low = value - high * b
    for (let r = ROUNDS - 1; r >= 0; r--) {
      high -= hashBelow(mix32(low ^ keys[2 * r + 1]!), a)
      if (high < 0) high += a
      low -= hashBelow(mix32(high ^ keys[2 * r]!), b)
      if (low < 0) low += b
    }
    return high * b + low
  }
}
