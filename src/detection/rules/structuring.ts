// STRUCTURING: repeated outflows just under a limit or tariff-band edge (e.g. 48,500–49,999 or 249,000–249,999) adding up towards the daily limit.

import type { Finding, TransactionContext } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import { ruleIndex } from '../rule-set.ts'
import { LARGE, NEAR_EDGE, RING_STRIDE, isOutflow } from '../ring.ts'
import { idText } from '../tx-id.ts'

const RULE = ruleIndex('STRUCTURING')

interface Window {
  near: number
  total: number
  first: number
  evidence: string[]
  amounts: number[]
}

/** The large outflows of the window ending now, this one included. */
function windowOf(c: TransactionContext): Window {
  const prev = c.prev
  const from = c.eventTime - c.rules.structuringWindowMs
  const w: Window = { near: c.edge >= 0 ? 1 : 0, total: c.tx.amount, first: c.eventTime, evidence: [], amounts: [] }
  const ring = prev ?? []
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) {
    const at = ring[i]!
    const code = ring[i + 3]!
    if (at < from || at > c.eventTime || !isOutflow(code) || (code & LARGE) === 0) continue
    w.evidence.push(idText(ring[i + 4]!))
    w.amounts.push(ring[i + 1]!)
    w.total += ring[i + 1]!
    if ((code & NEAR_EDGE) !== 0) w.near++
    if (at < w.first) w.first = at
  }
  w.evidence.push(c.tx.transaction_id)
  w.amounts.push(c.tx.amount)
  return w
}

/**
 * Runs on successful customer outflows just under an edge or large enough to count. Fires on the repeat that makes
 * min_repeats near-edge amounts, or when large outflows with at least one near-edge amount reach min_total_kes.
 */
export function structuring(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.STRUCTURING
  // Outflows soon after a SIM swap or PIN reset belong to the takeover rule, even when they happen to sit under an edge.
  if ((c.edge < 0 && !c.large) || c.afterTakeoverEvent) return undefined
  const w = windowOf(c)
  const enough = w.near >= cfg.min_repeats || (w.near >= 1 && w.amounts.length >= 2 && w.total >= cfg.min_total_kes)
  if (!enough || c.coolingDown(RULE, r.structuringCooldownMs)) return undefined
  return {
    rule: 'STRUCTURING',
    account: c.tx.sender,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, Math.max(w.near / (2 * cfg.min_repeats), w.total / 500_000)),
    evidence: w.evidence,
    explanation: sentence(
      `${party(c.tx.sender)} made ${w.amounts.length} large outflows within ${duration(c.eventTime - w.first)}, ${w.near} of them just under ` +
        `a limit or band edge (${w.amounts.map(kes).join(', ')}; ${kes(w.total)} in all), the latest to ${party(c.tx.receiver)} at ${clock(c.eventTime)}.`
    )
  }
}
