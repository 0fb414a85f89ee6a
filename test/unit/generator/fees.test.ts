// Tests the fee lookup against the domain tariff for every whole amount and type, and the digit writers against String().

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { customerFee } from '../../../src/domain/tariff.ts'
import { TRANSACTION_TYPES } from '../../../src/domain/transaction-types.ts'
import { writeDecimal } from '../../../src/generator/ascii-words.ts'
import { feeFor } from '../../../src/generator/fees.ts'

test('feeFor equals customerFee for every type and every amount from 0 to 250,001', () => {
  TRANSACTION_TYPES.forEach((type, code) => {
    for (let amount = 0; amount <= 250_001; amount++) {
      if (feeFor(code, amount) !== customerFee(type, amount)) assert.fail(`${type} ${amount}`)
    }
  })
})

test('feeFor agrees with customerFee on amounts that are not whole shillings', () => {
  TRANSACTION_TYPES.forEach((type, code) => {
    for (const amount of [0.5, 1.5, 50.5, 100.25, 1_500.75, 249_999.5, 250_000.5]) assert.equal(feeFor(code, amount), customerFee(type, amount), `${type} ${amount}`)
  })
})

test('writeDecimal writes what String() writes', () => {
  const view = new DataView(new ArrayBuffer(32))
  const values = [0, 7, 10, 99, 100, 101, 999, 1_000, 9_999, 10_000, 12_345, 99_999, 100_000, 250_000, 1_000_000, 99_999_999, 100_000_000, 12.5]
  for (const value of values) {
    const end = writeDecimal(view, 3, value)
    assert.equal(Buffer.from(view.buffer, 3, end - 3).toString('latin1'), String(value))
  }
})
