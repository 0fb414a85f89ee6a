// Money into a customer, as routed to the receiver's task through a repartition topic (key = receiver): which transactions, and their shape.

import type { Transaction } from '../domain/schema.ts'
import type { CompiledRules } from './compiled-rules.ts'

/** A successful transfer or business credit into a customer: small and JSON-serialisable (the repartition record value). */
export interface Inflow {
  readonly receiver: string
  readonly sender: string
  /** SEND_MONEY from another customer (for the mule fan-in rule), or B2C from a business (a loan or payout that may fund an anomalous transfer). */
  readonly type: 'SEND_MONEY' | 'B2C'
  readonly amount: number
  readonly transaction_id: string
  /** Event time of the transaction, epoch ms. */
  readonly event_time: number
}

/** What the receiver's task must hear about this transaction, or undefined: the routing filter, as selective as the rules allow. */
export function inflowOf(tx: Transaction, eventTime: number, rules: CompiledRules): Inflow | undefined {
  if (tx.status !== 'SUCCESS' || tx.receiver_type !== 'CUSTOMER' || tx.sender === tx.receiver) return undefined
  const on = rules.rules
  if (tx.transaction_type === 'SEND_MONEY') {
    if (!on.MULE_FAN_IN.enabled || tx.sender_type !== 'CUSTOMER' || tx.amount < on.MULE_FAN_IN.min_inflow_kes) return undefined
  } else if (tx.transaction_type === 'B2C') {
    if (!on.AMOUNT_ANOMALY.enabled || tx.amount < on.AMOUNT_ANOMALY.min_amount_kes * on.AMOUNT_ANOMALY.min_funding_share) return undefined
  } else {
    return undefined
  }
  return { receiver: tx.receiver, sender: tx.sender, type: tx.transaction_type, amount: tx.amount, transaction_id: tx.transaction_id, event_time: eventTime }
}
