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
  assert.ok(Object.isFrozen(options))
})

test('bad options name themselves', () => {
  assert.throws(() => resolveOptions({ seed: 1, accounts: 5_000_001, time }), /accounts/)
  assert.throws(() => resolveOptions({ seed: -1, time }), /seed/)
  assert.throws(() => resolveOptions({ seed: 1, fraudRate: 2, time }), /fraudRate/)
  assert.throws(() => resolveOptions({ seed: 1, time: { ...time, days: 0 } }), /time/)
  assert.throws(() => resolveOptions({ seed: 1, typologyWeights: { NOT_A_TYPOLOGY: 1 } as never, time }), /typologyWeights/)
})
