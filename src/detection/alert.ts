// A fraud alert as published on mpesa-alerts (key = account), with an id that reprocessing can never duplicate.

import type { FraudTypology } from '../domain/labels.ts'

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface Alert {
  /** `${rule_id}:${transaction_id}` of the transaction that completed the pattern, so reprocessing never makes a second one. */
  readonly alert_id: string
  readonly rule_id: string
  /** Version of the rule set whose rule fired. */
  readonly rule_version: number
  readonly typology: FraudTypology
  readonly severity: Severity
  /** Strength of the evidence, 0 (barely over the thresholds) to 1. */
  readonly score: number
  /** The account the alert is about: a full MSISDN or a business (agent) number. */
  readonly account: string
  /** The evidence: the triggering transaction and the earlier ones that make up the pattern, oldest first. */
  readonly transaction_ids: readonly string[]
  /** Event time of the triggering transaction, EAT ISO-8601 (formatEat). */
  readonly event_time: string
  /** When the detector raised it (processing time), EAT ISO-8601. */
  readonly detected_at: string
  /** One sentence for a fraud analyst, with amounts, counts and times; phone numbers masked. */
  readonly explanation: string
}

export function alertId(ruleId: string, transactionId: string): string {
  return `${ruleId}:${transactionId}`
}
