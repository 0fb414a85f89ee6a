// Unique identifiers for generated records: date-encoded M-Pesa receipt ids and account-event ids.

import { EAT_OFFSET_MS, MS_PER_DAY, eatDayNumber } from '../domain/eat-time.ts'
import { RECEIPT_ALPHABET, receiptPrefixForInstant } from '../domain/receipt.ts'
import { mix32 } from './rng.ts'

const LOW_RADIX = 36 ** 4
const HIGH_RADIX = 36 ** 3
/** How many ids one factory can issue before the 7 random characters would repeat. */
export const RECEIPT_ID_CAPACITY = LOW_RADIX * HIGH_RADIX

const TWO_POW_MINUS_32 = 2.3283064365386963e-10
const PAIRS: readonly string[] = Array.from({ length: 36 * 36 }, (_, i) => RECEIPT_ALPHABET[Math.floor(i / 36)]! + RECEIPT_ALPHABET[i % 36]!)
const ALPHABET_CODES = Uint8Array.from(RECEIPT_ALPHABET, (c) => c.charCodeAt(0))
const PAIR_CODES = Uint8Array.from(PAIRS.join(''), (c) => c.charCodeAt(0))

/** The first Feistel round's offset for a counter's high half. */
function firstRound(counterHigh: number, key: number): number {
  return (roundHash(counterHigh, key) * LOW_RADIX * TWO_POW_MINUS_32) | 0
}

// One multiply-xorshift round function: weaker than mix32 but half the latency; three rounds suffice for ids that look random.
function roundHash(x: number, key: number): number {
  const h = Math.imul(x ^ key, 0x9e3779b1)
  return (h ^ (h >>> 15)) >>> 0
}

/** The text of a receipt id from its day prefix and its two permuted halves (high < 36^3, low < 36^4). */
export function receiptText(prefix: string, high: number, low: number): string {
  const highPair = Math.floor(high / 36)
  const mid = Math.floor(low / 1296)
  return prefix + PAIRS[highPair]! + RECEIPT_ALPHABET[high - highPair * 36]! + PAIRS[mid]! + PAIRS[low - mid * 1296]!
}

/** Writes the 10 ASCII bytes of receiptText(prefix, high, low) at pos; returns the position after them. */
export function writeReceipt(target: Uint8Array, pos: number, prefix: string, high: number, low: number): number {
  target[pos] = prefix.charCodeAt(0)
  target[pos + 1] = prefix.charCodeAt(1)
  target[pos + 2] = prefix.charCodeAt(2)
  // Two characters per table lookup: 3 divisions instead of 7.
  const highPair = Math.floor(high / 36)
  const mid = Math.floor(low / 1296)
  const lowPair = low - mid * 1296
  target[pos + 3] = PAIR_CODES[highPair * 2]!
  target[pos + 4] = PAIR_CODES[highPair * 2 + 1]!
  target[pos + 5] = ALPHABET_CODES[high - highPair * 36]!
  target[pos + 6] = PAIR_CODES[mid * 2]!
  target[pos + 7] = PAIR_CODES[mid * 2 + 1]!
  target[pos + 8] = PAIR_CODES[lowPair * 2]!
  target[pos + 9] = PAIR_CODES[lowPair * 2 + 1]!
  return pos + 10
}

/**
 * Issues ids of the form <3 date chars><7 chars>: the 7 characters are a 3-round keyed Feistel permutation of a
 * running counter over 36^3 × 36^4, so they look random yet never repeat within one generator (about 78 billion ids).
 * advance() computes the next id without building its text, which the hot path writes as bytes directly.
 */
export class ReceiptIdFactory {
  readonly #k1: number
  readonly #k2: number
  readonly #k3: number
  // The running counter as its two halves (counterHigh × 36^4 + counterLow), and the first round's offset, which
  // depends on counterHigh only.
  #counterHigh = 0
  #counterLow = 0
  #firstRound = 0
  // The current EAT day [#dayStart, #dayEnd), whose date characters are `prefix`.
  #dayStart = Number.NaN
  #dayEnd = Number.NaN
  /** Date characters, first and last part of the current id. */
  prefix = ''
  high = 0
  low = 0

  constructor(key: number) {
    this.#k1 = mix32(key)
    this.#k2 = mix32(key + 1)
    this.#k3 = mix32(key + 2)
    this.#firstRound = firstRound(0, this.#k1)
  }

  get issued(): number {
    return this.#counterHigh * LOW_RADIX + this.#counterLow
  }

  advance(epochMs: number): void {
    if (!(epochMs >= this.#dayStart && epochMs < this.#dayEnd)) this.#enterDay(epochMs)
    let high = this.#counterHigh
    if (high >= HIGH_RADIX) throw new Error('receipt id space exhausted')
    // Each round adds a keyed hash of one half to the other (mod its radix): invertible, hence no repeats.
    let low = this.#counterLow + this.#firstRound
    if (low >= LOW_RADIX) low -= LOW_RADIX
    if (++this.#counterLow === LOW_RADIX) {
      this.#counterLow = 0
      this.#firstRound = firstRound(++this.#counterHigh, this.#k1)
    }
    high += (roundHash(low, this.#k2) * HIGH_RADIX * TWO_POW_MINUS_32) | 0
    if (high >= HIGH_RADIX) high -= HIGH_RADIX
    low += (roundHash(high, this.#k3) * LOW_RADIX * TWO_POW_MINUS_32) | 0
    if (low >= LOW_RADIX) low -= LOW_RADIX
    this.high = high
    this.low = low
  }

  #enterDay(epochMs: number): void {
    const day = eatDayNumber(epochMs)
    this.#dayStart = day * MS_PER_DAY - EAT_OFFSET_MS
    this.#dayEnd = this.#dayStart + MS_PER_DAY
    this.prefix = receiptPrefixForInstant(epochMs)
  }

  /** Text of the current id. */
  text(): string {
    return receiptText(this.prefix, this.high, this.low)
  }

  next(epochMs: number): string {
    this.advance(epochMs)
    return this.text()
  }
}

/** Account-event ids: 'AE' + a receipt-style id (12 characters [A-Z0-9]), from their own key. */
export class AccountEventIdFactory {
  readonly #receipts: ReceiptIdFactory

  constructor(key: number) {
    this.#receipts = new ReceiptIdFactory(key ^ 0x5a5a5a5a)
  }

  next(epochMs: number): string {
    return 'AE' + this.#receipts.next(epochMs)
  }
}
