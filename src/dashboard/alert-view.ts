// How a newly committed alert is shown in the live feed: the alert list's row shape, account and numbers masked.
import { maskMsisdn, maskMsisdnsInText } from '../domain/msisdn.ts'
import type { Alert } from '../pipeline/alerts.ts'
import type { AlertListItem } from '../store/store.ts'

/** The feed row for an alert pushed by the live source; it is OPEN until someone triages it. */
export function alertListItemOf (alert: Alert): AlertListItem {
  return {
    alert_id: alert.alert_id,
    rule_id: alert.rule_id,
    typology: alert.typology,
    severity: alert.severity,
    score: alert.score,
    account_masked: maskMsisdn(alert.account),
    transaction_count: alert.transaction_ids.length,
    event_time: alert.event_time,
    detected_at: alert.detected_at,
    explanation: maskMsisdnsInText(alert.explanation),
    status: 'OPEN',
    triaged_by: null,
    triaged_at: null
  }
}
