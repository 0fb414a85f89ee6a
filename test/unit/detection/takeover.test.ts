// Tests SIM_SWAP_TAKEOVER (event, then a drain to strangers or cash; one alert per episode) and DORMANT_REACTIVATION (90 idle days).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ALICE, BOB, DAY, HOUR, Harness, MINUTE, T0, accountEvent, customer, rulesWith, tx, withdraw } from './fixtures.ts'

const TAKEOVER = { SIM_SWAP_TAKEOVER: {} }

test('SIM_SWAP_TAKEOVER: a SIM swap, then transfers to new payees that drain far more than usual', () => {
  const h = new Harness(rulesWith(TAKEOVER))
  const swapAt = h.history(ALICE, 10, 500, T0)
  h.event(accountEvent(swapAt, 'SIM_SWAP'))
  h.event(accountEvent(swapAt + 5 * MINUTE, 'PIN_RESET'))
  const first = tx({ at: swapAt + 30 * MINUTE, receiver: customer(1), amount: 1_500 })
  const second = tx({ at: swapAt + 50 * MINUTE, receiver: customer(2), amount: 6_000, fee: 78 })
  const cashOut = withdraw(swapAt + 70 * MINUTE, 4_000, { market: 'Kisumu' })
  assert.equal(h.send(first).length, 0)
  assert.equal(h.send(second).length, 1)
  assert.equal(h.send(cashOut).length, 0)
  const alert = h.alerts[0]!
  assert.equal(alert.alert_id, `SIM_SWAP_TAKEOVER:${second.transaction_id}`)
  assert.equal(alert.severity, 'CRITICAL')
  assert.deepEqual(alert.transaction_ids, [first.transaction_id, second.transaction_id])
  assert.match(alert.explanation, /^PIN RESET on 2547\*\*\*\*5678 at 09:05:00 EAT on 2026-11-20, then 2 outflows totalling KES 7,500 within 45 min \(15 times its typical SEND_MONEY of KES 514\); the latest KES 6,000 to 2547\*\*\*\*0002 at 09:50:00 EAT on 2026-11-20\.$/)
})

test('SIM_SWAP_TAKEOVER: a cash-out counts as a drain; payments to usual payees, device changes and late outflows do not', () => {
  const cash = new Harness(rulesWith(TAKEOVER))
  const at = cash.history(ALICE, 10, 500, T0)
  cash.event(accountEvent(at, 'SIM_SWAP'))
  cash.send(withdraw(at + HOUR, 9_000, { market: 'Mombasa' }))
  assert.deepEqual(cash.alerts.map((a) => a.rule_id), ['SIM_SWAP_TAKEOVER'])

  const usual = new Harness(rulesWith(TAKEOVER))
  const at2 = usual.history(ALICE, 10, 500, T0)
  usual.event(accountEvent(at2, 'SIM_SWAP'))
  usual.send(tx({ at: at2 + HOUR, receiver: customer(900_001), amount: 9_000, fee: 90 }))
  assert.equal(usual.alerts.length, 0)

  const device = new Harness(rulesWith(TAKEOVER))
  const at3 = device.history(ALICE, 10, 500, T0)
  device.event(accountEvent(at3, 'DEVICE_CHANGE'))
  device.send(tx({ at: at3 + HOUR, receiver: customer(5), amount: 9_000, fee: 90 }))
  assert.equal(device.alerts.length, 0)

  const late = new Harness(rulesWith(TAKEOVER))
  const at4 = late.history(ALICE, 10, 500, T0)
  late.event(accountEvent(at4, 'SIM_SWAP'))
  late.send(tx({ at: at4 + 5 * HOUR, receiver: customer(5), amount: 9_000, fee: 90 }))
  assert.equal(late.alerts.length, 0)
})

test('SIM_SWAP_TAKEOVER: small outflows after a swap stay under the drain thresholds', () => {
  const h = new Harness(rulesWith(TAKEOVER))
  const at = h.history(ALICE, 10, 500, T0)
  h.event(accountEvent(at, 'SIM_SWAP'))
  h.send(tx({ at: at + 10 * MINUTE, receiver: customer(3), amount: 1_200 }))
  h.send(tx({ at: at + 20 * MINUTE, receiver: customer(4), amount: 1_000 }))
  assert.equal(h.alerts.length, 0)
})

test('DORMANT_REACTIVATION: a known account idle 91 days then moving 5,000 fires once; 89 idle days do not', () => {
  const h = new Harness(rulesWith({ DORMANT_REACTIVATION: {} }))
  h.send(tx({ at: T0, amount: 700 }))
  h.send(tx({ at: T0, sender: BOB, amount: 700 }))
  const wake = withdraw(T0 + 91 * DAY, 5_000)
  h.send(wake)
  h.send(withdraw(T0 + 91 * DAY + HOUR, 5_000))
  h.send(tx({ at: T0 + 89 * DAY, sender: BOB, amount: 5_000, fee: 57 }))
  assert.deepEqual(h.alerts.map((a) => a.alert_id), [`DORMANT_REACTIVATION:${wake.transaction_id}`])
  assert.equal(
    h.alerts[0]!.explanation,
    'Dormant wallet 2547****5678 (its last transaction was 91 days earlier) moved KES 5,000 by WITHDRAW cash at agent 123456 in Nairobi at 09:00:00 EAT on 2027-02-09.'
  )
})

test('DORMANT_REACTIVATION: an account never seen counts as idle only once the task has watched for 90 days', () => {
  const h = new Harness(rulesWith({ DORMANT_REACTIVATION: {} }))
  h.send(tx({ at: T0, sender: BOB }))
  h.send(tx({ at: T0 + 30 * DAY, sender: customer(1), amount: 3_000, fee: 53 }))
  const unseen = tx({ at: T0 + 95 * DAY, sender: customer(2), amount: 3_000, fee: 53 })
  h.send(unseen)
  h.send(tx({ at: T0 + 95 * DAY, sender: customer(3), amount: 300 }))
  assert.deepEqual(h.alerts.map((a) => a.alert_id), [`DORMANT_REACTIVATION:${unseen.transaction_id}`])
  assert.match(h.alerts[0]!.explanation, /\(no transaction of it in the 95 days observed\)/)
})

test('a dormant account woken after a SIM swap is a DORMANT_REACTIVATION, not also a SIM swap takeover', () => {
  const h = new Harness(rulesWith({ DORMANT_REACTIVATION: {}, SIM_SWAP_TAKEOVER: {} }))
  h.send(tx({ at: T0, amount: 600 }))
  h.event(accountEvent(T0 + 100 * DAY, 'SIM_SWAP'))
  h.send(tx({ at: T0 + 100 * DAY + HOUR, receiver: customer(7), amount: 8_000, fee: 90 }))
  assert.deepEqual(h.alerts.map((a) => a.rule_id), ['DORMANT_REACTIVATION'])
  assert.match(h.alerts[0]!.explanation, / 60 min after a SIM SWAP\.$/)
})
