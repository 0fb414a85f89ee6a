// Tests AMOUNT_ANOMALY: the account's own level, funded vs unfunded thresholds, failed attempts, a funding credit arriving late, and deference to other rules.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Transaction } from '../../../src/domain/schema.ts'
import { ALICE, HOUR, Harness, MINUTE, T0, customer, rulesWith, tx } from './fixtures.ts'

const RULES = { AMOUNT_ANOMALY: {} }

function credit(at: number, amount: number): Transaction {
  return tx({ at, transaction_type: 'B2C', sender: '654321', sender_type: 'BUSINESS', receiver: ALICE, amount, fee: 0 })
}

/** An account that sends about 500 a day to four usual payees for 20 days; returns when the history ends. */
function withHistory(h: Harness): number {
  return h.history(ALICE, 20, 500, T0)
}

test('unfunded: about 30 times the typical transfer to a first-time payee fires; 20 times does not', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  h.send(tx({ at, receiver: customer(1), amount: 10_000, fee: 90 }))
  const big = tx({ at: at + HOUR, receiver: customer(2), amount: 16_000, fee: 105 })
  h.send(big)
  assert.deepEqual(h.ids('AMOUNT_ANOMALY'), [`AMOUNT_ANOMALY:${big.transaction_id}`])
  assert.equal(
    h.alerts[0]!.explanation,
    '2547****5678 sent KES 16,000 by SEND_MONEY to a first-time payee 2547****0002 at 10:00:00 EAT on 2026-11-30, 27 times its typical amount ' +
      '(rule: 10 times when funded by a recent business credit, 25 without).'
  )
})

test('funded: 20 times the typical transfer, an hour after a business credit that covered it, fires with the credit as evidence', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  const loan = credit(at, 9_000)
  h.send(loan)
  assert.equal(h.deliver().length, 0)
  const transfer = tx({ at: at + HOUR, receiver: customer(1), amount: 10_000, fee: 90 })
  assert.equal(h.send(transfer).length, 1)
  assert.deepEqual(h.alerts[0]!.transaction_ids, [loan.transaction_id, transfer.transaction_id])
  assert.match(h.alerts[0]!.explanation, / 60 min after a business credit \(loan or payout\) of KES 9,000, 20 times its typical amount/)
})

test('a funding credit that reaches the task after the transfer still raises the alert, named after the transfer', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  const loan = credit(at, 9_000)
  h.send(loan)
  const transfer = tx({ at: at + HOUR, receiver: customer(1), amount: 10_000, fee: 90 })
  assert.equal(h.send(transfer).length, 0)
  const late = h.deliver()
  assert.deepEqual(late.map((a) => [a.alert_id, a.event_time]), [[`AMOUNT_ANOMALY:${transfer.transaction_id}`, transfer.timestamp]])
  assert.deepEqual(late[0]!.transaction_ids, [loan.transaction_id, transfer.transaction_id])
  assert.equal(h.detector.onInflow({ ...h.detector.inflowOf(loan)!, transaction_id: 'UKA9999999' }, at).length, 0, 'fires once')
})

test('no history, a usual payee, or an amount owned by another rule: no anomaly', () => {
  const fresh = new Harness(rulesWith(RULES))
  fresh.send(tx({ at: T0, receiver: customer(1), amount: 60_000, fee: 108 }))
  assert.equal(fresh.alerts.length, 0)

  const usual = new Harness(rulesWith(RULES))
  const at = withHistory(usual)
  usual.send(tx({ at, receiver: customer(900_001), amount: 20_000, fee: 105 }))
  assert.equal(usual.alerts.length, 0)

  const owned = new Harness(rulesWith({ ...RULES, HIGH_VALUE_TRANSFER: {}, STRUCTURING: {} }))
  const at2 = withHistory(owned)
  owned.send(tx({ at: at2, receiver: customer(1), amount: 120_000, fee: 108 }))
  owned.send(tx({ at: at2 + 30 * MINUTE, receiver: customer(2), amount: 49_500, fee: 108 }))
  assert.deepEqual(owned.alerts.map((a) => a.rule_id), ['HIGH_VALUE_TRANSFER'])
})

test('an outflow that raised an alert does not teach the account its level', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  h.send(tx({ at, receiver: customer(1), amount: 20_000, fee: 105 }))
  h.send(tx({ at: at + 2 * 24 * HOUR, receiver: customer(2), amount: 20_000, fee: 105 }))
  assert.equal(h.ids('AMOUNT_ANOMALY').length, 2)
})

test('a failed attempt counts only when a business credit funded it', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  h.send(tx({ at, receiver: customer(1), amount: 20_000, fee: 105, status: 'FAILED' }))
  assert.equal(h.alerts.length, 0, 'unfunded: a customer trying to send more than the wallet holds')
  const loan = credit(at + HOUR, 9_000)
  h.send(loan)
  h.deliver()
  const attempt = tx({ at: at + 2 * HOUR, receiver: customer(2), amount: 10_000, fee: 90, status: 'FAILED' })
  h.send(attempt)
  assert.deepEqual(h.ids('AMOUNT_ANOMALY'), [`AMOUNT_ANOMALY:${attempt.transaction_id}`])
  assert.match(h.alerts[0]!.explanation, /sent KES 10,000 \(failed\) by SEND_MONEY/)
})

test('a funded transfer is reported within the cooldown of an earlier alert; an unfunded one is not', () => {
  const h = new Harness(rulesWith(RULES))
  const at = withHistory(h)
  h.send(tx({ at, receiver: customer(1), amount: 20_000, fee: 105 }))
  h.send(tx({ at: at + HOUR, receiver: customer(2), amount: 20_000, fee: 105 }))
  assert.equal(h.ids('AMOUNT_ANOMALY').length, 1)
  h.send(credit(at + 2 * HOUR, 9_000))
  h.deliver()
  const funded = tx({ at: at + 3 * HOUR, receiver: customer(3), amount: 15_000, fee: 105 })
  h.send(funded)
  assert.deepEqual(h.ids('AMOUNT_ANOMALY').slice(1), [`AMOUNT_ANOMALY:${funded.transaction_id}`])
})

test('just under a structuring edge: reported once the structuring window has passed without a split, not when STRUCTURING fired', () => {
  const rules = rulesWith({ ...RULES, STRUCTURING: {} })
  const alone = new Harness(rules)
  const at = withHistory(alone)
  const edge = tx({ at, receiver: customer(1), amount: 49_500, fee: 108 })
  alone.send(edge)
  alone.send(tx({ at: at + 23 * HOUR, receiver: customer(900_001), amount: 500 }))
  assert.equal(alone.alerts.length, 0, 'left to STRUCTURING within its window')
  const later = alone.send(tx({ at: at + 25 * HOUR, receiver: customer(900_002), amount: 500 }))
  assert.deepEqual(later.map((a) => [a.alert_id, a.event_time, a.transaction_ids]), [[`AMOUNT_ANOMALY:${edge.transaction_id}`, edge.timestamp, [edge.transaction_id]]])
  assert.match(later[0]!.explanation, /just under a limit or band edge but not followed by a split within 24 h, \d+ times its typical amount/)

  const split = new Harness(rules)
  const at2 = withHistory(split)
  for (let i = 0; i < 3; i++) split.send(tx({ at: at2 + i * HOUR, receiver: customer(10 + i), amount: 49_000 + i * 100, fee: 108 }))
  split.send(tx({ at: at2 + 30 * HOUR, receiver: customer(900_001), amount: 500 }))
  assert.deepEqual(split.alerts.map((a) => a.rule_id), ['STRUCTURING'])
})
