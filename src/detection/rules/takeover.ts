// Account-takeover rules: SIM swap or PIN reset followed by outflows that drain the wallet, and a dormant wallet's sudden large outflow.

import { ACCOUNT_EVENT_TYPES } from '../../domain/transaction-types.ts'
import type { Finding, TransactionContext } from '../context.ts'
import { SEND_MONEY, WITHDRAW } from '../context.ts'
import { clock, duration, kes, party, plural, sentence } from '../explain.ts'
import { ruleIndex } from '../rule-set.ts'
import { RING_STRIDE, isOutflow, outflowFailed } from '../ring.ts'
import { EVENT_TIME, LAST_TX, eventType, knowsPayee } from '../state.ts'
import { idText } from '../tx-id.ts'

const TAKEOVER = ruleIndex('SIM_SWAP_TAKEOVER')

function destination(c: TransactionContext): string {
  const tx = c.tx
  return tx.transaction_type === 'WITHDRAW' ? `cash at agent ${tx.receiver} in ${tx.market}` : `to ${party(tx.receiver)}`
}

/** A fraudster drains to strangers or cash: a cash-out, or a transfer to someone the account has not paid recently. */
function drainLike(c: TransactionContext): boolean {
  if (c.type === WITHDRAW) return true
  return c.type === SEND_MONEY && (c.prev === undefined || !knowsPayee(c.prev, c.counterparty))
}

/**
 * Runs on successful customer outflows after a trigger event; fires on the cash-out or new-payee transfer that brings
 * the outflows since the event to min_drained_kes and min_ratio times the account's typical amount. One alert per
 * takeover episode (per trigger event).
 */
export function simSwapTakeover(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.SIM_SWAP_TAKEOVER
  const prev = c.prev
  if (prev === undefined || !c.afterTakeoverEvent || !r.takeoverEvents[eventType(prev)] || c.dormant) return undefined
  if (cfg.new_payee_or_cash_out_only && !drainLike(c)) return undefined
  const eventTime = prev[EVENT_TIME]!
  if (c.coolingDown(TAKEOVER, c.eventTime - eventTime + 1)) return undefined
  let drained = c.tx.amount
  let count = 1
  const evidence: string[] = []
  const ring = prev
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) {
    const at = ring[i]!
    const code = ring[i + 3]!
    if (at < eventTime || at > c.eventTime || !isOutflow(code) || outflowFailed(code)) continue
    drained += ring[i + 1]!
    count++
    evidence.push(idText(ring[i + 4]!))
  }
  const typical = c.typicalAmount(c.type)
  if (drained < cfg.min_drained_kes || drained < cfg.min_ratio * typical) return undefined
  evidence.push(c.tx.transaction_id)
  const event = ACCOUNT_EVENT_TYPES[eventType(prev)] ?? 'account event'
  const usual = Number.isNaN(typical) ? 'no earlier outflows known' : `${Math.round(drained / typical)} times its typical ${c.tx.transaction_type} of ${kes(typical)}`
  return {
    rule: 'SIM_SWAP_TAKEOVER',
    account: c.tx.sender,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, 0.5 + drained / (20 * Math.max(cfg.min_drained_kes, Number.isNaN(typical) ? 0 : cfg.min_ratio * typical))),
    evidence,
    explanation: sentence(
      `${event.replace('_', ' ')} on ${party(c.tx.sender)} at ${clock(eventTime)}, then ${plural(count, 'outflow')} totalling ${kes(drained)} ` +
        `within ${duration(c.eventTime - eventTime)} (${usual}); the latest ${kes(c.tx.amount)} ${destination(c)} at ${clock(c.eventTime)}.`
    )
  }
}

/** Runs on successful customer outflows: the first large one after 90+ idle days (idleness ends with it, so it fires once). */
export function dormantReactivation(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.DORMANT_REACTIVATION
  if (!r.dormantTypes[c.type] || c.tx.amount < cfg.min_amount_kes || c.idleMs < r.dormantIdleMs) return undefined
  const prev = c.prev
  const lastSeen =
    prev !== undefined && prev[LAST_TX]! >= 0
      ? `its last transaction was ${duration(c.idleMs)} earlier`
      : `no transaction of it in the ${duration(c.idleMs)} observed`
  const event = prev !== undefined && prev[EVENT_TIME]! >= 0 && c.eventTime - prev[EVENT_TIME]! <= r.takeoverWindowMs
    ? ` ${duration(c.eventTime - prev[EVENT_TIME]!)} after a ${(ACCOUNT_EVENT_TYPES[eventType(prev)] ?? 'account event').replace('_', ' ')}`
    : ''
  return {
    rule: 'DORMANT_REACTIVATION',
    account: c.tx.sender,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, 0.5 + c.idleMs / (4 * r.dormantIdleMs) + c.tx.amount / 200_000),
    evidence: [c.tx.transaction_id],
    explanation: sentence(
      `Dormant wallet ${party(c.tx.sender)} (${lastSeen}) moved ${kes(c.tx.amount)} by ${c.tx.transaction_type} ${destination(c)} ` +
        `at ${clock(c.eventTime)}${event}.`
    )
  }
}
