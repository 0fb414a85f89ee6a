// Operations and volumes: /metrics from the registry and the snapshot, /health, /ready from the source, stored volumes by
// market, hour and type for the last 24 hours or one hour.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { applyBatch, openStore, type Database } from '../../../src/store/store.ts'
import { aggregateFixture, hourRow } from '../store/fixtures.ts'
import { testServer, type TestServer } from './helpers.ts'

const EAT_14 = Date.parse('2026-11-29T14:00:00.000+03:00')
const HOUR = 3_600_000

describe('metrics, health and readiness', () => {
  const t = testServer()
  after(() => t.server.close())

  test('/metrics serves the registry in Prometheus text, with lag and readiness from the current snapshot', async () => {
    t.metrics.recordsIn.inc(42)
    t.source.setLag([{ topic: 'mpesa-transactions', partition: 3, committed: '100', end: '130', lag: '30', consumer: 'p-1' }])
    const response = await t.server.app.inject({ url: '/metrics' })
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8')
    assert.match(response.body, /^pesaflow_records_in_total 42$/m)
    assert.match(response.body, /^pesaflow_consumer_lag\{topic="mpesa-transactions",partition="3"\} 30$/m)
    assert.match(response.body, /^pesaflow_ready 1$/m)
  })

  test('/health answers while the process runs; /ready follows the source', async () => {
    assert.deepEqual((await t.server.app.inject({ url: '/health' })).json(), { status: 'ok' })
    const ready = await t.server.app.inject({ url: '/ready' })
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json(), { ready: true, broker: { reachable: true, brokers: 1, controller: 1 } })
    t.source.setBroker({ reachable: false, brokers: 0, controller: null, error: 'connect ECONNREFUSED 127.0.0.1:9092' })
    const down = await t.server.app.inject({ url: '/ready' })
    assert.equal(down.statusCode, 503)
    assert.deepEqual(down.json(), { ready: false, broker: { reachable: false, brokers: 0, controller: null, error: 'connect ECONNREFUSED 127.0.0.1:9092' } })
    t.source.setBroker({ reachable: true, brokers: 1, controller: 1 })
    t.source.setReady(false)
    assert.equal((await t.server.app.inject({ url: '/ready' })).statusCode, 503)
    assert.equal((await t.server.app.inject({ url: '/health' })).statusCode, 200)
  })
})

describe('stored volumes', () => {
  let db: Database
  let t: TestServer

  before(async () => {
    db = await openStore()
    t = testServer({ store: db })
    await applyBatch(db, 'sink', {
      alerts: [],
      aggregates: [
        hourRow('2026-11-29T14', 'Nairobi', 10),
        hourRow('2026-11-29T14', 'Mombasa', 4),
        hourRow('2026-11-29T13', 'Nairobi', 6),
        hourRow('2026-11-28T15', 'Kisumu', 2),
        hourRow('2026-11-28T14', 'Kisumu', 99),
        aggregateFixture({ window: 'hourly_market_type', transaction_type: 'PAYBILL', count: 5, sum_amount: 500 }),
        aggregateFixture({ window: 'hourly_market_type', transaction_type: 'SEND_MONEY', count: 9, sum_amount: 900 })
      ],
      offsets: []
    })
  })
  after(async () => {
    await t?.server.close()
    await db?.close()
  })

  test('24 hours up to the newest stored hour: by market, every hour (zeros included), by type', async () => {
    const response = await t.server.app.inject({ url: '/api/volumes?range=24h' })
    assert.equal(response.statusCode, 200)
    const body = response.json<{ range: string; hourStart: number; markets: unknown[]; hours: { start: number; count: number }[]; types: unknown[] }>()
    assert.equal(body.range, '24h')
    assert.equal(body.hourStart, EAT_14)
    assert.deepEqual(body.markets, [
      { market: 'Nairobi', count: 16, sumAmount: 16_000, sumFee: 160, failedCount: 0 },
      { market: 'Mombasa', count: 4, sumAmount: 4_000, sumFee: 40, failedCount: 0 },
      { market: 'Kisumu', count: 2, sumAmount: 2_000, sumFee: 20, failedCount: 0 }
    ])
    assert.equal(body.hours.length, 24)
    assert.deepEqual(body.hours[0], { start: EAT_14 - 23 * HOUR, count: 2, sumAmount: 2_000 })
    assert.deepEqual(body.hours[22], { start: EAT_14 - HOUR, count: 6, sumAmount: 6_000 })
    assert.deepEqual(body.hours[23], { start: EAT_14, count: 14, sumAmount: 14_000 })
    assert.equal(body.hours.slice(1, 22).every((h) => h.count === 0), true)
    assert.deepEqual(body.types, [
      { transactionType: 'SEND_MONEY', count: 9, sumAmount: 900 },
      { transactionType: 'PAYBILL', count: 5, sumAmount: 500 }
    ])
  })

  test('one hour, and any hour chosen with at=', async () => {
    const hour = (await t.server.app.inject({ url: '/api/volumes?range=hour' })).json<{ hours: unknown[]; markets: { market: string }[] }>()
    assert.equal(hour.hours.length, 1)
    assert.deepEqual(hour.markets.map((m) => m.market), ['Nairobi', 'Mombasa'])
    const earlier = (await t.server.app.inject({ url: '/api/volumes?range=hour&at=2026-11-28T14:30:00%2B03:00' })).json<{ hourStart: number; markets: { count: number }[] }>()
    assert.equal(earlier.hourStart, EAT_14 - 24 * HOUR)
    assert.deepEqual(earlier.markets.map((m) => m.count), [99])
  })

  test('a bad range or time is a 400', async () => {
    for (const url of ['/api/volumes?range=7d', '/api/volumes?at=soon', '/api/volumes?market=Nairobi']) {
      const response = await t.server.app.inject({ url })
      assert.equal(response.statusCode, 400, url)
      assert.equal(response.json<{ code: string }>().code, 'INVALID_REQUEST')
    }
  })
})
