// The co-partitioning assignor: every partition number to exactly one member, balanced, sticky where quotas allow.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { coPartitionedAssignment } from '../../../src/kafka/co-partition-assigner.ts'

const plan = (count: number, owned: Record<string, number[]>): Record<string, number[]> =>
  Object.fromEntries(coPartitionedAssignment(count, new Map(Object.entries(owned))))

test('a lone member gets every partition', () => {
  assert.deepEqual(plan(3, { a: [] }), { a: [0, 1, 2] })
})

test('a joining member takes partitions from the owner, which keeps the rest (sticky)', () => {
  assert.deepEqual(plan(3, { b: [0, 1, 2], a: [] }), { a: [2], b: [0, 1] })
  assert.deepEqual(plan(6, { x: [0, 1, 2, 3, 4, 5], y: [] }), { x: [0, 1, 2], y: [3, 4, 5] })
})

test('the partitions of a member that left go to the survivors; nothing is assigned twice or left out', () => {
  const result = plan(12, { a: [0, 1, 2, 3], b: [4, 5, 6, 7], c: [] })
  assert.deepEqual(result, { a: [0, 1, 2, 3], b: [4, 5, 6, 7], c: [8, 9, 10, 11] })
  const all = Object.values(plan(7, { a: [6, 5], b: [5, 4], c: [1] })).flat().sort((x, y) => x - y)
  assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6])
})

test('a partition claimed by two members (after a split brain) goes to one only', () => {
  assert.deepEqual(plan(2, { a: [0, 1], b: [0, 1] }), { a: [0], b: [1] })
})

test('more members than partitions: the extra members get none', () => {
  assert.deepEqual(plan(2, { a: [], b: [], c: [] }), { a: [0], b: [1], c: [] })
})
