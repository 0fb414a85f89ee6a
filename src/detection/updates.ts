// How one record changes the state: the account's recent activity, level and payees; routed inflows; agent deposits.

import type { TransactionContext } from './context.ts'
import { SEND_MONEY } from './context.ts'
import type { Inflow } from './inflow.ts'
import { CREDIT, INFLOW, outflowCode, ringAppend } from './ring.ts'
import type { RingHorizons } from './ring.ts'
import { DEPOSIT_CAP, DEPOSIT_STRIDE, rememberPayee } from './state.ts'
import { idNumber } from './tx-id.ts'
import type { AgentState, MutableAccountState } from './state.ts'

/** The account level follows about this many recent outflows. */
export const LEVEL_MEMORY = 40
/**
 * Once the level rests on this many outflows, a deviation counts at most LEVEL_CLIP (in ln units, ×4.5) away from it:
 * a robust rolling mean, so one huge payment (or a fraud episode the rules missed) cannot lift the account's normal.
 */
export const LEVEL_SETTLED = 5
export const LEVEL_CLIP = 1.5

/** Folds a customer outflow (attempt) into the next account state; `learn` says whether the amount may move the level. */
export function applyOutflow(next: MutableAccountState, c: TransactionContext, h: RingHorizons, learn: boolean): void {
  const tx = c.tx
  const code = outflowCode(c.type, !c.success, c.large, c.success && c.edge >= 0)
  next.recent = ringAppend(next.recent, h, c.eventTime, tx.amount, c.counterparty, code, idNumber(tx.transaction_id))
  if (!c.success) return
  const known = c.task.baseline[c.type * 2] ?? 0
  if (learn && known > 0) {
    const raw = Math.log(tx.amount) - c.task.baseline[c.type * 2 + 1]!
    const deviation = next.n < LEVEL_SETTLED ? raw : Math.min(next.level + LEVEL_CLIP, Math.max(next.level - LEVEL_CLIP, raw))
    const n = next.n + 1
    next.level += (deviation - next.level) / Math.min(n, LEVEL_MEMORY)
    next.n = n
  }
  if (c.type === SEND_MONEY) next.payees = rememberPayee(next.payees, c.counterparty)
}

export function appendInflow(next: MutableAccountState, inflow: Inflow, senderHash: number, h: RingHorizons): void {
  const code = inflow.type === 'B2C' ? CREDIT : INFLOW
  next.recent = ringAppend(next.recent, h, inflow.event_time, inflow.amount, senderHash, code, idNumber(inflow.transaction_id))
}

/** The agent's next state with this deposit; when it completed a split, the customer's deposits in the window are flagged as reported. */
export function appendDeposit(prev: AgentState | undefined, c: TransactionContext, customerHash: number, from: number, reported: boolean): AgentState {
  const old = prev?.deposits ?? []
  const count = old.length / DEPOSIT_STRIDE
  let first = 0
  while (first < count && old[first * DEPOSIT_STRIDE]! < from) first++
  first = Math.max(first, count + 1 - DEPOSIT_CAP)
  const deposits = old.slice(first * DEPOSIT_STRIDE)
  deposits.push(c.eventTime, c.tx.amount, customerHash, 0, idNumber(c.tx.transaction_id))
  if (reported) {
    for (let i = 0; i < deposits.length; i += DEPOSIT_STRIDE) if (deposits[i + 2] === customerHash) deposits[i + 3] = 1
  }
  return { kind: 'agent', seen: Math.max(prev?.seen ?? c.eventTime, c.eventTime), deposits }
}
