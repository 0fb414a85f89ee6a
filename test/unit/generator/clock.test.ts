// Tests the event clocks: simulated spans follow the daily cycle and stay ordered; real time follows now().

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { RealtimeClock, SimulatedClock, isMonthEnd } from '../../../src/generator/clock.ts'
import { Rng } from '../../../src/generator/rng.ts'

test('simulated clock: exactly count times, ordered, inside the span, busier evenings than nights', () => {
  const start = Date.parse('2026-11-09T00:00:00.000+03:00')
  const clock = new SimulatedClock(start, 7, 100_000, new Rng(1))
  const byHour = new Array<number>(24).fill(0)
  let previous = -Infinity
  let count = 0
  for (let t = clock.peek(); t === t; t = clock.peek()) {
    assert.equal(clock.peek(), t)
    clock.consume()
    assert.ok(t >= previous && t >= start && t < clock.end)
    previous = t
    byHour[new Date(t + 3 * 3_600_000).getUTCHours()]!++
    count++
  }
  assert.equal(count, 100_000)
  assert.ok(byHour[18]! > 10 * byHour[3]!)
})

test('simulated clock: activeHoursShift moves the daily cycle, so 21:00 is busy and 06:00 quiet three hours later', () => {
  const start = Date.parse('2026-11-09T00:00:00.000+03:00')
  const clock = new SimulatedClock(start, 7, 100_000, new Rng(1), 3)
  const byHour = new Array<number>(24).fill(0)
  for (let t = clock.peek(); t === t; t = clock.peek()) {
    clock.consume()
    byHour[new Date(t + 3 * 3_600_000).getUTCHours()]!++
  }
  const sum = (from: number, to: number): number => byHour.slice(from, to).reduce((a, b) => a + b, 0)
  assert.ok(sum(20, 23) > 10 * sum(4, 7))
  // 01:00-04:00 is the default's quiet night; three hours later it is the evening's tail.
  assert.ok(sum(1, 4) > 3 * sum(4, 7))
})

test('month end covers the last two days and the first', () => {
  assert.ok(isMonthEnd(Date.parse('2026-11-29T12:00:00.000+03:00')))
  assert.ok(isMonthEnd(Date.parse('2026-11-30T12:00:00.000+03:00')))
  assert.ok(isMonthEnd(Date.parse('2026-12-01T12:00:00.000+03:00')))
  assert.equal(isMonthEnd(Date.parse('2026-11-15T12:00:00.000+03:00')), false)
})

test('real-time clock: now(), never backwards, finite when counted', () => {
  const times = [1_000, 2_000, 1_500, 3_000]
  let i = 0
  const clock = new RealtimeClock(() => times[Math.min(i, times.length - 1)]!, 3)
  const seen: number[] = []
  for (let t = clock.peek(); t === t; t = clock.peek()) {
    seen.push(t)
    clock.consume()
    i++
  }
  assert.deepEqual(seen, [1_000, 2_000, 2_000])
})
