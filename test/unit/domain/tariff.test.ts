// Tests the 2023 customer tariff table and the fee rule per transaction type.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { TARIFF_BANDS, customerFee, sendMoneyFee, tariffBandIndex, withdrawFee } from '../../../src/domain/tariff.ts'

describe('tariff', () => {
  test('bands are contiguous from 1 to 250,000', () => {
    assert.equal(TARIFF_BANDS[0]!.from, 1)
    assert.equal(TARIFF_BANDS.at(-1)!.to, 250_000)
    for (let i = 1; i < TARIFF_BANDS.length; i++) assert.equal(TARIFF_BANDS[i]!.from, TARIFF_BANDS[i - 1]!.to + 1)
  })

  test('fees at band edges', () => {
    const cases: [number, number, number][] = [
      [1, 0, 0],
      [49, 0, 0],
      [50, 0, 11],
      [100, 0, 11],
      [101, 7, 29],
      [1_000, 13, 29],
      [1_001, 23, 29],
      [2_501, 53, 52],
      [5_000, 57, 69],
      [10_000, 90, 115],
      [35_000, 108, 197],
      [35_001, 108, 278],
      [50_001, 108, 309],
      [250_000, 108, 309]
    ]
    for (const [amount, send, withdraw] of cases) {
      assert.equal(sendMoneyFee(amount), send, `send ${amount}`)
      assert.equal(withdrawFee(amount), withdraw, `withdraw ${amount}`)
    }
    assert.equal(tariffBandIndex(0), -1)
    assert.equal(tariffBandIndex(250_001), -1)
  })

  test('only send money and withdrawals cost the customer', () => {
    assert.equal(customerFee('SEND_MONEY', 1_200), 23)
    assert.equal(customerFee('WITHDRAW', 1_200), 29)
    for (const type of ['DEPOSIT', 'AIRTIME', 'BUY_GOODS', 'PAYBILL', 'B2C', 'REVERSAL'] as const) {
      assert.equal(customerFee(type, 1_200), 0, type)
    }
  })
})
