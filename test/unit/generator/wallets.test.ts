// Tests the packed wallet slots: fields round-trip independently and daily debits reset with the day.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MSISDN_NUMBER_COUNT } from '../../../src/generator/msisdn-numbers.ts'
import { Wallets } from '../../../src/generator/wallets.ts'

test('identity, balance and last activity round-trip without disturbing each other', () => {
  const wallets = new Wallets(3)
  wallets.setIdentity(1, 46, MSISDN_NUMBER_COUNT - 1)
  wallets.setBalance(1, 500_000)
  wallets.setLastActive(1, 4_000_000_000)
  wallets.addDebit(1, 20_402, 499_999)
  assert.deepEqual(
    [wallets.county(1), wallets.msisdnNumber(1), wallets.balance(1), wallets.lastActive(1), wallets.debitedOn(1, 20_402)],
    [46, MSISDN_NUMBER_COUNT - 1, 500_000, 4_000_000_000, 499_999]
  )
  assert.deepEqual([wallets.county(0), wallets.balance(2), wallets.lastActive(2)], [0, 0, 0])
  assert.throws(() => wallets.setIdentity(0, 64, 1))
})

test('debits accumulate within an EAT day and start from zero on another', () => {
  const wallets = new Wallets(1)
  wallets.addDebit(0, 20_400, 1_000)
  wallets.addDebit(0, 20_400, 2_500)
  assert.equal(wallets.debitedOn(0, 20_400), 3_500)
  assert.equal(wallets.debitedOn(0, 20_401), 0)
  wallets.addDebit(0, 20_401, 700)
  assert.deepEqual([wallets.debitedOn(0, 20_401), wallets.debitedOn(0, 20_400)], [700, 0])
})
