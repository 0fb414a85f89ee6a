// Batch order: per topic in offset order, interleaved across a partition's topics by timestamp.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { interleaveByTime } from '../../../src/engine/record-order.ts'
import type { IncomingRecord } from '../../../src/engine/records.ts'

const record = (topic: string, partition: number, offset: number, timestamp: number): IncomingRecord =>
  ({ topic, partition, offset: BigInt(offset), timestamp, key: null, value: null, headers: new Map() })
const label = (r: IncomingRecord): string => `${r.topic}${r.partition}@${r.offset}`

test('a later-fetched topic\'s earlier event comes first; each topic keeps its offset order, even out of time order', () => {
  const batch = [record('tx', 0, 5, 1000), record('tx', 0, 6, 900), record('tx', 0, 7, 3000), record('ev', 0, 1, 950), record('tx', 1, 2, 10)]
  assert.deepEqual(interleaveByTime(batch).map(label), ['ev0@1', 'tx0@5', 'tx0@6', 'tx0@7', 'tx1@2'])
})

test('one topic alone is returned as it came', () => {
  const batch = [record('tx', 0, 1, 5), record('tx', 0, 2, 1)]
  assert.deepEqual(interleaveByTime(batch).map(label), ['tx0@1', 'tx0@2'])
})
