// VELOCITY_BURST: many outgoing transactions to many distinct payees within seconds or minutes, as a bot or a fraudster after a takeover does.

import type { Finding, TransactionContext } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import { RING_CAP, RING_STRIDE, isOutflow, outflowFailed, outflowType } from '../ring.ts'
import { ruleIndex } from '../rule-set.ts'
import { idText } from '../tx-id.ts'

const RULE = ruleIndex('VELOCITY_BURST')
// Scratch for distinct payees: the window holds at most RING_CAP earlier entries and the current one.
const payees = new Float64Array(RING_CAP + 1)

function countDistinct(count: number): number {
  let distinct = 0
  for (let i = 0; i < count; i++) {
    let seen = false
    for (let j = 0; j < i && !seen; j++) seen = payees[j] === payees[i]
    if (!seen) distinct++
  }
  return distinct
}

function inWindow(c: TransactionContext, ring: readonly number[], i: number, from: number): boolean {
  const at = ring[i]!
  const code = ring[i + 3]!
  return at >= from && at <= c.eventTime && isOutflow(code) && c.rules.velocityTypes[outflowType(code)] === true
}

/** Runs on every customer outflow attempt (failed ones count: a bot's burst does not stop at an empty wallet). */
export function velocityBurst(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.VELOCITY_BURST
  const ring = c.prev
  if (ring === undefined || ring.length - c.ringFrom < (cfg.min_transactions - 1) * RING_STRIDE || !r.velocityTypes[c.type]) return undefined
  const from = c.eventTime - r.velocityWindowMs
  let count = 0
  let first = c.eventTime
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) {
    if (!inWindow(c, ring, i, from)) continue
    payees[count++] = ring[i + 2]!
    if (ring[i]! < first) first = ring[i]!
  }
  payees[count++] = c.counterparty
  if (count < cfg.min_transactions) return undefined
  const distinct = countDistinct(count)
  if (distinct < cfg.min_distinct_payees || c.coolingDown(RULE, r.velocityCooldownMs)) return undefined
  return burstFinding(c, ring, from, count, distinct, first)
}

function burstFinding(c: TransactionContext, ring: readonly number[], from: number, count: number, distinct: number, first: number): Finding {
  const evidence: string[] = []
  let total = c.success ? c.tx.amount : 0
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) {
    if (!inWindow(c, ring, i, from)) continue
    evidence.push(idText(ring[i + 4]!))
    if (!outflowFailed(ring[i + 3]!)) total += ring[i + 1]!
  }
  evidence.push(c.tx.transaction_id)
  const cfg = c.rules.rules.VELOCITY_BURST
  return {
    rule: 'VELOCITY_BURST',
    account: c.tx.sender,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, count / (2 * cfg.min_transactions)),
    evidence,
    explanation: sentence(
      `${party(c.tx.sender)} made ${count} outgoing transactions to ${distinct} different payees within ${duration(c.eventTime - first)} ` +
        `(${kes(total)} moved), ending at ${clock(c.eventTime)}; the rule fires at ${cfg.min_transactions} within ${duration(c.rules.velocityWindowMs)}.`
    )
  }
}
