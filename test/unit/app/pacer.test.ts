// Pacing: how many records are due after a given time at a given rate, and how long until the next one.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createPacer } from '../../../src/app/pacer.ts'

test('at 1,000/s, 250 ms after the start 251 records are due (the first one at once)', () => {
  const pacer = createPacer(1000, 10_000)
  assert.equal(pacer.due(0, 10_000), 1)
  assert.equal(pacer.due(0, 10_250), 251)
  assert.equal(pacer.due(251, 10_250), 0)
  assert.equal(pacer.waitMs(251, 10_250), 1)
})

test('the schedule is absolute: falling behind is caught up, never accumulated as drift', () => {
  const pacer = createPacer(200, 0)
  assert.equal(pacer.due(100, 1000), 101)
  assert.equal(pacer.waitMs(400, 1000), 1000)
})

test('rate 0 means unpaced', () => {
  const pacer = createPacer(0, 0)
  assert.equal(pacer.due(1_000_000, 0), Number.POSITIVE_INFINITY)
  assert.equal(pacer.waitMs(1_000_000, 0), 0)
})
