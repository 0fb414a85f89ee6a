// The patched record-batch encoder of @platformatic/kafka (patches/): records written into one pre-sized buffer must
// read back exactly through the client's own decoder, for every field shape the wire format allows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Reader, createRecordsBatch, readRecordsBatch } from '@platformatic/kafka'
import type { CompressionAlgorithmValue, KafkaRecord, MessageRecord } from '@platformatic/kafka'

interface Sent { key: Buffer | null; value: Buffer | null; headers?: Map<Buffer, Buffer>; timestamp: bigint }

const BASE = 1_764_460_000_000n
const messages = (): Sent[] => [
  { key: Buffer.from('254712345678'), value: Buffer.from('{"amount":1500}'), timestamp: BASE },
  { key: null, value: Buffer.alloc(0), timestamp: BASE - 2_500n },
  { key: Buffer.alloc(0), value: null, timestamp: BASE + 86_400_000n },
  { key: Buffer.from('k'), value: Buffer.alloc(20_000, 7), headers: new Map([[Buffer.from('error.code'), Buffer.from('SCHEMA_INVALID')], [Buffer.from('empty'), Buffer.alloc(0)]]), timestamp: BASE + 1n }
]

function roundTrip (compression: CompressionAlgorithmValue): void {
  const sent = messages()
  // Null keys and values (tombstones) are valid on the wire though the client's type does not list them.
  const batch = createRecordsBatch(sent.map((m) => ({ ...m, topic: 't', partition: 0 })) as unknown as MessageRecord[], { compression, producerId: 5n, producerEpoch: 1 })
  const read = readRecordsBatch(Reader.from(batch.buffer))
  assert.equal(read.records.length, sent.length)
  assert.equal(read.lastOffsetDelta, sent.length - 1)
  assert.equal(read.firstTimestamp, BASE)
  assert.equal(read.maxTimestamp, BASE + 86_400_000n)
  read.records.forEach((record: KafkaRecord, i: number) => {
    const expected = sent[i]!
    assert.equal(record.offsetDelta, i)
    assert.equal(read.firstTimestamp + BigInt(record.timestampDelta), expected.timestamp)
    assert.deepEqual(record.key === null ? null : Buffer.from(record.key), expected.key)
    assert.deepEqual(record.value === null ? null : Buffer.from(record.value), expected.value)
    assert.deepEqual(record.headers.map(([k, v]) => [String(k), String(v)]), [...(expected.headers ?? new Map<Buffer, Buffer>())].map(([k, v]) => [k.toString(), v.toString()]))
  })
}

for (const compression of ['none', 'lz4', 'zstd', 'gzip'] as const) {
  test(`a batch encoded with ${compression} reads back exactly: null and empty keys and values, headers, varint lengths, negative time deltas`, () => {
    roundTrip(compression)
  })
}
