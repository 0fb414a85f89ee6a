// MULE_FAN_IN: a young account receives from many distinct customers in a short window, then quickly moves about as much out.
//
// Inflows reach the receiver's task through a repartition topic, possibly after the receiver's own cash-out was
// processed, so the pattern is judged at the cash-out's event time whichever record completes it: the cash-out
// (inflows already known) or a late inflow (cash-out already in the recent outflows). Either way the alert is
// named after the cash-out, so both orders give the same alert_id.

import { TRANSACTION_TYPES } from '../../domain/transaction-types.ts'
import type { CompiledRules } from '../compiled-rules.ts'
import type { Finding } from '../context.ts'
import { clock, duration, kes, party, sentence } from '../explain.ts'
import { ruleIndex } from '../rule-set.ts'
import { INFLOW, RING_CAP, RING_STRIDE, isOutflow, outflowFailed, outflowType } from '../ring.ts'
import { FIRST, firedAt, ringStart } from '../state.ts'
import type { StateArray } from '../state.ts'
import { idText } from '../tx-id.ts'

export const MULE_RULE = ruleIndex('MULE_FAN_IN')

/** An outflow that may be a cash-out: where it sits in time and what it moved (id: as a number, tx-id.ts). */
export interface CashOut {
  time: number
  amount: number
  type: number
  id: number
}

/** Reused for the cash-out being judged (the hot path allocates nothing until a pattern is found). */
const judged: CashOut = { time: 0, amount: 0, type: 0, id: 0 }

export function cashOut(time: number, amount: number, type: number, id: number): CashOut {
  judged.time = time
  judged.amount = amount
  judged.type = type
  judged.id = id
  return judged
}

const senders = new Float64Array(RING_CAP + 1)

interface FanIn {
  count: number
  distinct: number
  total: number
  first: number
  last: number
}

const scratch: FanIn = { count: 0, distinct: 0, total: 0, first: 0, last: 0 }

/** Inflows within the window that ends at the cash-out (reuses one scratch object). */
function fanInBefore(ring: StateArray, at: number, rules: CompiledRules): FanIn {
  const from = at - rules.muleWindowMs
  scratch.count = scratch.total = 0
  scratch.first = Number.POSITIVE_INFINITY
  scratch.last = Number.NEGATIVE_INFINITY
  for (let i = ringStart(ring); i < ring.length; i += RING_STRIDE) {
    const t = ring[i]!
    if (t < from || t > at || ring[i + 3] !== INFLOW) continue
    senders[scratch.count++] = ring[i + 2]!
    scratch.total += ring[i + 1]!
    if (t < scratch.first) scratch.first = t
    if (t > scratch.last) scratch.last = t
  }
  let distinct = 0
  for (let i = 0; i < scratch.count; i++) {
    let seen = false
    for (let j = 0; j < i && !seen; j++) seen = senders[j] === senders[i]
    if (!seen) distinct++
  }
  scratch.distinct = distinct
  return scratch
}

/** The fan-in pattern judged at one cash-out; `state` holds the inflows, `before` the rule's cooldown. */
export function fanInAt(state: StateArray, before: StateArray | undefined, account: string, cashOut: CashOut, rules: CompiledRules): Finding | undefined {
  const cfg = rules.rules.MULE_FAN_IN
  // Cheapest first: most outflows are of accounts older than any mule the rule looks for.
  if (!rules.muleCashOutTypes[cashOut.type] || cashOut.time - state[FIRST]! > rules.muleMaxAgeMs) return undefined
  const fan = fanInBefore(state, cashOut.time, rules)
  if (fan.distinct < cfg.min_distinct_senders || cashOut.time - fan.last > rules.muleCashOutMs) return undefined
  if (cashOut.amount < cfg.min_cash_out_ratio * fan.total) return undefined
  if (cashOut.time - firedAt(before, MULE_RULE) < rules.muleCooldownMs) return undefined
  return fanInFinding(state, account, cashOut, fan, rules)
}

function fanInFinding(ring: StateArray, account: string, cashOut: CashOut, fan: FanIn, rules: CompiledRules): Finding {
  const from = cashOut.time - rules.muleWindowMs
  const entries: [number, string][] = []
  const id = idText(cashOut.id)
  for (let i = ringStart(ring); i < ring.length; i += RING_STRIDE) {
    const t = ring[i]!
    if (t >= from && t <= cashOut.time && ring[i + 3] === INFLOW) entries.push([t, idText(ring[i + 4]!)])
  }
  entries.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
  const cfg = rules.rules.MULE_FAN_IN
  const type = TRANSACTION_TYPES[cashOut.type] ?? 'outflow'
  return {
    rule: 'MULE_FAN_IN',
    account,
    trigger: id,
    eventTime: cashOut.time,
    score: Math.min(1, fan.distinct / (3 * cfg.min_distinct_senders) + 0.5),
    evidence: [...entries.map((e) => e[1]), id],
    explanation: sentence(
      `${party(account)}, first seen ${duration(cashOut.time - ring[FIRST]!)} earlier, received ${kes(fan.total)} from ${fan.distinct} different senders ` +
        `within ${duration(fan.last - fan.first)}, then moved ${kes(cashOut.amount)} out by ${type} ${duration(cashOut.time - fan.last)} after the last inflow, ` +
        `at ${clock(cashOut.time)}.`
    )
  }
}

/** After a late inflow: the first recent cash-out that the inflow's arrival completes a pattern for, if any. */
export function fanInAfterLateInflow(ring: StateArray, before: StateArray | undefined, account: string, inflowTime: number, rules: CompiledRules): Finding | undefined {
  if (inflowTime - ring[FIRST]! > rules.muleMaxAgeMs) return undefined
  for (let i = ringStart(ring); i < ring.length; i += RING_STRIDE) {
    const time = ring[i]!
    const code = ring[i + 3]!
    if (time < inflowTime || time - inflowTime > rules.muleWindowMs || !isOutflow(code) || outflowFailed(code)) continue
    const finding = fanInAt(ring, before, account, cashOut(time, ring[i + 1]!, outflowType(code), ring[i + 4]!), rules)
    if (finding !== undefined) return finding
  }
  return undefined
}
