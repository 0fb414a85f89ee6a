// Tests evaluateStream on records as the generator gives them: counts, poison skipped, the scored span, lazy labels, late inflows.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { GeneratedRecord, MpesaGenerator } from '../../../src/generator/generator.ts'
import type { Label } from '../../../src/domain/labels.ts'
import { defaultRuleSet } from '../../../src/detection/rule-set.ts'
import { evaluateStream } from '../../../src/evaluation/evaluate-stream.ts'
import { evaluationReportJson, formatEvaluationReport } from '../../../src/evaluation/report.ts'

const START = new Date('2026-11-01T00:00:00.000+03:00')
const DAY = 86_400_000

function small(): MpesaGenerator {
  return createGenerator({ seed: 5, accounts: 4_000, fraudRate: 0.01, poisonRate: 0.002, time: { mode: 'simulated', start: START, days: 3, count: 30_000 } })
}

function drain(generator: MpesaGenerator): { records: GeneratedRecord[]; labels: Label[] } {
  const records = [...generator]
  return { records, labels: generator.takeLabels() }
}

test('counts every record; poison is skipped as the processor would dead-letter it', () => {
  const generator = small()
  const { records, labels } = drain(generator)
  const stats = generator.stats()
  const report = evaluateStream(records, labels, defaultRuleSet())
  assert.equal(report.records, records.length)
  assert.equal(report.rejected, stats.poisonRecords)
  assert.equal(report.account_events, stats.accountEvents)
  assert.equal(report.transactions, stats.backgroundTransactions + stats.scenarioTransactions)
  assert.equal(report.scored_transactions, report.transactions)
  assert.equal(report.scored_from, null)
  assert.equal(report.rule_version, 3)
  const fraud = labels.filter((l) => l.kind === 'fraud')
  assert.equal(report.scores.overall.scenarios, fraud.length)
  assert.equal(report.scores.overall.alerts, report.alerts.length)
  assert.ok(report.scores.overall.detected > 0)
})

test('scoring from a point in event time ignores earlier alerts and scenarios', () => {
  const { records, labels } = drain(small())
  const from = START.getTime() + 2 * DAY
  const report = evaluateStream(records, () => labels, defaultRuleSet(), { scoreFrom: from })
  assert.equal(report.scored_from, formatEat(from))
  assert.ok(report.scored_transactions < report.transactions && report.scored_transactions > 0)
  assert.ok(report.alerts.every((a) => Date.parse(a.event_time) >= from))
  const scored = labels.filter((l) => l.kind === 'fraud' && Date.parse(l.first_event_time) >= from)
  assert.equal(report.scores.overall.scenarios, scored.length)
})

test('lazy labels give the same report as a label array; inflows delivered late find the same mule alerts', () => {
  const { records, labels } = drain(small())
  const eager = evaluateStream(records, labels, defaultRuleSet())
  const lazy = evaluateStream(records, () => labels, defaultRuleSet())
  assert.deepEqual(lazy.scores, eager.scores)
  const prompt = evaluateStream(records, labels, defaultRuleSet(), { inflowDelayRecords: 0 })
  const late = evaluateStream(records, labels, defaultRuleSet(), { inflowDelayRecords: 1_000_000, inflowMaxDelayMs: Number.POSITIVE_INFINITY })
  const muleIds = (r: typeof eager): string[] => r.alerts.filter((a) => a.rule_id === 'MULE_FAN_IN').map((a) => a.alert_id).sort()
  assert.ok(muleIds(prompt).length > 0)
  assert.deepEqual(muleIds(late), muleIds(prompt))
  assert.ok(eager.inflows_routed > 0)
})

test('text and JSON forms of the report', () => {
  const { records, labels } = drain(small())
  const report = evaluateStream(records, labels, defaultRuleSet())
  const text = formatEvaluationReport(report)
  assert.match(text, new RegExp(`^rule set version 3: ${report.records} records \\(${report.transactions} transactions, `))
  assert.match(text, /\nclean transactions: \d+; false alerts per 10,000 clean transactions: \d+\.\d\d$/)
  const json = evaluationReportJson(report)
  assert.equal(json.alert_count, report.alerts.length)
  assert.equal('alerts' in json, false)
  const withAlerts = JSON.parse(JSON.stringify(evaluationReportJson(report, true))) as { alerts: unknown }
  assert.deepEqual(withAlerts.alerts, report.alerts)
})
