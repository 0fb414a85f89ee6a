// Tests poison records: each kind fails parsing with its expected code, and the failing records are exactly the labelled ones.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { POISON_EXPECTED_CODE, POISON_KINDS } from '../../../src/domain/labels.ts'
import type { PoisonLabel } from '../../../src/domain/labels.ts'
import { MAX_RECORD_BYTES, parseTransaction } from '../../../src/domain/parse.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { ONE_MB_RECORD_BYTES, poisonValue } from '../../../src/generator/poison.ts'
import { Rng } from '../../../src/generator/rng.ts'
import { START } from './stream-fixture.ts'

const VALID =
  '{"schema_version":1,"transaction_id":"UKA4ZQ81XM","transaction_type":"DEPOSIT","timestamp":"2026-11-10T09:00:00.000+03:00",' +
  '"amount":1500,"fee":0,"currency":"KES","sender":"123456","receiver":"254712345678","sender_type":"AGENT",' +
  '"receiver_type":"CUSTOMER","market":"Nairobi","channel":"AGENT","status":"SUCCESS"}'

describe('poison values', () => {
  test('the template is valid, and every kind fails with its expected code', () => {
    assert.ok(parseTransaction(Buffer.from(VALID)).ok)
    const rng = new Rng(9)
    for (const kind of POISON_KINDS) {
      for (let i = 0; i < 200; i++) {
        const result = parseTransaction(poisonValue(kind, VALID, rng))
        assert.equal(result.ok ? 'OK' : result.code, POISON_EXPECTED_CODE[kind], kind)
      }
    }
  })

  test('ONE_MB_RECORD is about a megabyte, far over the parser limit', () => {
    const value = poisonValue('ONE_MB_RECORD', VALID, new Rng(1))
    assert.equal(value.length, ONE_MB_RECORD_BYTES)
    assert.ok(value.length > MAX_RECORD_BYTES)
  })
})

describe('poison in the stream', () => {
  test('records failing parseTransaction are exactly the poison labels, by key', () => {
    const generator = createGenerator({
      seed: 77,
      accounts: 5_000,
      poisonRate: 0.01,
      fraudRate: 0.005,
      time: { mode: 'simulated', start: START, days: 1, count: 20_000 }
    })
    const failing = new Map<string, string>()
    for (const record of generator) {
      if (record.topic !== 'transactions') continue
      const result = parseTransaction(record.value)
      if (!result.ok) failing.set(record.key, result.code)
      else assert.doesNotMatch(record.key, /^poison-/)
    }
    const labels = generator.takeLabels().filter((l): l is PoisonLabel => l.kind === 'poison')
    assert.ok(labels.length > 100)
    assert.equal(failing.size, labels.length)
    for (const label of labels) assert.equal(failing.get(label.poison_id), label.expected_code, label.poison_id)
    const stats = generator.stats()
    assert.equal(stats.poisonRecords, labels.length)
    for (const kind of POISON_KINDS) assert.equal(stats.poisonByKind[kind], labels.filter((l) => l.poison_kind === kind).length)
  })
})
