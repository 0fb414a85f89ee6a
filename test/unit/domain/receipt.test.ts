// Tests receipt ids: format and the date encoding inferred from public samples.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeReceiptDate, isReceiptId, receiptDatePrefix, receiptMatchesInstant } from '../../../src/domain/receipt.ts'

test('date prefixes match dated public samples', () => {
  assert.equal(receiptDatePrefix(2017, 7, 27), 'LGR') // LGR219G3EY
  assert.equal(receiptDatePrefix(2020, 5, 11), 'OEB') // OEB44R5U3U
  assert.equal(receiptDatePrefix(2023, 9, 25), 'RIP')
  assert.equal(receiptDatePrefix(2026, 1, 1), 'UA1')
  assert.equal(receiptDatePrefix(2026, 12, 31), 'ULV')
})

test('format and decoding', () => {
  assert.ok(isReceiptId('LGR219G3EY') && isReceiptId('OEB44R5U3U'))
  for (const bad of ['LGR219G3E', 'lGR219G3EY', 'LMR219G3EY', 'LGW219G3EY', 'LG0219G3EY', 'LGR219G3E-']) assert.equal(isReceiptId(bad), false, bad)
  assert.deepEqual(decodeReceiptDate('LGR219G3EY', 2018), { year: 2017, month: 7, day: 27 })
  assert.deepEqual(decodeReceiptDate('UKT0000000', 2026), { year: 2026, month: 11, day: 29 })
})

test('the EAT date decides, not the UTC date', () => {
  // 22:30 UTC on 28 Nov is 01:30 EAT on 29 Nov.
  const instant = Date.parse('2026-11-28T22:30:00Z')
  assert.ok(receiptMatchesInstant('UKT1234567', instant))
  assert.equal(receiptMatchesInstant('UKS1234567', instant), false)
})
