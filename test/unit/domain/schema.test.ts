// Tests the wire schema: a valid record passes, and every kind of bad field named in the contract is rejected.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { AccountEventSchema, TransactionSchema } from '../../../src/domain/schema.ts'
import { VALID_TRANSACTION } from './fixtures.ts'

const withField = (field: string, value: unknown): Record<string, unknown> => ({ ...VALID_TRANSACTION, [field]: value })
const without = (field: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...VALID_TRANSACTION }
  delete copy[field]
  return copy
}

describe('TransactionSchema', () => {
  test('accepts a valid transaction, business parties and a reversal', () => {
    assert.ok(TransactionSchema.safeParse(VALID_TRANSACTION).success)
    const withdraw = { ...VALID_TRANSACTION, transaction_type: 'WITHDRAW', receiver: '123456', receiver_type: 'AGENT', channel: 'AGENT' }
    assert.ok(TransactionSchema.safeParse(withdraw).success)
    const reversal = { ...VALID_TRANSACTION, transaction_type: 'REVERSAL', fee: 0, reverses: 'UKS0000001' }
    assert.ok(TransactionSchema.safeParse(reversal).success)
  })

  const rejected: [string, Record<string, unknown>][] = [
    ['amount as string', withField('amount', '1500')],
    ['schema_version as string', withField('schema_version', '1')],
    ['status as boolean', withField('status', true)],
    ['missing amount', without('amount')],
    ['missing sender', without('sender')],
    ['missing timestamp', without('timestamp')],
    ['Airtel sender', withField('sender', '254733123456')],
    ['local-format sender', withField('sender', '0712345678')],
    ['11-digit receiver', withField('receiver', '25471234567')],
    ['negative amount', withField('amount', -5)],
    ['zero amount', withField('amount', 0)],
    ['oversized amount', withField('amount', 250_001)],
    ['fractional amount', withField('amount', 100.5)],
    ['negative fee', withField('fee', -1)],
    ['unknown county', withField('market', 'Muranga')],
    ['UTC timestamp', withField('timestamp', '2026-11-29T11:03:07.123Z')],
    ['timestamp without millis', withField('timestamp', '2026-11-29T14:03:07+03:00')],
    ['30 February', withField('timestamp', '2026-02-30T14:03:07.123+03:00')],
    ['short receipt id', withField('transaction_id', 'UKT4ZQ81X')],
    ['lower-case receipt id', withField('transaction_id', 'ukt4zq81xm')],
    ['month letter past L', withField('transaction_id', 'UMT4ZQ81XM')],
    ['unknown type', withField('transaction_type', 'LOAN')],
    ['other currency', withField('currency', 'USD')],
    ['reverses on a transfer', withField('reverses', 'UKS0000001')],
    ['reversal without reverses', withField('transaction_type', 'REVERSAL')],
    ['customer given a shortcode', withField('sender', '888880')],
    ['agent given an MSISDN', { ...VALID_TRANSACTION, receiver_type: 'AGENT' }],
    ['not an object', { 0: 'x' }]
  ]
  for (const [name, record] of rejected) {
    test(`rejects ${name}`, () => assert.equal(TransactionSchema.safeParse(record).success, false))
  }
  test('accepts extra fields, as the wire contract allows', () => {
    assert.equal(TransactionSchema.safeParse({ ...VALID_TRANSACTION, note: 'added by another tool' }).success, true)
    assert.equal(AccountEventSchema.safeParse({ event_id: 'AEUKT0000001', msisdn: '254712345678', event_type: 'SIM_SWAP', timestamp: '2026-11-29T14:03:07.123+03:00', market: 'Nairobi', extra: 1 }).success, true)
  })
  test('rejects non-objects', () => {
    for (const value of [null, 42, 'x', [VALID_TRANSACTION]]) assert.equal(TransactionSchema.safeParse(value).success, false)
  })
})

describe('AccountEventSchema', () => {
  const valid = { event_id: 'AEUKT0000001', msisdn: '254712345678', event_type: 'SIM_SWAP', timestamp: '2026-11-29T14:03:07.123+03:00', market: 'Nairobi' }
  test('accepts a valid event and rejects bad ones', () => {
    assert.ok(AccountEventSchema.safeParse(valid).success)
    for (const bad of [
      { ...valid, msisdn: '254733123456' },
      { ...valid, event_type: 'LOGIN' },
      { ...valid, market: 'Atlantis' },
      { ...valid, event_id: 'x' },
      { ...valid, timestamp: '2026-11-29' }
    ]) {
      assert.equal(AccountEventSchema.safeParse(bad).success, false, JSON.stringify(bad))
    }
  })
})
