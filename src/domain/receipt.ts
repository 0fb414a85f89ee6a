// M-Pesa receipt (transaction) ids: 10 characters [A-Z0-9] whose first three encode the EAT date (inferred from public samples).
//
// 1st = year letter (A=2006 … L=2017 … U=2026, wrapping after Z), 2nd = month letter (A=Jan … L=Dec),
// 3rd = day of month (1–9, then A=10 … V=31), last 7 = random [A-Z0-9]. E.g. LGR219G3EY is 2017-07-27.

import { EAT_OFFSET_MS } from './eat-time.ts'

export const RECEIPT_ID_REGEX = /^[A-Z][A-L][1-9A-V][A-Z0-9]{7}$/
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DAY_CHARS = '123456789ABCDEFGHIJKLMNOPQRSTUV'
const YEAR_ZERO = 2006

export function isReceiptId(value: string): boolean {
  return RECEIPT_ID_REGEX.test(value)
}

/** The three date characters for an EAT calendar date (month 1-12). */
export function receiptDatePrefix(year: number, month: number, day: number): string {
  const yearIndex = (((year - YEAR_ZERO) % 26) + 26) % 26
  return LETTERS[yearIndex]! + LETTERS[month - 1]! + DAY_CHARS[day - 1]!
}

/** The three date characters for the EAT date of an instant. */
export function receiptPrefixForInstant(epochMs: number): string {
  const d = new Date(epochMs + EAT_OFFSET_MS)
  return receiptDatePrefix(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** True when a receipt id's date characters match the EAT date of the instant. */
export function receiptMatchesInstant(receiptId: string, epochMs: number): boolean {
  return receiptId.startsWith(receiptPrefixForInstant(epochMs))
}

/**
 * Decodes the date characters; the year is ambiguous modulo 26, so the caller passes a year
 * to pick the nearest candidate (e.g. the current year).
 */
export function decodeReceiptDate(
  receiptId: string,
  nearYear: number
): { year: number; month: number; day: number } | undefined {
  if (!RECEIPT_ID_REGEX.test(receiptId)) return undefined
  const yearIndex = LETTERS.indexOf(receiptId[0]!)
  const month = LETTERS.indexOf(receiptId[1]!) + 1
  const day = DAY_CHARS.indexOf(receiptId[2]!) + 1
  const base = YEAR_ZERO + yearIndex
  const year = base + 26 * Math.round((nearYear - base) / 26)
  return { year, month, day }
}
