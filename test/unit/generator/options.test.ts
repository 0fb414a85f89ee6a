// Tests option validation and defaults.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { resolveOptions } from '../../../src/generator/options.ts'

const time = { mode: 'simulated', start: new Date('2026-11-10T00:00:00.000+03:00'), days: 1, count: 10 } as const

test('defaults scale with the population', () => {
  const options = resolveOptions({ seed: 1, time })
  assert.equal(options.accounts, 100_000)
  assert.equal(options.agents, 833)
  assert.equal(options.fraudRate, 0.001)
  assert.equal(options.poisonRate, 0)
  assert.equal(options.typologyWeights.MULE_FAN_IN, 1)
  assert.equal(options.amountScale, 1)
  assert.equal(options.activeHoursShift, 0)
  assert.ok(Object.isFrozen(options))
})

test('bad options name themselves', () => {
  assert.throws(() => resolveOptions({ seed: 1, accounts: 5_000_001, time }), /accounts/)
  assert.throws(() => resolveOptions({ seed: -1, time }), /seed/)
  assert.throws(() => resolveOptions({ seed: 1, fraudRate: 2, time }), /fraudRate/)
  assert.throws(() => resolveOptions({ seed: 1, time: { ...time, days: 0 } }), /time/)
  assert.throws(() => resolveOptions({ seed: 1, typologyWeights: { NOT_A_TYPOLOGY: 1 } as never, time }), /typologyWeights/)
})

test('background variations are checked and their errors say what is expected', () => {
  assert.equal(resolveOptions({ seed: 1, amountScale: 2.5, activeHoursShift: -6, time }).amountScale, 2.5)
  assert.throws(() => resolveOptions({ seed: 1, amountScale: 0, time }), /amountScale: expected a multiplier from 0.1 to 10/)
  assert.throws(() => resolveOptions({ seed: 1, amountScale: Number.NaN, time }), /amountScale: expected a multiplier/)
  assert.throws(() => resolveOptions({ seed: 1, amountScale: 11, time }), /amountScale/)
  assert.throws(() => resolveOptions({ seed: 1, activeHoursShift: 1.5, time }), /activeHoursShift: expected whole hours from -23 to 23/)
  assert.throws(() => resolveOptions({ seed: 1, activeHoursShift: 24, time }), /activeHoursShift/)
})
