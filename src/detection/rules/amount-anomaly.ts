// AMOUNT_ANOMALY: one transfer far above what the account usually sends, judged against its own rolling level.
//
// The account's level is a rolling mean of ln(amount) relative to the task's typical ln(amount) per transaction type,
// so airtime, till and transfer amounts all teach it how big this account's payments run. A transfer min_ratio times
// the typical fires when a recent business credit (a loan or payout, B2C) funded at least min_funding_share of it,
// and min_ratio_unfunded times without one; a failed attempt only when funded. The funding inflow may reach this task
// after the transfer (it comes through the repartition topic), so an unfunded candidate is remembered and fires when
// its funding arrives. Transactions a more specific rule owns are left to it: high-value amounts, outflows soon after a
// SIM swap or PIN reset, the first outflow of a dormant account, and amounts just under a structuring edge, which may
// be the first part of a split: such a transfer is remembered and reported at the account's first record once the
// structuring window has passed, unless STRUCTURING fired around it.

import type { CompiledRules } from '../compiled-rules.ts'
import type { Finding, TransactionContext } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import type { Inflow } from '../inflow.ts'
import { ruleIndex } from '../rule-set.ts'
import { CREDIT, RING_STRIDE } from '../ring.ts'
import { LEARNED, PENDING_FAILED, PENDING_NEAR_EDGE, anomalyStart, knowsPayee } from '../state.ts'
import type { StateArray } from '../state.ts'
import { idText } from '../tx-id.ts'

const RULE = ruleIndex('AMOUNT_ANOMALY')

function ownedByAnotherRule(c: TransactionContext): boolean {
  const rules = c.rules.rules
  if (rules.HIGH_VALUE_TRANSFER.enabled && c.tx.amount >= rules.HIGH_VALUE_TRANSFER.threshold_kes) return true
  return c.afterTakeoverEvent || c.dormant
}

/** Position in the ring of the latest business credit within the funding window before `at` that covers the share, or -1. */
function fundingIndex(ring: StateArray, from: number, at: number, amount: number, rules: CompiledRules): number {
  const share = rules.rules.AMOUNT_ANOMALY.min_funding_share
  let found = -1
  let foundAt = Number.NEGATIVE_INFINITY
  for (let i = from; i < ring.length; i += RING_STRIDE) {
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

/** Runs on customer outflow attempts (a failed one counts when a business credit funded it). */
export function amountAnomaly(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.AMOUNT_ANOMALY
  const prev = c.prev
  const amount = c.tx.amount
  if (!r.anomalyTypes[c.type] || prev === undefined || prev[LEARNED]! < cfg.min_history || amount < cfg.min_amount_kes) return undefined
  const typical = c.typicalAmount(c.type)
  if (!(amount >= cfg.min_ratio * typical)) return undefined
  const firstTime = !knowsPayee(prev, c.counterparty)
  if ((cfg.first_time_payee_only && !firstTime) || ownedByAnotherRule(c)) return undefined
  const ratio = amount / typical
  const funding = fundingIndex(prev, c.ringFrom, c.eventTime, amount, r)
  // The cooldown keeps an account whose amounts run wild from alerting every day; a transfer a fresh credit funded is reported anyway.
  if (funding < 0 && c.coolingDown(RULE, r.anomalyCooldownMs)) return undefined
  // Unfunded: at the higher bar. A failed attempt moved no money; unfunded, it is mostly a customer trying to send
  // more than the wallet holds, so only its funding can tell.
  const reportable = funding >= 0 || (ratio >= cfg.min_ratio_unfunded && (c.success || !cfg.failed_needs_funding))
  const failed = c.success ? 0 : PENDING_FAILED
  if (r.rules.STRUCTURING.enabled && c.edge >= 0) {
    if (reportable) remember(c, ratio, failed | PENDING_NEAR_EDGE)
    return undefined
  }
  if (!reportable) {
    if (funding < 0) remember(c, ratio, failed)
    return undefined
  }
  const to = firstTime ? `a first-time payee ${party(c.tx.receiver)}` : party(c.tx.receiver)
  const funded = funding < 0 ? '' : fundingText(prev[funding + 1]!, undefined, c.eventTime - prev[funding]!)
  const detail = `sent ${kes(amount)}${c.success ? '' : ' (failed)'} by ${c.tx.transaction_type} to ${to} at ${clock(c.eventTime)}${funded}`
  const evidence = funding < 0 ? [c.tx.transaction_id] : [idText(prev[funding + 4]!), c.tx.transaction_id]
  return anomalyFinding({ account: c.tx.sender, id: c.tx.transaction_id, time: c.eventTime, amount, ratio }, detail, evidence, r)
}

/** Keeps the outflow on the account (the latest such replaces an older one) for a late funding credit or the structuring window. */
function remember(c: TransactionContext, ratio: number, flags: number): void {
  c.pendingAnomalyRatio = ratio
  c.pendingAnomalyFlags = flags
}

/** After an inflow reaches the receiver: fires the remembered unfunded anomaly that this (late) inflow turns out to have funded. */
export function anomalyAfterLateInflow(state: StateArray, inflow: Inflow, rules: CompiledRules): Finding | undefined {
  const cfg = rules.rules.AMOUNT_ANOMALY
  const pending = anomalyStart(state)
  if (pending < 0 || inflow.type !== 'B2C' || (state[pending + 4]! & PENDING_NEAR_EDGE) !== 0) return undefined
  const at = state[pending]!
  const amount = state[pending + 1]!
  if (inflow.event_time > at || at - inflow.event_time > rules.fundingWindowMs || inflow.amount < cfg.min_funding_share * amount) return undefined
  const candidate: Candidate = { account: inflow.receiver, id: idText(state[pending + 3]!), time: at, amount, ratio: state[pending + 2]! }
  const funded = fundingText(inflow.amount, inflow.sender, at - inflow.event_time)
  const failed = (state[pending + 4]! & PENDING_FAILED) === 0 ? '' : ' (failed)'
  const detail = `sent ${kes(amount)}${failed} to a first-time payee at ${clock(at)}${funded}`
  return anomalyFinding(candidate, detail, [inflow.transaction_id, candidate.id], rules)
}

/**
 * Once the structuring window after a remembered near-edge transfer has passed (structuringWindowPassed): reports it
 * unless STRUCTURING fired on the account since the window before it (it was part of a split). `pending` is the
 * account's anomaly section (time, amount, ratio, id, flags), `structuringAt` STRUCTURING's latest alert time.
 */
export function anomalyAfterStructuringWindow(pending: Float64Array, structuringAt: number, account: string, rules: CompiledRules): Finding | undefined {
  const at = pending[0]!
  const windowMs = rules.structuringWindowMs
  if (structuringAt >= at - windowMs) return undefined
  const amount = pending[1]!
  const failed = (pending[4]! & PENDING_FAILED) === 0 ? '' : ' (failed)'
  const detail = `sent ${kes(amount)}${failed} to a first-time payee at ${clock(at)}, just under a limit or band edge but not followed by a split within ${duration(windowMs)}`
  return anomalyFinding({ account, id: idText(pending[3]!), time: at, amount, ratio: pending[2]! }, detail, [idText(pending[3]!)], rules)
}

/** True when the remembered outflow waits for the structuring window and the window has passed (judged, whatever the verdict). */
export function structuringWindowPassed(pending: Float64Array, now: number, rules: CompiledRules): boolean {
  return (pending[4]! & PENDING_NEAR_EDGE) !== 0 && now - pending[0]! >= rules.structuringWindowMs
}
