// Tests MULE_FAN_IN across the repartition: what inflowOf routes, and the same alert whether inflows arrive before or after the cash-out.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Transaction } from '../../../src/domain/schema.ts'
import { ALICE, Harness, MINUTE, T0, customer, deposit, rulesWith, tx, withdraw } from './fixtures.ts'

const MULE = customer(4242)
const RULES = { MULE_FAN_IN: {} }

/** Victims 1..n each pay the mule 2,000, five minutes apart; then the mule cashes out 90% at an agent. */
function scenario(victims: number, cashOutDelay = 4 * MINUTE): { transfers: Transaction[]; cashOut: Transaction } {
  const transfers = Array.from({ length: victims }, (_, i) => tx({ at: T0 + i * 5 * MINUTE, sender: customer(i + 1), receiver: MULE, amount: 2_000, fee: 33 }))
  const last = T0 + (victims - 1) * 5 * MINUTE
  const cashOut = withdraw(last + cashOutDelay, Math.round(victims * 2_000 * 0.9), { sender: MULE, fee: 309 })
  return { transfers, cashOut }
}

test('inflows before the cash-out: the cash-out completes the pattern', () => {
  const h = new Harness(rulesWith(RULES))
  const { transfers, cashOut } = scenario(6)
  for (const t of transfers) h.send(t)
  assert.equal(h.inflows.length, 6)
  assert.equal(h.deliver().length, 0)
  assert.equal(h.send(cashOut).length, 1)
  const alert = h.alerts[0]!
  assert.equal(alert.alert_id, `MULE_FAN_IN:${cashOut.transaction_id}`)
  assert.equal(alert.account, MULE)
  assert.equal(alert.event_time, cashOut.timestamp)
  assert.deepEqual(alert.transaction_ids, [...transfers.map((t) => t.transaction_id), cashOut.transaction_id])
  assert.equal(
    alert.explanation,
    '2547****4242, first seen 29 min earlier, received KES 12,000 from 6 different senders within 25 min, then moved KES 10,800 out by WITHDRAW 4 min after the last inflow, at 09:29:00 EAT on 2026-11-10.'
  )
})

test('inflows after the cash-out (a lagging repartition): the 5th distinct sender completes it, with the same alert_id', () => {
  const h = new Harness(rulesWith(RULES))
  const { transfers, cashOut } = scenario(6)
  for (const t of transfers) h.send(t)
  assert.equal(h.send(cashOut).length, 0)
  const fired = h.inflows.slice().map((inflow) => h.deliver((x) => x === inflow).length)
  assert.deepEqual(fired, [0, 0, 0, 0, 1, 0])
  assert.deepEqual(h.ids('MULE_FAN_IN'), [`MULE_FAN_IN:${cashOut.transaction_id}`])
  assert.equal(h.alerts[0]!.event_time, cashOut.timestamp)
  assert.deepEqual(h.alerts[0]!.transaction_ids, [...transfers.slice(0, 5).map((t) => t.transaction_id), cashOut.transaction_id])
})

test('half the inflows before, half after the cash-out, in reverse order: one alert, same id', () => {
  const h = new Harness(rulesWith(RULES))
  const { transfers, cashOut } = scenario(8)
  for (const t of transfers) h.send(t)
  const early = new Set(h.inflows.slice(0, 3))
  h.deliver((x) => early.has(x))
  h.send(cashOut)
  h.inflows.reverse()
  h.deliver()
  assert.deepEqual(h.ids('MULE_FAN_IN'), [`MULE_FAN_IN:${cashOut.transaction_id}`])
})

test('too few senders, a slow cash-out or a small one do not fire; a repeated inflow counts once', () => {
  const few = new Harness(rulesWith(RULES))
  const a = scenario(4)
  for (const t of a.transfers) few.send(t)
  few.deliver()
  few.send(a.cashOut)
  assert.equal(few.alerts.length, 0)

  const slow = new Harness(rulesWith(RULES))
  const b = scenario(6, 45 * MINUTE)
  for (const t of b.transfers) slow.send(t)
  slow.deliver()
  slow.send(b.cashOut)
  assert.equal(slow.alerts.length, 0)

  const small = new Harness(rulesWith(RULES))
  const c = scenario(6)
  for (const t of c.transfers) small.send(t)
  small.deliver()
  small.send(withdraw(T0 + 30 * MINUTE, 2_000, { sender: MULE }))
  assert.equal(small.alerts.length, 0)

  const repeated = new Harness(rulesWith(RULES))
  const d = scenario(4)
  for (const t of d.transfers) repeated.send(t)
  const again = repeated.inflows[0]!
  repeated.deliver()
  repeated.detector.onInflow(again, T0)
  repeated.send(d.cashOut)
  assert.equal(repeated.alerts.length, 0)
})

test('inflowOf routes successful transfers to first-time payees and business credits; nothing else', () => {
  const h = new Harness(rulesWith({ MULE_FAN_IN: {}, AMOUNT_ANOMALY: {} }))
  const first = tx({ at: T0, receiver: customer(9), amount: 800 })
  h.detector.onTransaction(first, T0, T0)
  assert.deepEqual(h.detector.inflowOf(first), { receiver: customer(9), sender: ALICE, type: 'SEND_MONEY', amount: 800, transaction_id: first.transaction_id, event_time: T0 })
  const again = tx({ at: T0 + MINUTE, receiver: customer(9), amount: 800 })
  h.detector.onTransaction(again, T0 + MINUTE, T0)
  assert.equal(h.detector.inflowOf(again), undefined, 'a usual payee is not routed')
  const failed = tx({ at: T0 + MINUTE, receiver: customer(8), status: 'FAILED' })
  h.detector.onTransaction(failed, T0 + MINUTE, T0)
  assert.equal(h.detector.inflowOf(failed), undefined)
  const credit = tx({ at: T0, transaction_type: 'B2C', sender: '654321', sender_type: 'BUSINESS', amount: 5_000, fee: 0 })
  h.detector.onTransaction(credit, T0, T0)
  assert.equal(h.detector.inflowOf(credit)?.type, 'B2C')
  const cashIn = deposit(T0, 5_000)
  h.detector.onTransaction(cashIn, T0, T0)
  assert.equal(h.detector.inflowOf(cashIn), undefined)
  // Asked about any other transaction than the one just processed, it answers from the transaction alone.
  assert.equal(h.detector.inflowOf(again)?.receiver, customer(9))
})

test('inflows are JSON-serialisable and arrive through the repartition unchanged', () => {
  const h = new Harness(rulesWith(RULES))
  const { transfers, cashOut } = scenario(5)
  for (const t of transfers) h.send(t)
  const wire = h.inflows.map((inflow) => JSON.parse(JSON.stringify(inflow)) as typeof inflow)
  h.inflows.length = 0
  h.send(cashOut)
  for (const inflow of wire) h.detector.onInflow(inflow, T0)
  assert.equal(h.detector.counters.fired.MULE_FAN_IN, 1)
})
