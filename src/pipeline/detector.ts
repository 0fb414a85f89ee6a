// The detector contract the processor runs on every valid transaction; the rules engine implements it.
import { formatEat } from '../domain/eat-time.ts'
import type { Transaction } from '../domain/schema.ts'
import type { AccountState } from './account-state.ts'
import type { Alert } from './alerts.ts'

export interface DetectionInput {
  readonly tx: Transaction
  readonly eventTime: number
  /** The sender's state before this transaction. */
  readonly before: AccountState | undefined
  readonly detectedAt: number
}

export interface Detector {
  detect (input: DetectionInput): Alert[]
}

/** Until the rules engine is configured: one built-in rule, the original design's high-value transfer alert. */
export function highValueDetector (threshold: number): Detector {
  return {
    detect: ({ tx, eventTime, detectedAt }) => {
      if (tx.amount < threshold || tx.status !== 'SUCCESS') return []
      return [{
        alert_id: `HIGH_VALUE_TRANSFER:${tx.transaction_id}`,
        rule_id: 'HIGH_VALUE_TRANSFER',
        rule_version: 0,
        typology: 'HIGH_VALUE_TRANSFER',
        severity: 'MEDIUM',
        score: Math.min(1, tx.amount / 250_000),
        account: tx.sender,
        transaction_ids: [tx.transaction_id],
        event_time: formatEat(eventTime),
        detected_at: formatEat(detectedAt),
        explanation: `${tx.transaction_type} of KES ${tx.amount.toLocaleString('en-US')} at or above the high-value threshold of KES ${threshold.toLocaleString('en-US')}`
      }]
    }
  }
}
