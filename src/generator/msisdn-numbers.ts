// Customer MSISDNs as permuted numbers n = prefix index × 1,000,000 + subscriber: their text, and their 12 ASCII digits written in place.

import { SAFARICOM_PREFIXES } from '../domain/msisdn.ts'

export const SUBSCRIBERS_PER_PREFIX = 1_000_000
/** How many distinct numbers exist: 58 Safaricom prefixes × 1,000,000 subscribers. */
export const MSISDN_NUMBER_COUNT = SAFARICOM_PREFIXES.length * SUBSCRIBERS_PER_PREFIX

const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
const PREFIX_TEXT: readonly string[] = SAFARICOM_PREFIXES.map((p) => '254' + p)
/** ASCII of '000'..'999', three bytes each: one lookup writes three digits. */
export const THREE_DIGIT_CODES = Uint8Array.from(THREE_DIGITS.join(''), (c) => c.charCodeAt(0))
const PREFIX_CODES = Uint8Array.from(PREFIX_TEXT.join(''), (c) => c.charCodeAt(0))

/** The 12-digit text of number n in [0, MSISDN_NUMBER_COUNT). */
export function msisdnText(n: number): string {
  const prefix = Math.floor(n / SUBSCRIBERS_PER_PREFIX)
  const subscriber = n - prefix * SUBSCRIBERS_PER_PREFIX
  const high = Math.floor(subscriber / 1000)
  return PREFIX_TEXT[prefix]! + THREE_DIGITS[high]! + THREE_DIGITS[subscriber - high * 1000]!
}

/** Writes the 12 ASCII digits of msisdnText(n) at pos and returns the position after them. */
export function writeMsisdnNumber(target: Uint8Array, pos: number, n: number): number {
  const prefix = Math.floor(n / SUBSCRIBERS_PER_PREFIX)
  const subscriber = n - prefix * SUBSCRIBERS_PER_PREFIX
  const high = Math.floor(subscriber / 1000)
  const p6 = prefix * 6
  const h3 = high * 3
  const l3 = (subscriber - high * 1000) * 3
  target[pos] = PREFIX_CODES[p6]!
  target[pos + 1] = PREFIX_CODES[p6 + 1]!
  target[pos + 2] = PREFIX_CODES[p6 + 2]!
  target[pos + 3] = PREFIX_CODES[p6 + 3]!
  target[pos + 4] = PREFIX_CODES[p6 + 4]!
  target[pos + 5] = PREFIX_CODES[p6 + 5]!
  target[pos + 6] = THREE_DIGIT_CODES[h3]!
  target[pos + 7] = THREE_DIGIT_CODES[h3 + 1]!
  target[pos + 8] = THREE_DIGIT_CODES[h3 + 2]!
  target[pos + 9] = THREE_DIGIT_CODES[l3]!
  target[pos + 10] = THREE_DIGIT_CODES[l3 + 1]!
  target[pos + 11] = THREE_DIGIT_CODES[l3 + 2]!
  return pos + 12
}
