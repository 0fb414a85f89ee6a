// Tests East Africa Time formatting: the cached formatter and byte writer agree with the reference, and parsing is strict.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EAT_TIMESTAMP_REGEX, EatTimestampFormatter, eatDayNumber, formatEat, parseEat } from '../../../src/domain/eat-time.ts'

test('formatEat shifts to +03:00 with milliseconds', () => {
  assert.equal(formatEat(Date.parse('2026-11-29T11:03:07.123Z')), '2026-11-29T14:03:07.123+03:00')
  assert.equal(formatEat(Date.parse('2026-12-31T21:00:00.000Z')), '2027-01-01T00:00:00.000+03:00')
})

test('cached formatter and byte writer equal the reference for jumps back and forth', () => {
  const formatter = new EatTimestampFormatter()
  const bytes = new Uint8Array(64)
  let t = Date.parse('2026-02-28T20:59:58.000Z')
  for (let i = 0; i < 5_000; i++) {
    t += i % 97 === 0 ? -3_600_000 : (i * 7919) % 45_000
    const expected = formatEat(t)
    assert.equal(formatter.format(t), expected)
    const end = formatter.write(bytes, 3, t)
    assert.equal(Buffer.from(bytes.subarray(3, end)).toString('latin1'), expected)
    assert.match(expected, EAT_TIMESTAMP_REGEX)
  }
})

test('parseEat round-trips and rejects impossible or non-EAT timestamps', () => {
  const t = Date.parse('2026-11-29T11:03:07.123Z')
  assert.equal(parseEat(formatEat(t)), t)
  for (const bad of ['2026-02-30T10:00:00.000+03:00', '2026-11-29T14:03:07.123Z', '2026-11-29T14:03:07+03:00', '2026-11-29 14:03:07.123+03:00']) {
    assert.ok(Number.isNaN(parseEat(bad)), bad)
  }
  assert.equal(parseEat('2028-02-29T10:00:00.000+03:00'), Date.parse('2028-02-29T07:00:00.000Z'))
})

test('EAT days turn at 21:00 UTC', () => {
  assert.equal(eatDayNumber(Date.parse('2026-11-28T20:59:59.999Z')) + 1, eatDayNumber(Date.parse('2026-11-28T21:00:00.000Z')))
})

test('parseEat equals Date.parse on every kind of valid timestamp, leap days and two-digit years included, called in any order', () => {
  const texts = ['2026-11-29T14:03:07.123+03:00', '2028-02-29T23:59:59.999+03:00', '2000-02-29T00:00:00.000+03:00', '0050-06-15T12:00:00.000+03:00', '1970-01-01T02:59:59.999+03:00']
  for (let ms = Date.UTC(1999, 11, 31); ms < Date.UTC(2031, 0, 1); ms += 7_777_777_777) texts.push(formatEat(ms))
  for (const text of [...texts, ...texts.toReversed(), ...texts]) assert.equal(parseEat(text), Date.parse(text), text)
  for (const bad of ['1900-02-29T10:00:00.000+03:00', '2026-02-29T10:00:00.000+03:00', '2026-06-31T10:00:00.000+03:00', '2026-11-29T14:03:07.123Z']) {
    assert.ok(Number.isNaN(parseEat(bad)), bad)
    assert.ok(Number.isNaN(parseEat(bad)), `${bad} (asked twice)`)
  }
})
