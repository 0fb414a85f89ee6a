// Per-account state kept by the processor for fraud features: activity, rolling outflow statistics, recent events.
import type { AccountEvent, Transaction } from '../domain/schema.ts'

export interface AccountState {
  readonly first_seen: number
  readonly last_seen: number
  readonly tx_count: number
  /** Welford running statistics of outgoing amounts: count, mean, sum of squared deviations. */
  readonly out_n: number
  readonly out_mean: number
  readonly out_m2: number
  /** The latest SIM swap, PIN reset or device change, if any. */
  readonly last_event_type?: string
  readonly last_event_time?: number
  /** Where and when the account last transacted at an agent. */
  readonly last_agent_market?: string
  readonly last_agent_time?: number
}

const OUTFLOW_TYPES = new Set(['SEND_MONEY', 'PAYBILL', 'BUY_GOODS', 'WITHDRAW', 'AIRTIME'])

export function isOutflow (tx: Transaction): boolean {
  return OUTFLOW_TYPES.has(tx.transaction_type) && tx.sender_type === 'CUSTOMER'
}

export function onTransaction (state: AccountState | undefined, tx: Transaction, eventTime: number): AccountState {
  const base: AccountState = state ?? { first_seen: eventTime, last_seen: eventTime, tx_count: 0, out_n: 0, out_mean: 0, out_m2: 0 }
  let { out_n: n, out_mean: mean, out_m2: m2 } = base
  if (isOutflow(tx) && tx.status === 'SUCCESS') {
    n += 1
    const delta = tx.amount - mean
    mean += delta / n
    m2 += delta * (tx.amount - mean)
  }
  const atAgent = tx.channel === 'AGENT'
  return {
    ...base,
    last_seen: Math.max(base.last_seen, eventTime),
    tx_count: base.tx_count + 1,
    out_n: n,
    out_mean: mean,
    out_m2: m2,
    ...(atAgent ? { last_agent_market: tx.market, last_agent_time: eventTime } : {})
  }
}

export function onAccountEvent (state: AccountState | undefined, event: AccountEvent, eventTime: number): AccountState {
  const base: AccountState = state ?? { first_seen: eventTime, last_seen: eventTime, tx_count: 0, out_n: 0, out_mean: 0, out_m2: 0 }
  return { ...base, last_seen: Math.max(base.last_seen, eventTime), last_event_type: event.event_type, last_event_time: eventTime }
}
