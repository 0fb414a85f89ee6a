import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compatibilityPartitioner } from '@platformatic/kafka'
import { javaCompatiblePartitioner, murmur2, partitionForKey } from '../../../src/kafka/partitioner.ts'
import { Rng } from '../../../src/generator/rng.ts'

test('murmur2 gives the client\'s (and Java\'s) hash for keys of every length, as strings and as bytes', () => {
  const rng = new Rng(5)
  let compared = 0
  for (let length = 0; length <= 40; length++) {
    for (let n = 0; n < 250; n++) {
      const bytes = Buffer.alloc(length)
      for (let i = 0; i < length; i++) bytes[i] = rng.uint32() & 0xff
      assert.equal(javaCompatiblePartitioner(undefined, bytes), compatibilityPartitioner({ topic: '' }, bytes), bytes.toString('hex'))
      const ascii = Buffer.from(bytes.map((b) => 0x20 + (b % 0x5f)))
      assert.equal(murmur2(ascii.toString('latin1')), murmur2(ascii))
      assert.equal(murmur2(ascii) & 0x7fffffff, compatibilityPartitioner({ topic: '' }, ascii))
      compared++
    }
  }
  assert.equal(compared, 41 * 250)
})

test('a non-ASCII string key is hashed as its UTF-8 bytes; known Kafka partitions of MSISDN keys', () => {
  assert.equal(murmur2('Mpesa-ñ-€'), murmur2(Buffer.from('Mpesa-ñ-€', 'utf8')))
  // Java: Utils.toPositive(Utils.murmur2("254712345678".getBytes())) % 3 — the same as the client computes.
  for (const key of ['254712345678', '254700000001', '254110000000', 'a', '']) {
    assert.equal(partitionForKey(key, 3), compatibilityPartitioner({ topic: '' }, Buffer.from(key)) % 3, key)
  }
})
