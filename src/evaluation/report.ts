// Readable and JSON forms of an evaluation: a per-typology table with precision, recall, F1, false alerts and detection delay.

import type { EvaluationReport } from './evaluate-stream.ts'
import type { Score, Scores } from './scoring.ts'

function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits)
}

/** A delay in ms as '45 s', '12.5 min' or '3.2 h'; '-' when none. */
export function formatDelay(ms: number | null): string {
  if (ms === null) return '-'
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

const HEADER = ['typology', 'scenarios', 'detected', 'recall', 'alerts', 'false', 'precision', 'F1', 'delay p50', 'delay p99']

function row(name: string, s: Score): string[] {
  return [
    name,
    String(s.scenarios),
    String(s.detected),
    fixed(s.recall, 3),
    String(s.alerts),
    s.cross_typology_alerts > 0 ? `${s.false_alerts} (${s.cross_typology_alerts} x)` : String(s.false_alerts),
    fixed(s.precision, 3),
    fixed(s.f1, 3),
    formatDelay(s.delay_p50_ms),
    formatDelay(s.delay_p99_ms)
  ]
}

function layout(rows: readonly string[][]): string {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: readonly string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [line(rows[0]!), rule, ...rows.slice(1, -2).map(line), rule, ...rows.slice(-2).map(line)].join('\n')
}

/** The scores as an aligned text table; "(n x)" counts false alerts that hit another typology's scenario. */
export function formatScoresTable(scores: Scores): string {
  const rows = [HEADER, ...scores.typologies.map((t) => row(t.typology, t)), row('fraud typologies', scores.fraud_only), row('all', scores.overall)]
  const rate = scores.false_alerts_per_10k === null ? '-' : scores.false_alerts_per_10k.toFixed(2)
  return `${layout(rows)}\nclean transactions: ${scores.clean_transactions}; false alerts per 10,000 clean transactions: ${rate}`
}

/** The whole report as text: what was run, then the table. */
export function formatEvaluationReport(report: EvaluationReport): string {
  const span = report.scored_from === null ? 'all records' : `from ${report.scored_from}`
  const shadow = Object.entries(report.counters.shadow).filter(([, n]) => n > 0).map(([rule, n]) => `${rule} ${n}`)
  return [
    `rule set version ${report.rule_version}: ${report.records} records (${report.transactions} transactions, ${report.account_events} account events, ` +
      `${report.rejected} rejected), ${report.inflows_routed} inflows routed; scored ${span}: ${report.scored_transactions} transactions`,
    formatScoresTable(report.scores),
    shadow.length > 0 ? `shadow-mode hits (no alerts): ${shadow.join(', ')}` : ''
  ].filter((line) => line !== '').join('\n')
}

/** The report as JSON-ready data (alerts left out unless asked for: a long run has thousands). */
export function evaluationReportJson(report: EvaluationReport, withAlerts = false): Record<string, unknown> {
  const { alerts, ...rest } = report
  return withAlerts ? { ...rest, alerts } : { ...rest, alert_count: alerts.length }
}
