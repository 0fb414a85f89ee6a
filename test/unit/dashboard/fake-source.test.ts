// The per-second rate meter and the fake live source the dashboard tests (and the lead's pipeline tests) drive.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FakeLiveSource } from '../../../src/dashboard/fake-source.ts'
import { emptySnapshot } from '../../../src/dashboard/live-source.ts'
import { createRateMeter } from '../../../src/dashboard/rate-meter.ts'
import { alertFixture } from '../store/fixtures.ts'

test('rates average the counts of the trailing window and forget older ones', () => {
  const meter = createRateMeter(2, 1000)
  meter.record(10_000, [5, 1])
  meter.record(10_400, [15, 0])
  assert.deepEqual(meter.rates(10_500), [20, 1])
  assert.deepEqual(meter.rates(11_000), [15, 0])
  assert.deepEqual(meter.rates(11_400), [0, 0])
  assert.throws(() => meter.record(11_500, [1]), /expected 2 counts, got 1/)
})

test('a window of 2 s halves the per-second rate of the same counts', () => {
  const meter = createRateMeter(1, 2000)
  meter.record(0, [10])
  assert.deepEqual(meter.rates(1000), [5])
})

test('the fake source counts throughput into totals and rates on its clock', () => {
  const clock = { now: 50_000 }
  const source = new FakeLiveSource({ now: () => clock.now })
  source.recordThroughput({ in: 100, out: 90, deadLetters: 2 })
  clock.now += 500
  source.recordThroughput({ in: 50 })
  const snapshot = source.snapshot()
  assert.equal(snapshot.at, 50_500)
  assert.deepEqual(snapshot.throughput, { inPerSec: 150, outPerSec: 90, deadLettersPerSec: 2, totals: { in: 150, out: 90, deadLetters: 2 } })
  clock.now += 1000
  assert.deepEqual(source.snapshot().throughput, { inPerSec: 0, outPerSec: 0, deadLettersPerSec: 0, totals: { in: 150, out: 90, deadLetters: 2 } })
})

test('the fake source reports what it was given, and is ready only while the broker is reachable', () => {
  const source = new FakeLiveSource({ now: () => 7 })
  source.setVolumes({ sliding5m: [{ market: 'Nairobi', count: 3, sumAmount: 300 }] })
  source.setVolumes({ typeMix: [{ transactionType: 'PAYBILL', count: 1, sumAmount: 10 }] })
  source.setLag([{ topic: 't', partition: 0, committed: '5', end: '9', lag: '4', consumer: 'c' }])
  source.setLatency({ p50: 3, p99: 40, samples: 10 })
  const snapshot = source.snapshot()
  assert.deepEqual(snapshot.sliding5m, [{ market: 'Nairobi', count: 3, sumAmount: 300 }])
  assert.deepEqual(snapshot.typeMix, [{ transactionType: 'PAYBILL', count: 1, sumAmount: 10 }])
  assert.deepEqual(snapshot.currentHour, [])
  assert.equal(snapshot.lag[0]?.lag, '4')
  assert.deepEqual(snapshot.latencyMs, { p50: 3, p99: 40, samples: 10 })
  assert.equal(snapshot.ready, true)
  source.setBroker({ reachable: false, brokers: 0, controller: null, error: 'ECONNREFUSED' })
  assert.equal(source.snapshot().ready, false)
  source.setBroker({ reachable: true, brokers: 1, controller: 1 })
  source.setReady(false)
  assert.equal(source.snapshot().ready, false)
})

test('alerts reach every listener until it unsubscribes; close drops them all', async () => {
  const source = new FakeLiveSource()
  const first: string[] = []
  const second: string[] = []
  const stopFirst = source.onAlert((alert) => first.push(alert.alert_id))
  source.onAlert((alert) => second.push(alert.alert_id))
  source.pushAlert(alertFixture(1))
  stopFirst()
  source.pushAlert(alertFixture(2))
  assert.deepEqual(first, [alertFixture(1).alert_id])
  assert.deepEqual(second, [alertFixture(1).alert_id, alertFixture(2).alert_id])
  await source.close()
  assert.equal(source.listenerCount, 0)
  assert.equal(source.closed, true)
})

test('an empty snapshot has no traffic and is not ready', () => {
  const snapshot = emptySnapshot(1)
  assert.equal(snapshot.ready, false)
  assert.deepEqual(snapshot.throughput.totals, { in: 0, out: 0, deadLetters: 0 })
  assert.deepEqual(snapshot.latencyMs, { p50: null, p99: null, samples: 0 })
})
