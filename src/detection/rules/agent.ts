// Agent-present rules: one deposit or withdrawal split into several at the same agent, and agent visits too far apart for the time between them.

import { tariffBandIndex } from '../../domain/tariff.ts'
import type { Finding, TransactionContext } from '../context.ts'
import { WITHDRAW, countyName, distanceBetween } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import { ruleIndex } from '../rule-set.ts'
import { RING_STRIDE, isOutflow, outflowFailed, outflowType } from '../ring.ts'
import { AGENT_TIME, AGENT_TX, BASELINE, DEPOSITS, DEPOSIT_STRIDE, agentCounty as agentCountyOf, homeCounty } from '../state.ts'
import type { StateArray } from '../state.ts'
import { idText } from '../tx-id.ts'

const SPLIT = ruleIndex('AGENT_SPLIT')
const TRAVEL = ruleIndex('IMPOSSIBLE_TRAVEL')

/**
 * The parts look like one amount divided: similar sizes (largest at most maxRatio × smallest), each in a lower tariff
 * band than their sum, so each paid its own fee or commission where one transaction would have paid one.
 */
function looksSplit(parts: readonly number[], total: number, maxRatio: number): boolean {
  const band = tariffBandIndex(total)
  return band >= 0 && Math.max(...parts) <= maxRatio * Math.min(...parts) && parts.every((p) => tariffBandIndex(p) < band)
}

/** Earlier same-type transactions of one customer at one agent inside the window, oldest first. */
interface Parts {
  readonly amounts: number[]
  readonly times: number[]
  /** Transaction ids as numbers (tx-id.ts), turned into text only when an alert is raised. */
  readonly ids: number[]
}

const newParts = (): Parts => ({ amounts: [], times: [], ids: [] })

function splitFinding(c: TransactionContext, customer: string, agent: string, amounts: number[], evidence: string[], first: number): Finding {
  const total = amounts.reduce((a, b) => a + b, 0)
  const cfg = c.rules.rules.AGENT_SPLIT
  return {
    rule: 'AGENT_SPLIT',
    account: customer,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, amounts.length / (2 * cfg.min_transactions) + 0.25),
    evidence,
    explanation: sentence(
      `${amounts.length} ${c.tx.transaction_type} transactions of ${party(customer)} at agent ${agent} within ${duration(c.eventTime - first)} ` +
        `(${amounts.map(kes).join(' + ')} = ${kes(total)}, which fits one tariff band), the latest at ${clock(c.eventTime)}.`
    )
  }
}

/** Runs on successful customer withdrawals (the customer's task sees them; the agent is the counterparty). */
export function agentSplitWithdrawal(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const ring = c.prev
  if (c.type !== WITHDRAW || ring === undefined) return undefined
  const from = c.eventTime - r.splitWindowMs
  let found = 0
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) if (isWithdrawalPart(c, ring, i, from)) found++
  // Most withdrawals have no earlier part at the same agent: nothing to gather.
  if (found + 1 < r.rules.AGENT_SPLIT.min_transactions) return undefined
  const parts = newParts()
  for (let i = c.ringFrom; i < ring.length; i += RING_STRIDE) {
    if (!isWithdrawalPart(c, ring, i, from)) continue
    parts.amounts.push(ring[i + 1]!)
    parts.times.push(ring[i]!)
    parts.ids.push(ring[i + 4]!)
  }
  return judgeSplit(c, c.tx.sender, c.tx.receiver, parts, c.coolingDown(SPLIT, r.splitWindowMs))
}

/** A successful withdrawal at the same agent within the window before now. */
function isWithdrawalPart(c: TransactionContext, ring: StateArray, i: number, from: number): boolean {
  const at = ring[i]!
  const code = ring[i + 3]!
  if (at < from || at > c.eventTime || !isOutflow(code) || outflowFailed(code) || outflowType(code) !== WITHDRAW) return false
  return ring[i + 2] === c.counterparty
}

/**
 * The longest run of the latest parts, ending with this transaction, that looks like one amount split; an unrelated
 * earlier visit to the same agent inside the window does not hide the split that follows it.
 */
function judgeSplit(c: TransactionContext, customer: string, agent: string, parts: Parts, cooling: boolean): Finding | undefined {
  const cfg = c.rules.rules.AGENT_SPLIT
  const count = parts.amounts.length + 1
  if (count < cfg.min_transactions || cooling) return undefined
  const amounts = [...parts.amounts, c.tx.amount]
  for (let from = 0; count - from >= cfg.min_transactions; from++) {
    const run = amounts.slice(from)
    const total = run.reduce((a, b) => a + b, 0)
    if (total < cfg.min_total_kes || !looksSplit(run, total, cfg.max_part_ratio)) continue
    return splitFinding(c, customer, agent, run, [...parts.ids.slice(from).map(idText), c.tx.transaction_id], parts.times[from] ?? c.eventTime)
  }
  return undefined
}

/**
 * Runs on successful agent deposits (the agent's task sees them: the agent is the sender). Deposits already
 * reported are flagged in the agent state, which stands in for a per-customer cooldown.
 */
export function agentSplitDeposit(c: TransactionContext, agent: StateArray | undefined, customerHash: number): Finding | undefined {
  if (agent === undefined) return undefined
  const from = c.eventTime - c.rules.splitWindowMs
  let found = 0
  for (let i = DEPOSITS; i < agent.length; i += DEPOSIT_STRIDE) if (isDepositPart(c, agent, i, from, customerHash)) found++
  if (found + 1 < c.rules.rules.AGENT_SPLIT.min_transactions) return undefined
  const parts = newParts()
  let reported = false
  for (let i = DEPOSITS; i < agent.length; i += DEPOSIT_STRIDE) {
    if (!isDepositPart(c, agent, i, from, customerHash)) continue
    if (agent[i + 3] === 1) reported = true
    parts.amounts.push(agent[i + 1]!)
    parts.times.push(agent[i]!)
    parts.ids.push(agent[i + 4]!)
  }
  return judgeSplit(c, c.tx.receiver, c.tx.sender, parts, reported)
}

function isDepositPart(c: TransactionContext, deposits: StateArray, i: number, from: number, customerHash: number): boolean {
  const at = deposits[i]!
  return at >= from && at <= c.eventTime && deposits[i + 2] === customerHash
}

/**
 * The larger amount of the two visits: a clone is used to move money, at either counter. The previous visit's amount
 * is read from the recent activity (the current one when it is no longer there).
 */
function largerVisitAmount(c: TransactionContext, prev: StateArray): number {
  const id = prev[AGENT_TX]!
  for (let i = c.ringFrom; i < prev.length; i += RING_STRIDE) if (prev[i + 4] === id) return Math.max(c.tx.amount, prev[i + 1]!)
  return c.tx.amount
}

/**
 * True when the visits moved money worth a clone's trouble: the larger of the two is at least min_amount_ratio times
 * the typical amount of such transactions on this task (the geometric mean of its customers' recent ones), and at
 * least min_amount_kes. Relative to the task, not an absolute amount, so it holds whatever the background's money;
 * relative to the task rather than the account, because a clone moves what the wallet holds, not what its owner
 * usually spends. Ordinary far-away visits of the background (travel, mislocated agents) are ordinary amounts.
 */
function movesMoney(c: TransactionContext, prev: StateArray): boolean {
  const cfg = c.rules.rules.IMPOSSIBLE_TRAVEL
  const larger = largerVisitAmount(c, prev)
  if (larger < cfg.min_amount_kes) return false
  const at = BASELINE + c.type * 2
  // No typical amount yet (a task that has seen no such transaction): the absolute floor alone.
  return !(c.task[at]! > 0) || larger >= cfg.min_amount_ratio * Math.exp(c.task[at + 1]!)
}

/**
 * Runs on customer transactions at an agent (failed ones too: a failed withdrawal still puts the phone at the counter)
 * when one of the two visits moved a sizeable amount (movesMoney).
 */
export function impossibleTravel(c: TransactionContext): Finding | undefined {
  const r = c.rules
  const cfg = r.rules.IMPOSSIBLE_TRAVEL
  const prev = c.prev
  if (prev === undefined || prev[AGENT_TIME]! < 0 || c.county < 0) return undefined
  const agentTime = prev[AGENT_TIME]!
  const agentCounty = agentCountyOf(prev)
  if (agentCounty < 0) return undefined
  const gap = c.eventTime - agentTime
  if (gap < 0 || gap > r.travelMaxGapMs) return undefined
  const km = distanceBetween(agentCounty, c.county)
  const kmh = km / (Math.max(gap, 60_000) / 3_600_000)
  if (km < cfg.min_distance_km || kmh <= cfg.max_speed_kmh || c.coolingDown(TRAVEL, r.travelCooldownMs)) return undefined
  // A return home after a far visit is not the pattern: the account turns up far from where it is usually used.
  const home = homeCounty(prev)
  if (cfg.away_from_home_only && (home < 0 || distanceBetween(home, c.county) < cfg.min_distance_km)) return undefined
  if (!movesMoney(c, prev)) return undefined
  return {
    rule: 'IMPOSSIBLE_TRAVEL',
    account: c.tx.sender,
    trigger: c.tx.transaction_id,
    eventTime: c.eventTime,
    score: Math.min(1, kmh / (4 * cfg.max_speed_kmh)),
    evidence: [idText(prev[AGENT_TX]!), c.tx.transaction_id],
    explanation: sentence(
      `${party(c.tx.sender)} was at an agent in ${countyName(agentCounty)} at ${clock(agentTime)} and at agent ${c.tx.receiver} in ` +
        `${countyName(c.county)} ${duration(gap)} later (${Math.round(km)} km apart, ${Math.round(kmh)} km/h) for a ${c.tx.transaction_type} of ${kes(c.tx.amount)}.`
    )
  }
}
