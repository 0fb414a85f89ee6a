// East Africa Time (UTC+3, no daylight saving) helpers: fast ISO-8601 formatting with +03:00 and EAT calendar days.

export const EAT_OFFSET_MS = 3 * 60 * 60 * 1000
export const MS_PER_DAY = 86_400_000

/** ISO-8601 local EAT time with milliseconds and offset, e.g. 2026-11-29T14:03:07.123+03:00. */
export const EAT_TIMESTAMP_REGEX =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}\+03:00$/

/** Days since 1970-01-01 on the EAT calendar (midnight EAT is the day boundary). */
export function eatDayNumber(epochMs: number): number {
  return Math.floor((epochMs + EAT_OFFSET_MS) / MS_PER_DAY)
}

/** EAT calendar parts of an instant; month is 1-12, weekday 0 = Sunday. */
export interface EatParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly weekday: number
}

export function eatParts(epochMs: number): EatParts {
  const d = new Date(epochMs + EAT_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    weekday: d.getUTCDay()
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? Number.NaN)
}

/** Formats epoch ms as EAT ISO-8601; the slow, obviously-correct reference for the cached formatter. */
export function formatEat(epochMs: number): string {
  return new Date(epochMs + EAT_OFFSET_MS).toISOString().slice(0, 23) + '+03:00'
}

// The processor parses each timestamp twice in a row (validation, then event time): one remembered answer.
let lastParsedText = ''
let lastParsedValue = Number.NaN

/** Parses an EAT timestamp produced by formatEat; NaN when the text is not a real EAT instant. */
export function parseEat(text: string): number {
  if (text !== lastParsedText) {
    lastParsedValue = computeEat(text)
    lastParsedText = text
  }
  return lastParsedValue
}

/** The decimal number in text[from, from + length), or -1 when a character there is not a digit. */
function digitsAt(text: string, from: number, length: number): number {
  let value = 0
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - 48
    if (!(digit >= 0 && digit <= 9)) return -1
    value = value * 10 + digit
  }
  return value
}

const DASH = 45
const COLON = 58
const DOT = 46
const LETTER_T = 84

/** EAT_TIMESTAMP_REGEX, checked character by character while the fields are read (no regex, no substrings). */
function computeEat(text: string): number {
  if (text.length !== 29 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== LETTER_T) return Number.NaN
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON || text.charCodeAt(19) !== DOT || !text.endsWith('+03:00')) return Number.NaN
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  const millis = digitsAt(text, 20, 3)
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
    return Number.NaN
  }
  // The pattern admits 30 February: check the day exists.
  if (day > daysInMonth(year, month)) return Number.NaN
  // Date.UTC maps years 0-99 to 1900-1999; such timestamps take the slower exact path.
  if (year < 100) return Date.parse(text)
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - EAT_OFFSET_MS
}

const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))

/**
 * Formats non-decreasing (or arbitrary) timestamps quickly by caching the text up to the minute:
 * the generator formats millions of timestamps a second, and most share their minute with the previous one.
 */
export class EatTimestampFormatter {
  #minuteStart = Number.NaN
  #minutePrefix = ''
  readonly #prefixBytes = new Uint8Array(17)

  #offsetInMinute(epochMs: number): number {
    const offset = epochMs - this.#minuteStart
    if (offset >= 0 && offset < 60_000) return offset
    this.#minuteStart = epochMs - (((epochMs % 60_000) + 60_000) % 60_000)
    this.#minutePrefix = formatEat(this.#minuteStart).slice(0, 17)
    for (let i = 0; i < 17; i++) this.#prefixBytes[i] = this.#minutePrefix.charCodeAt(i)
    return epochMs - this.#minuteStart
  }

  format(epochMs: number): string {
    const offset = this.#offsetInMinute(epochMs)
    const seconds = Math.floor(offset / 1000)
    return this.#minutePrefix + TWO_DIGITS[seconds]! + '.' + THREE_DIGITS[offset - seconds * 1000]! + '+03:00'
  }

  /** Writes the 29 ASCII bytes of format(epochMs) at pos and returns the position after them. */
  write(target: Uint8Array, pos: number, epochMs: number): number {
    const offset = this.#offsetInMinute(epochMs)
    target.set(this.#prefixBytes, pos)
    let p = pos + 17
    const seconds = Math.floor(offset / 1000)
    const millis = offset - seconds * 1000
    target[p++] = 48 + Math.floor(seconds / 10)
    target[p++] = 48 + (seconds % 10)
    target[p++] = 46 // '.'
    target[p++] = 48 + Math.floor(millis / 100)
    target[p++] = 48 + (Math.floor(millis / 10) % 10)
    target[p++] = 48 + (millis % 10)
    target.set(OFFSET_BYTES, p)
    return p + 6
  }
}

const OFFSET_BYTES = Uint8Array.from('+03:00', (c) => c.charCodeAt(0))
