// The detector's quality target on a seeded generator stream: 110 days of realistic density (10,000 accounts, about one
// transaction per account-day), the first 90 days building state (the dormancy rule needs 90 idle days to mean anything),
// then more than 200,000 scored transactions holding every typology. Default rules from rules/default-rules.yaml; inflows
// reach the receiver 64 records (at most 5 event-time minutes) late, as through a lagging repartition topic.
// Targets: recall ≥ 0.95 for every typology, precision ≥ 0.90 overall, ≤ 5 false alerts per 10,000 clean transactions.
// More seeds, fraud rates and account counts: bench/detector.ts and docs/fraud-detection.md. Takes about 30–40 s.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FRAUD_TYPOLOGIES } from '../../../src/domain/labels.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { loadDefaultRuleSet } from '../../../src/detection/rule-file.ts'
import { evaluateStream } from '../../../src/evaluation/evaluate-stream.ts'
import { formatEvaluationReport } from '../../../src/evaluation/report.ts'

const START = new Date('2026-08-01T00:00:00.000+03:00')
const DAY = 86_400_000

test('default rules: recall ≥ 0.95 per typology, precision ≥ 0.90, ≤ 5 false alerts per 10,000 clean transactions', () => {
  const generator = createGenerator({
    seed: 20261110,
    accounts: 10_000,
    // Enough never-seen accounts for every mule scenario of the 110 days.
    mulePool: 2_500,
    fraudRate: 0.003,
    poisonRate: 0.0005,
    time: { mode: 'simulated', start: START, days: 110, count: 1_100_000 }
  })
  const report = evaluateStream(generator, () => generator.takeLabels(), loadDefaultRuleSet(), { scoreFrom: START.getTime() + 90 * DAY })
  const table = formatEvaluationReport(report)
  console.log(table)
  assert.ok(report.scored_transactions >= 200_000, `${report.scored_transactions} scored transactions`)
  for (const typology of FRAUD_TYPOLOGIES) {
    const score = report.scores.typologies.find((t) => t.typology === typology)!
    assert.ok(score.scenarios >= 30, `${typology}: only ${score.scenarios} scenarios`)
    assert.ok(score.recall !== null && score.recall >= 0.95, `${typology}: recall ${score.recall}\n${table}`)
  }
  assert.ok(report.scores.overall.precision !== null && report.scores.overall.precision >= 0.9, table)
  assert.ok(report.scores.false_alerts_per_10k !== null && report.scores.false_alerts_per_10k <= 5, table)
})
