// Alerts: what a detector found, as the mpesa-alerts record (key = account), with an id stable under reprocessing.
import type { OutgoingRecord } from '../engine/records.ts'

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'

export interface Alert {
  /** Derived from the rule and the triggering transaction, so reprocessing never makes a second one. */
  readonly alert_id: string
  readonly rule_id: string
  readonly rule_version: number
  readonly typology: string
  readonly severity: Severity
  readonly score: number
  readonly account: string
  readonly transaction_ids: readonly string[]
  readonly event_time: string
  readonly detected_at: string
  readonly explanation: string
}

export function alertId (ruleId: string, transactionId: string): string {
  return `${ruleId}:${transactionId}`
}

export function alertRecord (topic: string, partition: number, alert: Alert, eventTime: number): OutgoingRecord {
  return { topic, key: alert.account, value: Buffer.from(JSON.stringify(alert)), timestamp: eventTime, partition }
}

