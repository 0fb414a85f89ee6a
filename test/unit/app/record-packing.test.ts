// Packing records for the producer threads loses nothing: topic, partition, time, key and value bytes come back equal.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { packRecords, unpackRecords } from '../../../src/app/record-packing.ts'
import type { GeneratedRecord } from '../../../src/generator/generator.ts'

test('records round-trip through a packed buffer, including empty and non-UTF-8 values', () => {
  const records: GeneratedRecord[] = [
    { topic: 'transactions', key: '254712345678', value: Buffer.from('{"a":1}'), timestamp: 1_795_000_000_123 },
    { topic: 'account-events', key: '254110000001', value: Buffer.alloc(0), timestamp: 1_795_000_000_124 },
    { topic: 'transactions', key: 'poison-7', value: Buffer.from([0xff, 0xfe, 0x00]), timestamp: 1_795_000_000_125 }
  ]
  const back = unpackRecords(packRecords(records, [2, 0, 1]))
  assert.deepEqual(back.map((r) => [r.topic, r.partition, r.timestamp, r.key.toString('latin1'), r.value.toString('hex')]), [
    ['transactions', 2, 1_795_000_000_123, '254712345678', Buffer.from('{"a":1}').toString('hex')],
    ['account-events', 0, 1_795_000_000_124, '254110000001', ''],
    ['transactions', 1, 1_795_000_000_125, 'poison-7', 'fffe00']
  ])
})
