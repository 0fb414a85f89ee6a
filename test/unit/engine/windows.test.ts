// Window shapes, the watermark, and paned window aggregation closing exactly when the watermark passes end + grace.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'
import { Watermark } from '../../../src/engine/windows/watermark.ts'
import { hopping, tumbling, windowStartsFor } from '../../../src/engine/windows/window-spec.ts'
import { PanedAggregator, type PanedSpec, type StoredPane } from '../../../src/engine/windows/paned-aggregator.ts'

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

interface Sum { v: number }
const sumSpec = (views: PanedSpec<{ g: string; v: number }, Sum>['views'], paneMs = MIN): PanedSpec<{ g: string; v: number }, Sum> => ({
  paneMs, views, groupOf: (i) => i.g, init: () => ({ v: 0 }), addInto: (a, i) => { a.v += i.v }, mergeInto: (a, o) => { a.v += o.v }, clone: (a) => ({ v: a.v })
})
const same = (g: string): string => g
const firstLetter = (g: string): string => g.slice(0, 1)

test('windows emit their final result once, when they close, and early updates only for what changed', () => {
  const store = new TransactionalStore<StoredPane<Sum>>('w', jsonCodec())
  const sum = new PanedAggregator(sumSpec([{ window: tumbling('m', MIN), rollup: same }]), store)
  const watermark = new Watermark({ allowedLatenessMs: 0, graceMs: 10_000 })
  for (const [t, g, v] of [[1000, 'a', 1], [2000, 'a', 2], [3000, 'b', 5], [61_000, 'a', 10]] as const) {
    sum.add({ g, v }, t)
    watermark.observe(t)
  }
  assert.deepEqual(sum.drainUpdates().map((r) => [r.start, r.group, r.aggregate.v, r.final]), [[0, 'a', 3, false], [0, 'b', 5, false], [MIN, 'a', 10, false]])
  assert.deepEqual(sum.drainUpdates(), [])
  assert.deepEqual(sum.close(watermark), [], 'the minute [0, 60s) stays open until the watermark reaches 70s')
  watermark.observe(70_000)
  assert.deepEqual(sum.close(watermark).map((r) => [r.start, r.group, r.aggregate.v, r.final]), [[0, 'a', 3, true], [0, 'b', 5, true]])
  assert.deepEqual(sum.close(watermark), [])
  assert.equal(sum.openPanes, 1)
  store.commit()
  assert.equal(store.size, 1, 'the closed panes were deleted')
})

test('hopping and rolled-up views from one set of panes equal a direct computation of every window', () => {
  const views = [
    { window: hopping('s5', 5 * MIN, MIN), rollup: firstLetter },
    { window: tumbling('h', 60 * MIN), rollup: same },
    { window: tumbling('hx', 60 * MIN), rollup: firstLetter }
  ]
  const store = new TransactionalStore<StoredPane<Sum>>('w', jsonCodec())
  const agg = new PanedAggregator(sumSpec(views), store)
  const watermark = new Watermark({ allowedLatenessMs: 0, graceMs: 0 })
  const inputs: [number, string, number][] = []
  for (let i = 0; i < 400; i++) inputs.push([i * 23_456 % (150 * MIN), ['ax', 'ay', 'bx'][i % 3] ?? 'ax', i])
  inputs.sort((a, b) => a[0] - b[0])
  const expected = new Map<string, number>()
  for (const [t, g, v] of inputs) {
    for (const view of views) {
      for (const start of windowStartsFor(view.window, t)) {
        const key = `${view.window.name}|${start}|${view.rollup(g)}`
        expected.set(key, (expected.get(key) ?? 0) + v)
      }
    }
  }
  const finals = new Map<string, number>()
  for (const [t, g, v] of inputs) {
    agg.add({ g, v }, t)
    watermark.observe(t)
    for (const r of agg.close(watermark)) {
      const key = `${r.window}|${r.start}|${r.group}`
      assert.equal(finals.has(key), false, `${key} closes once`)
      finals.set(key, r.aggregate.v)
    }
  }
  watermark.observe(10 * 60 * MIN)
  for (const r of agg.close(watermark)) finals.set(`${r.window}|${r.start}|${r.group}`, r.aggregate.v)
  assert.equal(finals.size, expected.size)
  assert.deepEqual(new Map<string, number>([...finals].sort()), new Map<string, number>([...expected].sort()))
  assert.equal(agg.openPanes, 0)
})

test('after an abort the panes are rebuilt from the committed store; after a restore closed windows stay closed', () => {
  const store = new TransactionalStore<StoredPane<Sum>>('w', jsonCodec())
  const spec = sumSpec([{ window: tumbling('m', MIN), rollup: same }])
  const count = new PanedAggregator(spec, store)
  const empty = new Watermark({ allowedLatenessMs: 0, graceMs: 0 })
  count.add({ g: 'all', v: 1 }, 1000)
  store.commit()
  count.add({ g: 'all', v: 1 }, 2000)
  count.add({ g: 'all', v: 1 }, 2 * MIN)
  store.abort()
  count.rebuildIndex(empty)
  assert.equal(count.openPanes, 1)
  const watermark = new Watermark({ allowedLatenessMs: 0, graceMs: 0 })
  watermark.observe(10 * MIN)
  assert.deepEqual(count.close(watermark).map((r) => r.aggregate.v), [1], 'the aborted writes left the committed pane intact')
  const restored = new PanedAggregator(spec, store)
  restored.rebuildIndex(watermark)
  restored.add({ g: 'all', v: 5 }, 10 * MIN + 1)
  assert.deepEqual(restored.close(watermark), [])
})

test('periodic early updates cover only windows still in progress; the rest stay pending for a full drain', () => {
  const store = new TransactionalStore<StoredPane<Sum>>('w', jsonCodec())
  const agg = new PanedAggregator(sumSpec([{ window: tumbling('m', MIN), rollup: same }]), store)
  agg.add({ g: 'a', v: 1 }, 1000)
  agg.add({ g: 'a', v: 2 }, MIN + 1000)
  assert.deepEqual(agg.drainUpdates(MIN + 1000).map((r) => [r.start, r.aggregate.v]), [[MIN, 2]], 'only the minute holding the stream time')
  assert.deepEqual(agg.drainUpdates().map((r) => [r.start, r.aggregate.v]), [[0, 1]], 'the older minute was kept for the full drain')
  assert.deepEqual(agg.drainUpdates(), [])
})

test('a window whose update was emitted is not emitted again until it changes (sliding windows share panes)', () => {
  const store = new TransactionalStore<StoredPane<Sum>>('w', jsonCodec())
  const agg = new PanedAggregator(sumSpec([{ window: hopping('s5', 5 * MIN, MIN), rollup: same }]), store)
  agg.add({ g: 'a', v: 1 }, 10 * MIN + 1000)
  const first = agg.drainUpdates(12 * MIN)
  assert.deepEqual(first.map((r) => r.end), [13 * MIN, 14 * MIN, 15 * MIN], 'the windows still in progress at 12 minutes')
  assert.deepEqual(agg.drainUpdates(12 * MIN), [], 'nothing changed since')
  assert.deepEqual(agg.drainUpdates().map((r) => r.end), [11 * MIN, 12 * MIN], 'the full drain brings the two kept back')
})
