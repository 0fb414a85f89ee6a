// Tests the keyed permutation: a bijection that inverts, and that depends on the key.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { KeyedPermutation } from '../../../src/generator/permutation.ts'

test('maps [0, a*b) onto itself without repeats and inverts', () => {
  const p = new KeyedPermutation(37, 101, 12345)
  const seen = new Set<number>()
  for (let i = 0; i < p.size; i++) {
    const v = p.apply(i)
    assert.ok(v >= 0 && v < p.size)
    seen.add(v)
    assert.equal(p.invert(v), i)
  }
  assert.equal(seen.size, p.size)
})

test('different keys give different orders and neighbours are scattered', () => {
  const a = new KeyedPermutation(7250, 8000, 1)
  const b = new KeyedPermutation(7250, 8000, 2)
  const same = Array.from({ length: 1000 }, (_, i) => a.apply(i) === b.apply(i)).filter(Boolean).length
  assert.ok(same < 5)
  const gaps = Array.from({ length: 1000 }, (_, i) => Math.abs(a.apply(i + 1) - a.apply(i)))
  assert.ok(gaps.filter((g) => g < 1000).length < 20)
})
