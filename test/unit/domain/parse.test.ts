// Tests the byte-level parsers: each error code, the size limit, and masked error messages.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_RECORD_BYTES, parseAccountEvent, parseTransaction } from '../../../src/domain/parse.ts'
import { VALID_TRANSACTION } from './fixtures.ts'

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

test('a valid record parses to the typed value', () => {
  const result = parseTransaction(bytes(VALID_TRANSACTION))
  assert.ok(result.ok)
  assert.deepEqual(result.value, VALID_TRANSACTION)
})

test('each failure has its code', () => {
  const code = (value: Uint8Array | null | undefined): string => {
    const result = parseTransaction(value)
    return result.ok ? 'OK' : result.code
  }
  assert.equal(code(Buffer.alloc(0)), 'EMPTY_VALUE')
  assert.equal(code(null), 'EMPTY_VALUE')
  assert.equal(code(undefined), 'EMPTY_VALUE')
  assert.equal(code(Buffer.alloc(MAX_RECORD_BYTES + 1, 32)), 'RECORD_TOO_LARGE')
  assert.equal(code(Buffer.from([0x7b, 0xff, 0x7d])), 'INVALID_UTF8')
  assert.equal(code(Buffer.from([0xed, 0xa0, 0x80])), 'INVALID_UTF8')
  assert.equal(code(Buffer.from('{"schema_version":1,')), 'INVALID_JSON')
  assert.equal(code(bytes({ ...VALID_TRANSACTION, amount: -1 })), 'SCHEMA_VIOLATION')
  assert.equal(code(new Uint8Array(bytes(VALID_TRANSACTION))), 'OK')
})

test('messages name the field and never show a full phone number', () => {
  const result = parseTransaction(bytes({ ...VALID_TRANSACTION, sender: '254733123456', extra: '254712345678' }))
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.match(result.message, /sender|extra|record/)
  assert.doesNotMatch(result.message, /254\d{9}/)
})

test('account events parse with the same codes', () => {
  const event = { event_id: 'AEUKT0000001', msisdn: '254712345678', event_type: 'PIN_RESET', timestamp: '2026-11-29T14:03:07.123+03:00', market: 'Kisumu' }
  assert.ok(parseAccountEvent(bytes(event)).ok)
  const bad = parseAccountEvent(bytes({ ...event, msisdn: 12 }))
  assert.equal(bad.ok ? 'OK' : bad.code, 'SCHEMA_VIOLATION')
})
