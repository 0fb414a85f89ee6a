// Tests scenario timing near the end of a simulated span, and that a scenario's label appears only when it is complete.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createGenerator } from '../../../src/generator/generator.ts'
import { stepTimes } from '../../../src/generator/scenario-runner.ts'
import type { ScenarioPlan } from '../../../src/generator/scenarios/index.ts'
import { START } from './stream-fixture.ts'

const plan = (offsets: number[]): ScenarioPlan => ({
  typology: 'VELOCITY_BURST',
  account: 0,
  steps: offsets.map((offset) => ({ offset, fill: () => undefined }))
})

test('steps keep their offsets when they fit and are compressed to end inside the span when not', () => {
  assert.deepEqual(stepTimes(plan([0, 10, 30]), 1_000, 2_000), [1_000, 1_010, 1_030])
  const squeezed = stepTimes(plan([0, 500, 2_000]), 1_000, 2_000)
  assert.deepEqual(squeezed, [1_000, 1_249, 1_999])
})

test('scenarios started just before the end still complete inside the span', () => {
  const generator = createGenerator({
    seed: 8,
    accounts: 3_000,
    fraudRate: 0.05,
    time: { mode: 'simulated', start: START, days: 0.05, count: 4_000 }
  })
  const records = [...generator]
  const end = generator.span.end
  assert.ok(records.every((r) => r.timestamp < end))
  const stats = generator.stats()
  const labels = generator.takeLabels().filter((l) => l.kind === 'fraud' && l.injected)
  const started = Object.values(stats.scenariosStarted).reduce((a, b) => a + b, 0)
  assert.equal(labels.length, started)
})
