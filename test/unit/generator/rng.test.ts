// Tests the seeded randomness layer: determinism, ranges and independent forks.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Rng, cumulativeOf, hashBelow, mix32, seed32 } from '../../../src/generator/rng.ts'

test('same seed same draws; forks differ from the parent and from each other', () => {
  const a = new Rng(123)
  const b = new Rng(123)
  assert.deepEqual(Array.from({ length: 10 }, () => a.uint32()), Array.from({ length: 10 }, () => b.uint32()))
  const parent = new Rng(5)
  const f1 = parent.fork()
  const f2 = parent.fork()
  const draw = (r: Rng): number[] => Array.from({ length: 5 }, () => r.uint32())
  const [x, y, z] = [draw(parent), draw(f1), draw(f2)]
  assert.notDeepEqual(x, y)
  assert.notDeepEqual(y, z)
  assert.notEqual(seed32(2 ** 40), seed32(0))
})

test('ranges and distributions', () => {
  const rng = new Rng(9)
  let sum = 0
  for (let i = 0; i < 100_000; i++) {
    const f = rng.float()
    assert.ok(f >= 0 && f < 1)
    const b = rng.between(3, 5)
    assert.ok(b >= 3 && b <= 5 && Number.isInteger(b))
    sum += rng.normal()
    assert.ok(hashBelow(mix32(i), 7) < 7)
  }
  assert.ok(Math.abs(sum / 100_000) < 0.02)
  const counts = [0, 0, 0]
  const cumulative = cumulativeOf([1, 0, 3])
  for (let i = 0; i < 40_000; i++) counts[rng.weighted(cumulative)]!++
  assert.equal(counts[1], 0)
  assert.ok(Math.abs(counts[2]! / 40_000 - 0.75) < 0.02)
  assert.equal(rng.geometric(0), Infinity)
})
