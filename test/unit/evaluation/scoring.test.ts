// Tests the scoring of alerts against labels with hand-counted cases: precision, recall, F1, false alerts per 10,000, delays, ignored labels.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatEat } from '../../../src/domain/eat-time.ts'
import type { FraudLabel, FraudTypology } from '../../../src/domain/labels.ts'
import { percentile, scoreAlerts } from '../../../src/evaluation/scoring.ts'
import type { ScoredAlert } from '../../../src/evaluation/scoring.ts'
import { formatDelay, formatScoresTable } from '../../../src/evaluation/report.ts'

const T = Date.parse('2026-11-10T10:00:00.000+03:00')
const MIN = 60_000

function label(id: string, typology: FraudTypology, ids: string[], first: number, injected = true): FraudLabel {
  return { kind: 'fraud', scenario_id: id, typology, account: '254712345678', transaction_ids: ids, account_event_ids: [], first_event_time: formatEat(first), last_event_time: formatEat(first + 10 * MIN), injected }
}

function alert(typology: string, ids: string[], at: number): ScoredAlert {
  return { typology, transaction_ids: ids, event_time: formatEat(at) }
}

const LABELS = [
  label('FS-1', 'VELOCITY_BURST', ['A1', 'A2'], T),
  label('FS-2', 'VELOCITY_BURST', ['B1'], T + 60 * MIN),
  label('HV-3', 'HIGH_VALUE_TRANSFER', ['H1'], T, false),
  label('FS-4', 'MULE_FAN_IN', ['M1', 'M2'], T)
]
const ALERTS = [
  alert('VELOCITY_BURST', ['A1', 'A2'], T + 5 * MIN),
  alert('VELOCITY_BURST', ['A2'], T + 6 * MIN),
  alert('VELOCITY_BURST', ['Z9'], T),
  alert('VELOCITY_BURST', ['M1'], T),
  alert('HIGH_VALUE_TRANSFER', ['H1'], T),
  alert('AMOUNT_ANOMALY', ['X1'], T)
]

test('per typology: detected scenarios, true and false alerts (cross-typology counted), precision, recall, F1, delay', () => {
  const scores = scoreAlerts(ALERTS, LABELS, 20_000)
  const velocity = scores.typologies.find((t) => t.typology === 'VELOCITY_BURST')!
  assert.deepEqual(velocity, {
    typology: 'VELOCITY_BURST',
    scenarios: 2,
    detected: 1,
    alerts: 4,
    true_alerts: 2,
    false_alerts: 2,
    cross_typology_alerts: 1,
    precision: 0.5,
    recall: 0.5,
    f1: 0.5,
    delay_p50_ms: 5 * MIN,
    delay_p99_ms: 5 * MIN
  })
  const mule = scores.typologies.find((t) => t.typology === 'MULE_FAN_IN')!
  assert.deepEqual([mule.scenarios, mule.detected, mule.alerts, mule.precision, mule.recall, mule.f1], [1, 0, 0, null, 0, null])
  const anomaly = scores.typologies.find((t) => t.typology === 'AMOUNT_ANOMALY')!
  assert.deepEqual([anomaly.scenarios, anomaly.alerts, anomaly.false_alerts, anomaly.precision, anomaly.recall], [0, 1, 1, 0, null])
})

test('overall, fraud-only and false alerts per 10,000 clean transactions', () => {
  const scores = scoreAlerts(ALERTS, LABELS, 20_000)
  assert.deepEqual(
    [scores.overall.scenarios, scores.overall.detected, scores.overall.alerts, scores.overall.true_alerts, scores.overall.false_alerts],
    [4, 2, 6, 3, 3]
  )
  assert.equal(scores.overall.precision, 0.5)
  assert.equal(scores.overall.recall, 0.5)
  assert.equal(scores.overall.delay_p50_ms, 0)
  assert.equal(scores.overall.delay_p99_ms, 5 * MIN)
  assert.deepEqual([scores.fraud_only.scenarios, scores.fraud_only.alerts, scores.fraud_only.true_alerts], [3, 5, 2])
  assert.equal(scores.false_alerts_per_10k, 1.5)
  assert.equal(scoreAlerts([], [], 0).false_alerts_per_10k, null)
})

test('an alert matching only an ignored label (a scenario outside the scored span) is neither true nor false', () => {
  const ignored = [label('FS-9', 'VELOCITY_BURST', ['Z9'], T - 600 * MIN)]
  const scores = scoreAlerts(ALERTS, LABELS, 20_000, { ignore: ignored })
  const velocity = scores.typologies.find((t) => t.typology === 'VELOCITY_BURST')!
  assert.deepEqual([velocity.alerts, velocity.false_alerts, velocity.scenarios], [3, 1, 2])
})

test('percentile is nearest-rank; delays print in a readable unit', () => {
  assert.equal(percentile([], 0.5), null)
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2)
  assert.equal(percentile([1, 2, 3, 4], 0.99), 4)
  assert.equal(percentile([7], 0.01), 7)
  assert.deepEqual([formatDelay(null), formatDelay(36_000), formatDelay(750_000), formatDelay(9_000_000)], ['-', '36 s', '12.5 min', '2.5 h'])
})

test('the table lists every typology, the fraud-only and overall rows and the false-alert rate', () => {
  const table = formatScoresTable(scoreAlerts(ALERTS, LABELS, 20_000))
  const lines = table.split('\n')
  assert.equal(lines.length, 2 + 9 + 1 + 2 + 1)
  assert.match(lines[0]!, /^typology +scenarios +detected +recall +alerts +false +precision +F1 +delay p50 +delay p99$/)
  assert.match(table, /^VELOCITY_BURST +2 +1 +0\.500 +4 +2 \(1 x\) +0\.500 +0\.500 +5\.0 min +5\.0 min$/m)
  assert.match(table, /^all +4 +2 +0\.500 +6 +3 \(1 x\) +0\.500 +0\.500 +0 s +5\.0 min$/m)
  assert.equal(lines.at(-1), 'clean transactions: 20000; false alerts per 10,000 clean transactions: 1.50')
})
