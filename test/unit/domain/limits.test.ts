// Tests the wallet limit verdicts: per transaction, daily debits, balance and maximum balance.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LIMITS, creditVerdict, debitVerdict } from '../../../src/domain/limits.ts'

test('limits are the Sept 2023 figures', () => {
  assert.deepEqual({ ...LIMITS }, { maxPerTransaction: 250_000, maxDailyDebits: 500_000, maxBalance: 500_000, minAgentWithdrawal: 50 })
})

test('debit verdicts', () => {
  assert.equal(debitVerdict(1_000, 13, 1_013, 0), 'OK')
  assert.equal(debitVerdict(1_000, 13, 1_012, 0), 'INSUFFICIENT_BALANCE')
  assert.equal(debitVerdict(250_001, 108, 500_000, 0), 'OVER_TRANSACTION_LIMIT')
  assert.equal(debitVerdict(200_000, 108, 500_000, 300_001), 'OVER_DAILY_LIMIT')
  assert.equal(debitVerdict(200_000, 108, 500_000, 300_000), 'OK')
})

test('credit verdicts', () => {
  assert.equal(creditVerdict(100_000, 400_000), 'OK')
  assert.equal(creditVerdict(100_001, 400_000), 'OVER_BALANCE_LIMIT')
  assert.equal(creditVerdict(250_001, 0), 'OVER_TRANSACTION_LIMIT')
})
