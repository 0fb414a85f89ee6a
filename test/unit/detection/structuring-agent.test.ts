// Tests STRUCTURING (repeats under an edge, totals near the daily limit), AGENT_SPLIT (withdrawals and deposits) and IMPOSSIBLE_TRAVEL.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AGENT as AGENT_KIND, kindOf, upgrade } from '../../../src/detection/state.ts'
import { ALICE, AGENT, BOB, HOUR, Harness, MINUTE, T0, accountEvent, customer, deposit, rulesWith, tx, withdraw } from './fixtures.ts'

test('STRUCTURING: the third transfer just under 50,000 within a day fires, with all three as evidence', () => {
  const h = new Harness(rulesWith({ STRUCTURING: {} }))
  const sends = [49_300, 48_900, 49_950, 49_100].map((amount, i) => tx({ at: T0 + i * 30 * MINUTE, receiver: customer(i), amount, fee: 108 }))
  assert.deepEqual(sends.map((t) => h.send(t).length), [0, 0, 1, 0])
  assert.deepEqual(h.alerts[0]!.transaction_ids, sends.slice(0, 3).map((t) => t.transaction_id))
  assert.equal(
    h.alerts[0]!.explanation,
    '2547****5678 made 3 large outflows within 60 min, 3 of them just under a limit or band edge (KES 49,300, KES 48,900, KES 49,950; ' +
      'KES 148,150 in all), the latest to 2547****0002 at 10:00:00 EAT on 2026-11-10.'
  )
})

test('STRUCTURING: one transfer under the 250,000 limit and a second large one reaching 400,000 fire on the second', () => {
  const h = new Harness(rulesWith({ STRUCTURING: {} }))
  h.send(tx({ at: T0, receiver: customer(1), amount: 249_700, fee: 108 }))
  const second = tx({ at: T0 + 2 * HOUR, receiver: customer(2), amount: 241_000, fee: 108 })
  h.send(second)
  assert.deepEqual(h.ids('STRUCTURING'), [`STRUCTURING:${second.transaction_id}`])
})

test('STRUCTURING: two large transfers without one under an edge, or near-edge ones a day apart, do not fire', () => {
  const h = new Harness(rulesWith({ STRUCTURING: {} }))
  h.send(tx({ at: T0, receiver: customer(1), amount: 220_000, fee: 108 }))
  h.send(tx({ at: T0 + HOUR, receiver: customer(2), amount: 230_000, fee: 108 }))
  h.send(tx({ at: T0 + 30 * HOUR, sender: customer(5), amount: 49_000, fee: 108 }))
  h.send(tx({ at: T0 + 55 * HOUR, sender: customer(5), amount: 49_000, fee: 108 }))
  h.send(tx({ at: T0 + 80 * HOUR, sender: customer(5), amount: 49_000, fee: 108 }))
  assert.equal(h.alerts.length, 0)
})

test('STRUCTURING: near-edge outflows right after a SIM swap are left to the takeover rule (when it is on)', () => {
  const h = new Harness(rulesWith({ STRUCTURING: {}, SIM_SWAP_TAKEOVER: {} }))
  h.event(accountEvent(T0, 'SIM_SWAP'))
  for (let i = 0; i < 3; i++) h.send(tx({ at: T0 + (i + 1) * 20 * MINUTE, receiver: customer(i), amount: 49_000, fee: 108 }))
  assert.deepEqual(h.alerts.map((a) => a.rule_id), ['SIM_SWAP_TAKEOVER'])
})

test('AGENT_SPLIT: three similar withdrawals at one agent within minutes that fit one band fire once', () => {
  const h = new Harness(rulesWith({ AGENT_SPLIT: {} }))
  const parts = [3_000, 3_200, 3_100, 3_050].map((amount, i) => withdraw(T0 + i * 3 * MINUTE, amount))
  assert.deepEqual(parts.map((t) => h.send(t).length), [0, 0, 1, 0])
  assert.deepEqual(h.alerts[0]!.transaction_ids, parts.slice(0, 3).map((t) => t.transaction_id))
  assert.equal(h.alerts[0]!.account, ALICE)
  assert.equal(
    h.alerts[0]!.explanation,
    '3 WITHDRAW transactions of 2547****5678 at agent 123456 within 6 min (KES 3,000 + KES 3,200 + KES 3,100 = KES 9,300, which fits one tariff band), ' +
      'the latest at 09:06:00 EAT on 2026-11-10.'
  )
})

test('AGENT_SPLIT: an unrelated earlier visit does not hide the split; other agents and unequal parts do not count', () => {
  const h = new Harness(rulesWith({ AGENT_SPLIT: {} }))
  h.send(withdraw(T0, 200))
  const parts = [4_000, 4_500, 4_200].map((amount, i) => withdraw(T0 + (i + 1) * 2 * MINUTE, amount))
  for (const t of parts) h.send(t)
  assert.deepEqual(h.alerts.map((a) => a.transaction_ids.length), [3])

  const spread = new Harness(rulesWith({ AGENT_SPLIT: {} }))
  spread.send(withdraw(T0, 3_000, { receiver: '111111' }))
  spread.send(withdraw(T0 + MINUTE, 3_000, { receiver: '222222' }))
  spread.send(withdraw(T0 + 2 * MINUTE, 3_000, { receiver: '333333' }))
  spread.send(withdraw(T0 + 3 * MINUTE, 500, { receiver: '444444', sender: customer(2) }))
  spread.send(withdraw(T0 + 4 * MINUTE, 4_000, { receiver: '444444', sender: customer(2) }))
  spread.send(withdraw(T0 + 5 * MINUTE, 4_000, { receiver: '444444', sender: customer(2) }))
  assert.equal(spread.alerts.length, 0)
})

test('AGENT_SPLIT: split deposits are judged on the agent task and name the customer', () => {
  const h = new Harness(rulesWith({ AGENT_SPLIT: {} }))
  const parts = [6_000, 5_500, 6_200, 5_900].map((amount, i) => deposit(T0 + i * 2 * MINUTE, amount))
  h.send(deposit(T0 + MINUTE, 6_000, { receiver: customer(3) }))
  assert.deepEqual(parts.map((t) => h.send(t).length), [0, 0, 1, 0])
  assert.equal(h.alerts[0]!.account, ALICE)
  assert.deepEqual(h.alerts[0]!.transaction_ids, parts.slice(0, 3).map((t) => t.transaction_id))
  assert.match(h.alerts[0]!.explanation, /^3 DEPOSIT transactions of 2547\*\*\*\*5678 at agent 123456 within 4 min /)
  assert.equal(kindOf(upgrade(h.store.get(`agent|${AGENT}`))!), AGENT_KIND)
})

/** A task that has learnt 800 as its typical withdrawal (another customer's first one), so a visit must move ≥ 2,400 (3 × 800). */
function travelHarness(scale = 1): Harness {
  const h = new Harness(rulesWith({ IMPOSSIBLE_TRAVEL: {} }))
  h.send(withdraw(T0 - 2 * HOUR, 800 * scale, { sender: BOB }))
  for (let i = 0; i < 3; i++) h.send(tx({ at: T0 - (i + 1) * HOUR, receiver: customer(i) }))
  return h
}

test('IMPOSSIBLE_TRAVEL: Nairobi then Mombasa 20 minutes later fires; the trip home, a slow trip and small amounts do not', () => {
  const h = travelHarness()
  const home = withdraw(T0, 2_000)
  const away = withdraw(T0 + 20 * MINUTE, 3_000, { market: 'Mombasa', receiver: '654321' })
  h.send(home)
  h.send(away)
  h.send(withdraw(T0 + 40 * MINUTE, 3_000))
  assert.deepEqual(h.alerts.map((a) => a.transaction_ids), [[home.transaction_id, away.transaction_id]])
  assert.match(h.alerts[0]!.explanation, /^2547\*\*\*\*5678 was at an agent in Nairobi at 09:00:00 EAT on 2026-11-10 and at agent 654321 in Mombasa 20 min later \(\d+ km apart, \d+ km\/h\) for a WITHDRAW of KES 3,000\.$/)

  const slow = travelHarness()
  slow.send(withdraw(T0, 2_000))
  slow.send(withdraw(T0 + 2 * HOUR, 3_000, { market: 'Mombasa' }))
  // Neither visit reaches 3 × the typical 800: ordinary cash-outs, as a traveller or a mislocated agent makes them.
  const small = travelHarness()
  small.send(withdraw(T0, 2_000))
  small.send(withdraw(T0 + 20 * MINUTE, 500, { market: 'Mombasa' }))
  assert.equal(slow.alerts.length + small.alerts.length, 0)
})

test('IMPOSSIBLE_TRAVEL: the bar is the larger visit against the task\'s typical amount, so it holds when all amounts are halved', () => {
  // The clone's far visit may be the smaller one: the pair moved money at the first counter.
  const first = travelHarness()
  const home = withdraw(T0, 2_600)
  const away = withdraw(T0 + 20 * MINUTE, 1_500, { market: 'Mombasa' })
  first.send(home)
  first.send(away)
  assert.deepEqual(first.alerts.map((a) => a.transaction_ids), [[home.transaction_id, away.transaction_id]])
  // Half the money everywhere (typical 400): 1,300 then 750 is the same pattern, below any absolute 2,000 floor.
  const halved = travelHarness(0.5)
  halved.send(withdraw(T0, 1_300))
  halved.send(withdraw(T0 + 20 * MINUTE, 750, { market: 'Mombasa' }))
  assert.equal(halved.alerts.length, 1)
  const below = travelHarness(0.5)
  below.send(withdraw(T0, 1_100))
  below.send(withdraw(T0 + 20 * MINUTE, 750, { market: 'Mombasa' }))
  assert.equal(below.alerts.length, 0)
})
