// HIGH_VALUE_TRANSFER: any transaction at or above a configured amount (not fraud by itself: the original demo's trigger).

import type { TransactionContext, Finding } from '../context.ts'
import { clock, kes, party, sentence } from '../explain.ts'

export function highValueTransfer(c: TransactionContext): Finding | undefined {
  const cfg = c.rules.rules.HIGH_VALUE_TRANSFER
  const tx = c.tx
  if (tx.amount < cfg.threshold_kes || !cfg.statuses.includes(tx.status)) return undefined
  const failed = tx.status === 'FAILED' ? ' (failed attempt)' : ''
  return {
    rule: 'HIGH_VALUE_TRANSFER',
    account: tx.sender,
    trigger: tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, tx.amount / 250_000),
    evidence: [tx.transaction_id],
    explanation: sentence(
      `${tx.transaction_type} of ${kes(tx.amount)} from ${party(tx.sender)} to ${party(tx.receiver)} at ${clock(c.eventTime)}${failed}, ` +
        `at or above the high-value threshold of ${kes(cfg.threshold_kes)}.`
    )
  }
}
