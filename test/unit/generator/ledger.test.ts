// Tests the ledger: forced limit breaches give FAILED and leave wallets untouched; successes move money and fees.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TxDraft } from '../../../src/generator/draft.ts'
import { Ledger } from '../../../src/generator/ledger.ts'
import { Population } from '../../../src/generator/population.ts'
import { Rng } from '../../../src/generator/rng.ts'

const AT = Date.parse('2026-11-10T10:00:00.000+03:00')

function setup(): { pop: Population; ledger: Ledger } {
  const pop = new Population({ accounts: 100, mulePool: 10, agents: 60, tills: 60, paybills: 10, employers: 5 }, AT, new Rng(4))
  return { pop, ledger: new Ledger(pop) }
}

test('a transfer moves value and fee, and counts toward the day', () => {
  const { pop, ledger } = setup()
  pop.wallets.setBalance(1, 10_000)
  pop.wallets.setBalance(2, 0)
  const draft = new TxDraft().reset('SEND_MONEY', 1_000, 0, 'APP').fromCustomer(1).toCustomer(2)
  assert.equal(ledger.settle(draft, 13, AT), 'SUCCESS')
  assert.deepEqual([pop.wallets.balance(1), pop.wallets.balance(2), ledger.debitedToday(1, AT)], [8_987, 1_000, 1_000])
})

test('forced breaches fail and change nothing', () => {
  const { pop, ledger } = setup()
  pop.wallets.setBalance(1, 500)
  const send = new TxDraft().reset('SEND_MONEY', 1_000, 0, 'APP').fromCustomer(1).toCustomer(2)
  assert.equal(ledger.settle(send, 13, AT), 'FAILED')
  assert.equal(ledger.lastVerdict, 'INSUFFICIENT_BALANCE')
  assert.equal(pop.wallets.balance(1), 500)

  pop.wallets.setBalance(3, 400_000)
  pop.wallets.setBalance(4, 450_000)
  const toFull = new TxDraft().reset('SEND_MONEY', 100_000, 0, 'APP').fromCustomer(3).toCustomer(4)
  assert.equal(ledger.settle(toFull, 108, AT), 'FAILED')
  assert.equal(ledger.lastVerdict, 'OVER_BALANCE_LIMIT')

  pop.wallets.setBalance(5, 500_000)
  pop.wallets.setBalance(6, 0)
  const big = (amount: number): TxDraft => new TxDraft().reset('SEND_MONEY', amount, 0, 'APP').fromCustomer(5).toCustomer(6)
  assert.equal(ledger.settle(big(250_000), 108, AT), 'SUCCESS')
  pop.wallets.setBalance(6, 0)
  pop.wallets.setBalance(5, 500_000)
  assert.equal(ledger.settle(big(250_001), 108, AT), 'FAILED')
  assert.equal(ledger.lastVerdict, 'OVER_TRANSACTION_LIMIT')
  assert.equal(ledger.settle(big(250_000), 108, AT), 'SUCCESS')
  pop.wallets.setBalance(6, 0)
  assert.equal(ledger.settle(big(1), 0, AT), 'FAILED')
  assert.equal(ledger.lastVerdict, 'OVER_DAILY_LIMIT')
  // The next EAT day the limit has reset.
  assert.equal(ledger.settle(big(1), 0, AT + 86_400_000), 'SUCCESS')
})

test('reversal takes the money back from the receiver', () => {
  const { pop, ledger } = setup()
  pop.wallets.setBalance(7, 100)
  pop.wallets.setBalance(8, 2_000)
  const reversal = new TxDraft().reset('REVERSAL', 1_500, 0, 'USSD').fromCustomer(7).toCustomer(8)
  reversal.reverses = 'UKA0000001'
  assert.equal(ledger.settle(reversal, 0, AT), 'SUCCESS')
  assert.deepEqual([pop.wallets.balance(7), pop.wallets.balance(8)], [1_600, 500])
  assert.equal(ledger.settle(reversal, 0, AT), 'FAILED')
})
