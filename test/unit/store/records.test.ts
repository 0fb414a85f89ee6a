// Parsing what the sink consumes: valid alert and aggregate values pass, and each kind of bad record is named clearly.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseAggregateRecord, parseAlertRecord } from '../../../src/store/store.ts'
import { aggregateFixture, alertFixture, toBytes } from './fixtures.ts'

describe('alert records', () => {
  test('a detector alert parses to the same alert', () => {
    const alert = alertFixture(7)
    assert.deepEqual(parseAlertRecord(toBytes(alert)), { ok: true, value: alert })
  })

  test('unknown fields are dropped, so detectors can add fields', () => {
    const result = parseAlertRecord(toBytes({ ...alertFixture(7), model: 'v2' }))
    assert.ok(result.ok)
    assert.equal('model' in result.value, false)
  })

  test('each bad record gets its code and a message naming the field', () => {
    const cases: [Buffer | null, string, RegExp][] = [
      [null, 'EMPTY_VALUE', /alert: record value is empty/],
      [Buffer.from('{"alert_id":'), 'INVALID_JSON', /^alert: /],
      [Buffer.from([0xff, 0xfe]), 'INVALID_UTF8', /not valid UTF-8/],
      [Buffer.alloc(70_000, 0x20), 'RECORD_TOO_LARGE', /70000 bytes/],
      [toBytes({ ...alertFixture(1), severity: 'URGENT' }), 'SCHEMA_VIOLATION', /^alert: severity: /],
      [toBytes({ ...alertFixture(1), event_time: '2026-11-29T14:03:05Z' }), 'SCHEMA_VIOLATION', /event_time: must be ISO-8601 EAT/],
      [toBytes({ ...alertFixture(1), event_time: '2026-02-30T14:03:05.123+03:00' }), 'SCHEMA_VIOLATION', /not a real calendar date/],
      [toBytes({ alert_id: 'x' }), 'SCHEMA_VIOLATION', /\(\+9 more\)/],
      [toBytes([1, 2]), 'SCHEMA_VIOLATION', /\(record\)/]
    ]
    for (const [bytes, code, message] of cases) {
      const result = parseAlertRecord(bytes)
      assert.equal(result.ok, false)
      if (!result.ok) {
        assert.equal(result.code, code)
        assert.match(result.message, message)
      }
    }
  })

  test('phone numbers in error messages are masked', () => {
    const result = parseAlertRecord(Buffer.from('account 254712345678'))
    assert.ok(!result.ok)
    assert.match(result.message, /2547\*\*\*\*5678/)
  })
})

describe('aggregate records', () => {
  test('rows with and without a transaction type parse', () => {
    const plain = aggregateFixture()
    const typed = aggregateFixture({ window: 'hourly_market_type', transaction_type: 'PAYBILL', emit: 'FINAL' })
    assert.deepEqual(parseAggregateRecord(toBytes(plain)), { ok: true, value: plain })
    assert.deepEqual(parseAggregateRecord(toBytes(typed)), { ok: true, value: typed })
  })

  test('impossible rows are refused with the reason', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...aggregateFixture(), market: 'Atlantis' }, /^aggregate: market: /],
      [{ ...aggregateFixture(), emit: 'LATE' }, /emit: /],
      [{ ...aggregateFixture(), count: -1 }, /count: /],
      [{ ...aggregateFixture(), count: 1.5 }, /count: /],
      [{ ...aggregateFixture(), failed_count: 11 }, /failed_count: must not exceed count/],
      [{ ...aggregateFixture(), window_end: '2026-11-29T13:00:00.000+03:00' }, /window_end: must be after window_start/],
      [{ ...aggregateFixture(), transaction_type: 'BARTER' }, /transaction_type: /],
      [{ ...aggregateFixture(), partition: undefined }, /partition: /]
    ]
    for (const [value, message] of cases) {
      const result = parseAggregateRecord(toBytes(value))
      assert.ok(!result.ok, message.source)
      assert.equal(result.code, 'SCHEMA_VIOLATION')
      assert.match(result.message, message)
    }
  })
})
