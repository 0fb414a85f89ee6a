// Event-time sources: a simulated span with daily, weekly and month-end cycles, or real time from a supplied now().

import { EAT_OFFSET_MS, MS_PER_DAY, daysInMonth, eatParts } from '../domain/eat-time.ts'
import { hourlyIntensity } from './profiles.ts'
import type { Rng } from './rng.ts'

const SLOT_MS = 10 * 60 * 1000
// Sunday..Saturday: quieter Sunday, busier Friday.
const WEEKDAY_FACTOR = [0.82, 1.0, 0.98, 0.98, 1.0, 1.08, 0.95]
const MONTH_END_FACTOR = 1.25

/** Salary days: the last two days of a month and the first of the next (EAT calendar). */
export function isMonthEnd(epochMs: number): boolean {
  const { year, month, day } = eatParts(epochMs)
  return day === 1 || day >= daysInMonth(year, month) - 1
}

export interface EventClock {
  readonly start: number
  /** Exclusive end of event time; Infinity in real time. */
  readonly end: number
  /** Time of the next background transaction, NaN once the requested count is reached. Stable until consume(). */
  peek(): number
  consume(): void
  /** Timestamp for a queued event that is due at `at`. */
  stamp(at: number): number
}

/**
 * Spreads `count` events over [start, start + days) following an intensity curve. Event k lands at the inverse
 * CDF of (k + U)/count, which keeps times non-decreasing, inside the span and as dense as the curve says.
 */
export class SimulatedClock implements EventClock {
  readonly start: number
  readonly end: number
  readonly #count: number
  readonly #weights: Float64Array
  readonly #perEvent: number
  readonly #rng: Rng
  #emitted = 0
  #slot = 0
  #cumulativeBefore = 0
  #next = Number.NaN

  /** activeHoursShift moves the daily cycle that many hours later (see GeneratorOptions). */
  constructor(start: number, days: number, count: number, rng: Rng, activeHoursShift = 0) {
    this.start = start
    this.end = start + Math.round(days * MS_PER_DAY)
    this.#count = count
    this.#rng = rng
    this.#weights = intensitySlots(this.start, this.end, activeHoursShift)
    let total = 0
    for (const w of this.#weights) total += w
    this.#perEvent = total / count
  }

  peek(): number {
    if (this.#next === this.#next) return this.#next
    if (this.#emitted >= this.#count) return Number.NaN
    const target = (this.#emitted + this.#rng.float()) * this.#perEvent
    const weights = this.#weights
    while (this.#slot < weights.length - 1 && this.#cumulativeBefore + weights[this.#slot]! <= target) {
      this.#cumulativeBefore += weights[this.#slot++]!
    }
    const within = Math.min(1, (target - this.#cumulativeBefore) / weights[this.#slot]!)
    const slotStart = this.start + this.#slot * SLOT_MS
    this.#next = Math.min(this.end - 1, Math.max(this.start, Math.floor(slotStart + within * SLOT_MS)))
    return this.#next
  }

  consume(): void {
    this.#emitted++
    this.#next = Number.NaN
  }

  stamp(at: number): number {
    return at
  }
}

/** Relative intensity of each 10-minute slot: hour-of-day curve (interpolated), weekday, month end. */
function intensitySlots(start: number, end: number, activeHoursShift: number): Float64Array {
  const hourly = hourlyIntensity(activeHoursShift)
  const slots = new Float64Array(Math.max(1, Math.ceil((end - start) / SLOT_MS)))
  for (let s = 0; s < slots.length; s++) {
    const t = start + s * SLOT_MS + SLOT_MS / 2
    const local = (((t + EAT_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY
    const hourPosition = local / 3_600_000 - 0.5
    const h0 = Math.floor(hourPosition)
    const frac = hourPosition - h0
    const curve = hourly[(h0 + 24) % 24]! * (1 - frac) + hourly[(h0 + 25) % 24]! * frac
    const weekday = eatParts(t).weekday
    // The last slot may be partial; weight it by the part inside the span.
    const coverage = Math.min(1, (end - (start + s * SLOT_MS)) / SLOT_MS)
    slots[s] = curve * WEEKDAY_FACTOR[weekday]! * (isMonthEnd(t) ? MONTH_END_FACTOR : 1) * coverage
  }
  return slots
}

/** Real time: every record is stamped with now(), so a caller pacing its calls controls the rate. */
export class RealtimeClock implements EventClock {
  readonly start: number
  readonly end = Number.POSITIVE_INFINITY
  readonly #now: () => number
  readonly #count: number
  #emitted = 0
  #last: number
  #next = Number.NaN

  constructor(now: () => number, count: number) {
    this.#now = now
    this.#count = count
    this.start = now()
    this.#last = this.start
  }

  #tick(): number {
    this.#last = Math.max(this.#last, this.#now())
    return this.#last
  }

  peek(): number {
    if (this.#emitted >= this.#count) return Number.NaN
    if (this.#next !== this.#next) this.#next = this.#tick()
    return this.#next
  }

  consume(): void {
    this.#emitted++
    this.#next = Number.NaN
  }

  stamp(_at: number): number {
    return this.#next === this.#next ? this.#next : this.#tick()
  }
}

