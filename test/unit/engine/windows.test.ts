// Window shapes, the watermark, and a windowed aggregation closing exactly when the watermark passes end + grace.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'
import { Watermark } from '../../../src/engine/windows/watermark.ts'
import { hopping, tumbling, windowStartsFor } from '../../../src/engine/windows/window-spec.ts'
import { WindowedAggregator, type StoredWindow } from '../../../src/engine/windows/windowed-aggregator.ts'

const MIN = 60_000

test('a tumbling window holds an instant once; a 5-minute window advancing by 1 minute holds it five times', () => {
  assert.deepEqual(windowStartsFor(tumbling('h', 60 * MIN), 90 * MIN + 5), [60 * MIN])
  assert.deepEqual(windowStartsFor(hopping('s', 5 * MIN, MIN), 10 * MIN), [6 * MIN, 7 * MIN, 8 * MIN, 9 * MIN, 10 * MIN])
  assert.throws(() => hopping('bad', 5 * MIN, 2 * MIN), /multiple/)
})

test('the watermark trails the highest event time; lateness and closing follow the grace period', () => {
  const watermark = new Watermark({ allowedLatenessMs: 1000, graceMs: 5000 })
  watermark.observe(100_000)
  watermark.observe(50_000)
  assert.equal(watermark.value, 99_000)
  assert.equal(watermark.isLate(94_000), false)
  assert.equal(watermark.isLate(93_999), true)
  assert.equal(watermark.closes(94_000), true)
  assert.equal(watermark.closes(94_001), false)
})

test('windows emit their final result once, when they close, and early updates only for what changed', () => {
  const store = new TransactionalStore<StoredWindow<number>>('w', jsonCodec())
  const sum = new WindowedAggregator<{ g: string; v: number }, number>({
    window: tumbling('m', MIN), groupOf: (i) => i.g, init: () => 0, add: (a, i) => a + i.v
  }, store)
  const watermark = new Watermark({ allowedLatenessMs: 0, graceMs: 10_000 })
  for (const [t, g, v] of [[1000, 'a', 1], [2000, 'a', 2], [3000, 'b', 5], [61_000, 'a', 10]] as const) {
    sum.add({ g, v }, t)
    watermark.observe(t)
  }
  assert.deepEqual(sum.drainUpdates().map((r) => [r.start, r.group, r.aggregate, r.final]), [[0, 'a', 3, false], [0, 'b', 5, false], [MIN, 'a', 10, false]])
  assert.deepEqual(sum.drainUpdates(), [])
  assert.deepEqual(sum.close(watermark), [], 'the minute [0, 60s) stays open until the watermark reaches 70s')
  watermark.observe(70_000)
  assert.deepEqual(sum.close(watermark).map((r) => [r.start, r.group, r.aggregate, r.final]), [[0, 'a', 3, true], [0, 'b', 5, true]])
  assert.deepEqual(sum.close(watermark), [])
  assert.equal(sum.openWindows, 1)
  store.commit()
  assert.equal(store.size, 1)
})

test('after an abort the open-window index is rebuilt from the committed store', () => {
  const store = new TransactionalStore<StoredWindow<number>>('w', jsonCodec())
  const count = new WindowedAggregator<number, number>({ window: tumbling('m', MIN), groupOf: () => 'all', init: () => 0, add: (a) => a + 1 }, store)
  count.add(1, 1000)
  store.commit()
  count.add(1, 2 * MIN)
  store.abort()
  count.rebuildIndex()
  assert.equal(count.openWindows, 1)
  const watermark = new Watermark({ allowedLatenessMs: 0, graceMs: 0 })
  watermark.observe(10 * MIN)
  assert.deepEqual(count.close(watermark).map((r) => r.aggregate), [1])
})
