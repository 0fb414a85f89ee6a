// Tests receipt and account-event ids: format, date prefix, uniqueness and the byte writer.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isReceiptId, receiptMatchesInstant } from '../../../src/domain/receipt.ts'
import { AccountEventIdFactory, ReceiptIdFactory, writeReceipt } from '../../../src/generator/ids.ts'

test('receipt ids are well-formed, dated in EAT, unique over 300,000 and written identically as bytes', () => {
  const ids = new ReceiptIdFactory(42)
  const seen = new Set<string>()
  const bytes = new Uint8Array(16)
  let t = Date.parse('2026-11-29T20:00:00.000Z')
  for (let i = 0; i < 300_000; i++) {
    t += 97
    ids.advance(t)
    const id = ids.text()
    if (i % 1000 === 0) {
      assert.ok(isReceiptId(id) && receiptMatchesInstant(id, t), id)
      writeReceipt(bytes, 2, ids.prefix, ids.high, ids.low)
      assert.equal(Buffer.from(bytes.subarray(2, 12)).toString('latin1'), id)
    }
    seen.add(id.slice(3))
  }
  assert.equal(seen.size, 300_000)
  assert.equal(ids.issued, 300_000)
})

test('the same key repeats the sequence, another key does not', () => {
  const t = Date.parse('2026-11-10T12:00:00.000+03:00')
  const run = (key: number): string[] => {
    const ids = new ReceiptIdFactory(key)
    return Array.from({ length: 50 }, () => ids.next(t))
  }
  assert.deepEqual(run(1), run(1))
  assert.notDeepEqual(run(1), run(2))
})

test('account event ids are AE + 10 receipt characters', () => {
  const id = new AccountEventIdFactory(7).next(Date.parse('2026-11-10T12:00:00.000+03:00'))
  assert.match(id, /^AEUKA[A-Z0-9]{7}$/)
})
