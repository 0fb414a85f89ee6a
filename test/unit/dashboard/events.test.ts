// The event stream over a real socket: history and a snapshot at once, snapshots on every tick, alerts and triage as they
// happen (masked), heartbeats, clean-up when a client leaves, every stream ended when the server closes, and a failing
// snapshot that stops nothing.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createEventHub, type ChartPoint } from '../../../src/dashboard/event-hub.ts'
import { FakeLiveSource } from '../../../src/dashboard/fake-source.ts'
import type { LiveSnapshot } from '../../../src/dashboard/live-source.ts'
import { applyBatch, openStore, type Database } from '../../../src/store/store.ts'
import { alertFixture } from '../store/fixtures.ts'
import { eventually, openEventStream, testServer, TOKEN, type SseReader, type TestServer } from './helpers.ts'

/** Reads snapshots until one satisfies the condition (the stream pushes one per tick). */
async function snapshotWhere (reader: SseReader, condition: (s: LiveSnapshot) => boolean): Promise<LiveSnapshot> {
  for (;;) {
    const snapshot = (await reader.next('snapshot')).data as LiveSnapshot
    if (condition(snapshot)) return snapshot
  }
}

describe('event stream', () => {
  let db: Database
  let t: TestServer
  let base: string

  before(async () => {
    db = await openStore()
    t = testServer({ store: db, token: TOKEN, pushIntervalMs: 20, heartbeatMs: 50 })
    base = await t.server.listen()
  })
  after(async () => {
    await t?.server.close()
    await db?.close()
  })

  test('without the token the stream is refused', async () => {
    const response = await fetch(`${base}/events`)
    assert.equal(response.status, 401)
    assert.equal((await response.json() as { code: string }).code, 'UNAUTHORIZED')
  })

  test('a client gets the chart history and a snapshot at once, then a snapshot per tick', async () => {
    const { response, reader } = await openEventStream(`${base}/events?token=${TOKEN}`)
    try {
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8')
      assert.equal(response.headers.get('cache-control'), 'no-store, no-transform')
      assert.deepEqual(reader.seen.length, 0)
      const history = (await reader.next('history')).data as ChartPoint[]
      assert.ok(Array.isArray(history))
      const first = (await reader.next('snapshot')).data as LiveSnapshot
      assert.deepEqual(first.throughput.totals, { in: 0, out: 0, deadLetters: 0 })
      t.source.recordThroughput({ in: 25, out: 20, deadLetters: 1 })
      const later = await snapshotWhere(reader, (s) => s.throughput.totals.in === 25)
      assert.deepEqual(later.throughput, { inPerSec: 25, outPerSec: 20, deadLettersPerSec: 1, totals: { in: 25, out: 20, deadLetters: 1 } })
      assert.match(await reader.comment('heartbeat'), /^heartbeat \d+$/)
    } finally {
      await reader.cancel()
    }
  })

  test('the history replays the ticks a late page missed, oldest first', async () => {
    await eventually(() => t.server.hub.history().length >= 3, 'three ticks')
    const { reader } = await openEventStream(`${base}/events`, { authorization: `Bearer ${TOKEN}` })
    try {
      const history = (await reader.next('history')).data as ChartPoint[]
      assert.ok(history.length >= 3)
      const times = history.map((p) => p.at)
      assert.deepEqual(times, [...times].sort((a, b) => a - b))
      assert.deepEqual(Object.keys(history[0] ?? {}).sort(), ['at', 'deadLettersPerSec', 'inPerSec', 'outPerSec', 'slidingAmount', 'slidingCount'])
    } finally {
      await reader.cancel()
    }
  })

  test('alerts go out masked; triage done through the API reaches every open stream', async () => {
    const alert = alertFixture(1, { account: '254712345678', explanation: 'Paid 254799887766 KES 150,000 from 254712345678' })
    await applyBatch(db, 'sink', { alerts: [alert], aggregates: [], offsets: [] })
    const { reader } = await openEventStream(`${base}/events?token=${TOKEN}`)
    try {
      await reader.next('snapshot')
      t.source.pushAlert(alert)
      assert.deepEqual((await reader.next('alert')).data, {
        alert_id: alert.alert_id, rule_id: 'HV-1', typology: 'HIGH_VALUE_TRANSFER', severity: 'MEDIUM', score: 0.5,
        account_masked: '2547****5678', transaction_count: 1, event_time: alert.event_time, detected_at: alert.detected_at,
        explanation: 'Paid 2547****7766 KES 150,000 from 2547****5678', status: 'OPEN', triaged_by: null, triaged_at: null
      })
      const ack = await fetch(`${base}/api/alerts/${encodeURIComponent(alert.alert_id)}/acknowledge`, {
        method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ by: 'Akinyi' })
      })
      assert.equal(ack.status, 200)
      const triage = (await reader.next('triage')).data as { alert_id: string; status: string; triaged_by: string }
      assert.deepEqual([triage.alert_id, triage.status, triage.triaged_by], [alert.alert_id, 'ACKNOWLEDGED', 'Akinyi'])
    } finally {
      await reader.cancel()
    }
  })

  test('phone numbers anywhere in a snapshot are masked', async () => {
    t.source.setBroker({ reachable: false, brokers: 0, controller: null, error: 'auth failed for 254712345678' })
    const { reader } = await openEventStream(`${base}/events?token=${TOKEN}`)
    try {
      const snapshot = await snapshotWhere(reader, (s) => s.broker.error !== undefined)
      assert.equal(snapshot.broker.error, 'auth failed for 2547****5678')
    } finally {
      t.source.setBroker({ reachable: true, brokers: 1, controller: 1 })
      await reader.cancel()
    }
  })

  test('a client that leaves is dropped and the client gauge follows', async () => {
    await eventually(() => t.server.hub.size === 0, 'earlier streams to close')
    const { reader } = await openEventStream(`${base}/events?token=${TOKEN}`)
    await reader.next('snapshot')
    assert.equal(t.server.hub.size, 1)
    assert.match(await t.metrics.registry.metrics(), /^pesaflow_dashboard_clients 1$/m)
    await reader.cancel()
    await eventually(() => t.server.hub.size === 0, 'the stream to be dropped')
    assert.match(await t.metrics.registry.metrics(), /^pesaflow_dashboard_clients 0$/m)
  })
})

test('closing the server ends every open stream and lets go of the source', async () => {
  const t = testServer({ pushIntervalMs: 20 })
  const base = await t.server.listen()
  assert.equal(t.source.listenerCount, 1)
  const streams = await Promise.all([1, 2].map(() => openEventStream(`${base}/events`)))
  for (const { reader } of streams) await reader.next('snapshot')
  await t.server.close()
  await Promise.all(streams.map(({ reader }) => reader.ended()))
  assert.equal(t.server.hub.size, 0)
  assert.equal(t.source.listenerCount, 0)
})

test('a snapshot that throws skips the tick, is reported, and the stream carries on', async () => {
  const errors: unknown[] = []
  const source = new FakeLiveSource()
  let failing = true
  const hub = createEventHub({
    source: { snapshot: () => { if (failing) throw new Error('source broke'); return source.snapshot() }, onAlert: (l) => source.onAlert(l), close: () => source.close() },
    pushIntervalMs: 10,
    onError: (error) => errors.push(error)
  })
  try {
    await eventually(() => errors.length >= 2, 'two failed ticks')
    failing = false
    await eventually(() => hub.history().length >= 1, 'a tick after recovery')
    assert.equal((errors[0] as Error).message, 'source broke')
  } finally {
    hub.close()
  }
})
