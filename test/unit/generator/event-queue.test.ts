// Tests the event queue: time order, and insertion order among equal times.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EventQueue } from '../../../src/generator/event-queue.ts'

test('pops by time, ties in insertion order', () => {
  const queue = new EventQueue<string>()
  const input: [number, string][] = [[5, 'a'], [1, 'b'], [5, 'c'], [3, 'd'], [1, 'e'], [5, 'f'], [0, 'g']]
  for (const [t, v] of input) queue.push(t, v)
  assert.equal(queue.peekTime(), 0)
  const out: string[] = []
  for (let v = queue.pop(); v !== undefined; v = queue.pop()) out.push(v)
  assert.deepEqual(out, ['g', 'b', 'e', 'd', 'a', 'c', 'f'])
  assert.ok(Number.isNaN(queue.peekTime()))
})
