// AMOUNT_ANOMALY: one transfer far above what the account usually sends, judged against its own rolling level.
//
// The account's level is a rolling mean of ln(amount) relative to the task's typical ln(amount) per transaction type,
// so airtime, till and transfer amounts all teach it how big this account's payments run. A transfer min_ratio times
// the typical fires when a recent business credit (a loan or payout, B2C) funded at least min_funding_share of it,
// and min_ratio_unfunded times without one. The funding inflow may reach this task after the transfer (it
// comes through the repartition topic), so an unfunded candidate is remembered and fires when its funding arrives.
// Transactions a more specific rule owns are left to it: high-value amounts, amounts just under a structuring edge,
// outflows soon after a SIM swap or PIN reset, and the first outflow of a dormant account.

import type { CompiledRules } from '../compiled-rules.ts'
import type { Finding, TransactionContext } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import type { Inflow } from '../inflow.ts'
import { ruleIndex } from '../rule-set.ts'
import { CREDIT, RING_STRIDE } from '../ring.ts'
import { firedAt } from '../state.ts'
import { idText } from '../tx-id.ts'
import type { AccountState } from '../state.ts'

const RULE = ruleIndex('AMOUNT_ANOMALY')

function ownedByAnotherRule(c: TransactionContext): boolean {
  const rules = c.rules.rules
  if (rules.HIGH_VALUE_TRANSFER.enabled && c.tx.amount >= rules.HIGH_VALUE_TRANSFER.threshold_kes) return true
  if (rules.STRUCTURING.enabled && c.edge >= 0) return true
  return c.afterTakeoverEvent || c.dormant
}

/** Position in the ring of the latest business credit within the funding window before `at` that covers the share, or -1. */
function fundingIndex(state: AccountState, at: number, amount: number, rules: CompiledRules): number {
  const share = rules.rules.AMOUNT_ANOMALY.min_funding_share
  const ring = state.recent
  let found = -1
  let foundAt = Number.NEGATIVE_INFINITY
  for (let i = 0; i < ring.length; i += RING_STRIDE) {
    const t = ring[i]!
    if (ring[i + 3] !== CREDIT || t > at || at - t > rules.fundingWindowMs || t < foundAt || ring[i + 1]! < share * amount) continue
    found = i
    foundAt = t
  }
  return found
}

interface Candidate {
  readonly account: string
  readonly id: string
  readonly time: number
  readonly amount: number
  readonly ratio: number
}

function fundingText(amount: number, sender: string | undefined, gapMs: number): string {
  const from = sender === undefined ? '' : ` from ${party(sender)}`
  return ` ${duration(gapMs)} after a business credit (loan or payout) of ${kes(amount)}${from}`
}

function anomalyFinding(candidate: Candidate, detail: string, evidence: string[], rules: CompiledRules): Finding {
  const cfg = rules.rules.AMOUNT_ANOMALY
  return {
    rule: 'AMOUNT_ANOMALY',
    account: candidate.account,
    trigger: candidate.id,
    eventTime: candidate.time,
    score: Math.min(1, candidate.ratio / (4 * cfg.min_ratio)),
    evidence,
    explanation: sentence(
      `${party(candidate.account)} ${detail}, ${Math.round(candidate.ratio)} times its typical amount (rule: ${cfg.min_ratio} times when funded by a ` +
        `recent business credit, ${cfg.min_ratio_unfunded} without).`
    )
  }
}

/** Runs on customer outflow attempts: a failed attempt at an unheard-of amount tells as much as a successful one. */
export function amountAnomaly(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.AMOUNT_ANOMALY
  const prev = c.prev
  const amount = c.tx.amount
  if (!r.anomalyTypes[c.type] || prev === undefined || prev.n < cfg.min_history || amount < cfg.min_amount_kes) return undefined
  const typical = c.typicalAmount(c.type)
  if (!(amount >= cfg.min_ratio * typical)) return undefined
  const firstTime = !prev.payees.includes(c.counterparty)
  if ((cfg.first_time_payee_only && !firstTime) || ownedByAnotherRule(c) || c.coolingDown(RULE, r.anomalyCooldownMs)) return undefined
  const ratio = amount / typical
  const funding = fundingIndex(prev, c.eventTime, amount, r)
  if (funding < 0 && ratio < cfg.min_ratio_unfunded) {
    c.unfundedAnomalyRatio = ratio
    return undefined
  }
  const to = firstTime ? `a first-time payee ${party(c.tx.receiver)}` : party(c.tx.receiver)
  const failed = c.success ? '' : ' (failed)'
  const funded = funding < 0 ? '' : fundingText(prev.recent[funding + 1]!, undefined, c.eventTime - prev.recent[funding]!)
  const detail = `sent ${kes(amount)}${failed} by ${c.tx.transaction_type} to ${to} at ${clock(c.eventTime)}${funded}`
  const evidence = funding < 0 ? [c.tx.transaction_id] : [idText(prev.recent[funding + 4]!), c.tx.transaction_id]
  return anomalyFinding({ account: c.tx.sender, id: c.tx.transaction_id, time: c.eventTime, amount, ratio }, detail, evidence, r)
}

/** After an inflow reaches the receiver: fires the remembered unfunded anomaly that this (late) inflow turns out to have funded. */
export function anomalyAfterLateInflow(state: AccountState, before: AccountState | undefined, inflow: Inflow, rules: CompiledRules): Finding | undefined {
  const cfg = rules.rules.AMOUNT_ANOMALY
  const at = state.anomaly_time
  if (at < 0 || inflow.type !== 'B2C' || inflow.event_time > at || at - inflow.event_time > rules.fundingWindowMs) return undefined
  if (inflow.amount < cfg.min_funding_share * state.anomaly_amount || at - firedAt(before, RULE) < rules.anomalyCooldownMs) return undefined
  const candidate: Candidate = { account: inflow.receiver, id: idText(state.anomaly_tx), time: at, amount: state.anomaly_amount, ratio: state.anomaly_ratio }
  const funded = fundingText(inflow.amount, inflow.sender, at - inflow.event_time)
  const detail = `sent ${kes(state.anomaly_amount)} to a first-time payee at ${clock(at)}${funded}`
  return anomalyFinding(candidate, detail, [inflow.transaction_id, candidate.id], rules)
}
