// Digits and receipt characters written two or four ASCII bytes at a time through a DataView (little-endian words from small tables).
//
// A record has about 60 variable bytes (receipt id, seconds, amount, MSISDNs); one unaligned 32-bit store replaces four
// checked byte stores, which matters at millions of records a second. Quotients are taken as (a / b) | 0, which the JIT
// compiles to integer arithmetic, where Math.floor keeps doubles and checks for -0 on every conversion; divisors are
// literals, which it turns into a multiplication (a divisor read from a named constant costs a hardware division).

import { RECEIPT_ALPHABET } from '../domain/receipt.ts'
import { SAFARICOM_PREFIXES } from '../domain/msisdn.ts'
import { SUBSCRIBERS_PER_PREFIX } from './msisdn-numbers.ts'

const code = (text: string, i: number): number => text.charCodeAt(i)
/** Little-endian 16-bit word of a two-character ASCII string (first character in the low byte). */
export const word16 = (text: string): number => code(text, 0) | (code(text, 1) << 8)
/** Little-endian 32-bit word of a four-character ASCII string. */
export const word32 = (text: string): number => (code(text, 0) | (code(text, 1) << 8) | (code(text, 2) << 16) | (code(text, 3) << 24)) >>> 0

/** '00'..'99' as 16-bit words. */
const TWO_DIGITS = Uint16Array.from({ length: 100 }, (_, i) => word16(String(i).padStart(2, '0')))
/** Base-36 receipt characters, '00'..'ZZ' as 16-bit words (index a × 36 + b). */
const RECEIPT_PAIRS = Uint16Array.from({ length: 36 * 36 }, (_, i) => word16(RECEIPT_ALPHABET[(i / 36) | 0]! + RECEIPT_ALPHABET[i % 36]!))
const RECEIPT_CODES = Uint8Array.from(RECEIPT_ALPHABET, (c) => c.charCodeAt(0))
// An MSISDN is '254' + 3-digit prefix + 6 subscriber digits: the first word is '254' and the prefix's first digit,
// the second starts with the prefix's last two digits.
const MSISDN_FIRST = Uint32Array.from(SAFARICOM_PREFIXES, (p) => word32('254' + p[0]!))
const MSISDN_SECOND_LOW = Uint16Array.from(SAFARICOM_PREFIXES, (p) => word16(p.slice(1)))
// writeMsisdnWords divides by the literal 1,000,000 (see above).
if (SUBSCRIBERS_PER_PREFIX !== 1_000_000) throw new Error('writeMsisdnWords assumes 1,000,000 subscribers per prefix')

/** Writes a non-negative integer in decimal; returns the position after it. */
export function writeDecimal(view: DataView, pos: number, value: number): number {
  if (!(value >= 0 && value < 100_000_000 && value === Math.floor(value))) return writeText(view, pos, String(value))
  if (value < 10_000) return writeBelowTenThousand(view, pos, value)
  const high = (value / 10_000) | 0
  const low = value - high * 10_000
  const middle = (low / 100) | 0
  const p = writeBelowTenThousand(view, pos, high)
  view.setUint32(p, TWO_DIGITS[middle]! | (TWO_DIGITS[low - middle * 100]! << 16), true)
  return p + 4
}

/** 0 ≤ value < 10,000, without leading zeros. */
function writeBelowTenThousand(view: DataView, pos: number, value: number): number {
  if (value < 100) {
    if (value < 10) {
      view.setUint8(pos, 48 + value)
      return pos + 1
    }
    view.setUint16(pos, TWO_DIGITS[value]!, true)
    return pos + 2
  }
  const high = (value / 100) | 0
  const low = TWO_DIGITS[value - high * 100]!
  if (high < 10) {
    view.setUint8(pos, 48 + high)
    view.setUint16(pos + 1, low, true)
    return pos + 3
  }
  view.setUint32(pos, TWO_DIGITS[high]! | (low << 16), true)
  return pos + 4
}

/** Writes ASCII text byte by byte (rare values); returns the position after it. */
export function writeText(view: DataView, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) view.setUint8(pos + i, text.charCodeAt(i))
  return pos + text.length
}

/** Writes the 12 digits of permuted MSISDN number n (see msisdn-numbers.ts); returns the position after them. */
export function writeMsisdnWords(view: DataView, pos: number, n: number): number {
  const prefix = (n / 1_000_000) | 0
  const subscriber = n - prefix * 1_000_000
  const first2 = (subscriber / 10_000) | 0
  const last4 = subscriber - first2 * 10_000
  const middle2 = (last4 / 100) | 0
  view.setUint32(pos, MSISDN_FIRST[prefix]!, true)
  view.setUint32(pos + 4, MSISDN_SECOND_LOW[prefix]! | (TWO_DIGITS[first2]! << 16), true)
  view.setUint32(pos + 8, TWO_DIGITS[middle2]! | (TWO_DIGITS[last4 - middle2 * 100]! << 16), true)
  return pos + 12
}

/**
 * Writes a receipt id: its three date characters (prefixWord, the low 24 bits of word32 of them), then high (three
 * base-36 characters) and low (four). Returns the position after the 10 characters.
 */
export function writeReceiptWords(view: DataView, pos: number, prefixWord: number, high: number, low: number): number {
  const highFirst = (high / 1296) | 0
  const lowFirst = (low / 1296) | 0
  view.setUint32(pos, prefixWord | (RECEIPT_CODES[highFirst]! << 24), true)
  view.setUint32(pos + 4, RECEIPT_PAIRS[high - highFirst * 1296]! | (RECEIPT_PAIRS[lowFirst]! << 16), true)
  view.setUint16(pos + 8, RECEIPT_PAIRS[low - lowFirst * 1296]!, true)
  return pos + 10
}

/** Writes "ss.mmm" for an offset of 0..59,999 ms into the minute. */
export function writeSecondsWords(view: DataView, pos: number, offset: number): void {
  const seconds = (offset / 1000) | 0
  const millis = offset - seconds * 1000
  const hundreds = (millis / 100) | 0
  view.setUint32(pos, TWO_DIGITS[seconds]! | (0x2e << 16) | ((48 + hundreds) << 24), true)
  view.setUint16(pos + 4, TWO_DIGITS[millis - hundreds * 100]!, true)
}
