// Tests HIGH_VALUE_TRANSFER (every field of the alert) and VELOCITY_BURST (threshold, distinct payees, window, cooldown).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { ALICE, BOB, Harness, SECOND, MINUTE, T0, customer, rulesWith, tx } from './fixtures.ts'

test('HIGH_VALUE_TRANSFER: an alert with every field, id from rule and transaction, phone numbers masked', () => {
  const h = new Harness(rulesWith({ HIGH_VALUE_TRANSFER: {} }, 3))
  const big = tx({ at: T0, amount: 150_000, fee: 108 })
  const alerts = h.detector.onTransaction(big, T0, T0 + 250)
  assert.deepEqual(alerts, [
    {
      alert_id: `HIGH_VALUE_TRANSFER:${big.transaction_id}`,
      rule_id: 'HIGH_VALUE_TRANSFER',
      rule_version: 3,
      typology: 'HIGH_VALUE_TRANSFER',
      severity: 'MEDIUM',
      score: 0.6,
      account: ALICE,
      transaction_ids: [big.transaction_id],
      event_time: '2026-11-10T09:00:00.000+03:00',
      detected_at: '2026-11-10T09:00:00.250+03:00',
      explanation:
        'SEND_MONEY of KES 150,000 from 2547****5678 to 2547****0111 at 09:00:00 EAT on 2026-11-10, at or above the high-value threshold of KES 100,000.'
    }
  ])
})

test('HIGH_VALUE_TRANSFER: failed attempts and business senders count, one shilling under the threshold does not', () => {
  const h = new Harness(rulesWith({ HIGH_VALUE_TRANSFER: {} }))
  h.send(tx({ at: T0, amount: 99_999, fee: 108 }))
  const failed = tx({ at: T0 + 1, amount: 120_000, fee: 108, status: 'FAILED' })
  h.send(failed)
  const payout = tx({ at: T0 + 2, transaction_type: 'B2C', amount: 100_000, fee: 0, sender: '654321', sender_type: 'BUSINESS' })
  h.send(payout)
  assert.deepEqual(h.alerts.map((a) => [a.alert_id, a.account]), [
    [`HIGH_VALUE_TRANSFER:${failed.transaction_id}`, ALICE],
    [`HIGH_VALUE_TRANSFER:${payout.transaction_id}`, '654321']
  ])
  assert.match(h.alerts[0]!.explanation, /\(failed attempt\)/)
})

test('HIGH_VALUE_TRANSFER: the threshold comes from the rules', () => {
  const h = new Harness(rulesWith({ HIGH_VALUE_TRANSFER: { threshold_kes: 5_000, statuses: ['SUCCESS'] } }))
  h.send(tx({ at: T0, amount: 5_000, fee: 57 }))
  h.send(tx({ at: T0 + 1, amount: 9_000, fee: 90, status: 'FAILED' }))
  assert.equal(h.alerts.length, 1)
})

test('VELOCITY_BURST: fires on the 5th transfer to 5 payees within the window, then stays quiet for the burst', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  const burst = Array.from({ length: 8 }, (_, i) => tx({ at: T0 + i * 10 * SECOND, receiver: customer(i + 1), amount: 300 + i }))
  const fired = burst.map((t) => h.send(t).length)
  assert.deepEqual(fired, [0, 0, 0, 0, 1, 0, 0, 0])
  const alert = h.alerts[0]!
  assert.equal(alert.alert_id, `VELOCITY_BURST:${burst[4]!.transaction_id}`)
  assert.equal(alert.severity, 'HIGH')
  assert.deepEqual(alert.transaction_ids, burst.slice(0, 5).map((t) => t.transaction_id))
  assert.equal(
    alert.explanation,
    '2547****5678 made 5 outgoing transactions to 5 different payees within 40 s (KES 1,510 moved), ending at 09:00:40 EAT on 2026-11-10; the rule fires at 5 within 3 min.'
  )
  assert.equal(h.detector.counters.fired.VELOCITY_BURST, 1)
  assert.equal(h.detector.counters.evaluated.VELOCITY_BURST, 8)
})

test('VELOCITY_BURST: failed attempts count; few payees or a slow pace do not fire', () => {
  const failing = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  for (let i = 0; i < 5; i++) failing.send(tx({ at: T0 + i * SECOND, receiver: customer(i), status: i > 1 ? 'FAILED' : 'SUCCESS' }))
  assert.equal(failing.alerts.length, 1)

  const fewPayees = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  for (let i = 0; i < 6; i++) fewPayees.send(tx({ at: T0 + i * SECOND, receiver: customer(i % 3) }))
  assert.equal(fewPayees.alerts.length, 0)

  const slow = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  for (let i = 0; i < 6; i++) slow.send(tx({ at: T0 + i * MINUTE, receiver: customer(i) }))
  assert.equal(slow.alerts.length, 0)
})

test('VELOCITY_BURST: a new burst after the cooldown fires again; another sender has its own state', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: { cooldown_minutes: 10 } }))
  for (let i = 0; i < 5; i++) h.send(tx({ at: T0 + i * SECOND, receiver: customer(i) }))
  for (let i = 0; i < 5; i++) h.send(tx({ at: T0 + 20 * MINUTE + i * SECOND, receiver: customer(10 + i) }))
  for (let i = 0; i < 5; i++) h.send(tx({ at: T0 + 20 * MINUTE + i * SECOND, sender: BOB, receiver: customer(20 + i) }))
  assert.deepEqual(h.alerts.map((a) => [a.account, a.event_time]), [
    [ALICE, formatEat(T0 + 4 * SECOND)],
    [ALICE, formatEat(T0 + 20 * MINUTE + 4 * SECOND)],
    [BOB, formatEat(T0 + 20 * MINUTE + 4 * SECOND)]
  ])
})
