// Scores alerts against ground-truth fraud labels: precision, recall, F1, false alerts per 10,000 clean transactions and detection delay.
//
// A scenario is detected when an alert of its typology names one of its transaction ids. An alert is true when it
// names a transaction of some scenario of its own typology, otherwise false (HIGH_VALUE_TRANSFER alerts are scored
// against the high-value labels, organic ones included). Detection delay is the event time of the scenario's first
// matching alert minus the scenario's first_event_time: how far into the scenario, in event time, the alert came.

import { parseEat } from '../domain/eat-time.ts'
import { FRAUD_TYPOLOGIES } from '../domain/labels.ts'
import type { FraudLabel, FraudTypology } from '../domain/labels.ts'

/** The parts of an alert that scoring reads. */
export interface ScoredAlert {
  readonly typology: string
  readonly transaction_ids: readonly string[]
  readonly event_time: string
}

export interface Score {
  readonly scenarios: number
  readonly detected: number
  readonly alerts: number
  readonly true_alerts: number
  readonly false_alerts: number
  /** False alerts that name a transaction of a scenario of another typology (right account, other label). */
  readonly cross_typology_alerts: number
  /** null when there is nothing to divide by. */
  readonly precision: number | null
  readonly recall: number | null
  readonly f1: number | null
  readonly delay_p50_ms: number | null
  readonly delay_p99_ms: number | null
}

export interface TypologyScore extends Score {
  readonly typology: FraudTypology
}

export interface Scores {
  readonly typologies: readonly TypologyScore[]
  /** Every typology, HIGH_VALUE_TRANSFER included (micro-averaged). */
  readonly overall: Score
  /** The eight fraud typologies, without HIGH_VALUE_TRANSFER (not fraud by itself, and easy). */
  readonly fraud_only: Score
  readonly clean_transactions: number
  /** All false alerts per 10,000 clean transactions. */
  readonly false_alerts_per_10k: number | null
}

export interface ScoringOptions {
  /** Labels that neither count as scenarios nor make a matching alert false (e.g. scenarios that started before scoring began). */
  readonly ignore?: readonly FraudLabel[]
}

/** Nearest-rank percentile of sorted values, or null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.max(1, Math.ceil(p * sorted.length))
  return sorted[rank - 1]!
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b)

function f1Of(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
}

interface Tally {
  scenarios: number
  detected: number
  alerts: number
  trueAlerts: number
  cross: number
  delays: number[]
}

const newTally = (): Tally => ({ scenarios: 0, detected: 0, alerts: 0, trueAlerts: 0, cross: 0, delays: [] })

function scoreOf(t: Tally): Score {
  const precision = ratio(t.trueAlerts, t.alerts)
  const recall = ratio(t.detected, t.scenarios)
  const delays = t.delays.slice().sort((a, b) => a - b)
  return {
    scenarios: t.scenarios,
    detected: t.detected,
    alerts: t.alerts,
    true_alerts: t.trueAlerts,
    false_alerts: t.alerts - t.trueAlerts,
    cross_typology_alerts: t.cross,
    precision,
    recall,
    f1: f1Of(precision, recall),
    delay_p50_ms: percentile(delays, 0.5),
    delay_p99_ms: percentile(delays, 0.99)
  }
}

function merge(tallies: readonly Tally[]): Tally {
  const out = newTally()
  for (const t of tallies) {
    out.scenarios += t.scenarios
    out.detected += t.detected
    out.alerts += t.alerts
    out.trueAlerts += t.trueAlerts
    out.cross += t.cross
    out.delays.push(...t.delays)
  }
  return out
}

/** Labels by transaction id, so each alert is matched in time proportional to its evidence. */
function indexLabels(labels: readonly FraudLabel[]): Map<string, FraudLabel[]> {
  const byId = new Map<string, FraudLabel[]>()
  for (const label of labels) {
    for (const id of label.transaction_ids) {
      const list = byId.get(id)
      if (list === undefined) byId.set(id, [label])
      else list.push(label)
    }
  }
  return byId
}

function matches(alert: ScoredAlert, byId: Map<string, FraudLabel[]>, typology: string | undefined): FraudLabel[] {
  const found: FraudLabel[] = []
  for (const id of alert.transaction_ids) {
    for (const label of byId.get(id) ?? []) {
      if ((typology === undefined || label.typology === typology) && !found.includes(label)) found.push(label)
    }
  }
  return found
}

export function scoreAlerts(alerts: readonly ScoredAlert[], labels: readonly FraudLabel[], cleanTransactions: number, options: ScoringOptions = {}): Scores {
  const tallies = new Map<FraudTypology, Tally>(FRAUD_TYPOLOGIES.map((t) => [t, newTally()]))
  const byId = indexLabels(labels)
  const ignoredById = indexLabels(options.ignore ?? [])
  const firstAlertAt = new Map<FraudLabel, number>()
  for (const alert of alerts) {
    const tally = tallies.get(alert.typology as FraudTypology)
    if (tally === undefined) continue
    const own = matches(alert, byId, alert.typology)
    if (own.length === 0 && matches(alert, ignoredById, alert.typology).length > 0) continue
    tally.alerts++
    if (own.length === 0) {
      if (matches(alert, byId, undefined).length > 0) tally.cross++
      continue
    }
    tally.trueAlerts++
    const at = parseEat(alert.event_time)
    for (const label of own) firstAlertAt.set(label, Math.min(firstAlertAt.get(label) ?? Number.POSITIVE_INFINITY, at))
  }
  for (const label of labels) {
    const tally = tallies.get(label.typology)!
    tally.scenarios++
    const at = firstAlertAt.get(label)
    if (at === undefined) continue
    tally.detected++
    tally.delays.push(Math.max(0, at - parseEat(label.first_event_time)))
  }
  const all = [...tallies.values()]
  const overall = merge(all)
  return {
    typologies: FRAUD_TYPOLOGIES.map((typology) => ({ typology, ...scoreOf(tallies.get(typology)!) })),
    overall: scoreOf(overall),
    fraud_only: scoreOf(merge(FRAUD_TYPOLOGIES.filter((t) => t !== 'HIGH_VALUE_TRANSFER').map((t) => tallies.get(t)!))),
    clean_transactions: cleanTransactions,
    false_alerts_per_10k: cleanTransactions === 0 ? null : ((overall.alerts - overall.trueAlerts) * 10_000) / cleanTransactions
  }
}
