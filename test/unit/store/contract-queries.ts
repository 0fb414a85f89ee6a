// The dashboard queries' contract on any engine: filters with exact counts, keyset pages, masking, counts and hourly reads.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  acknowledge, alertCounts, alertById, applyBatch, currentHourByMarket, last24HoursByMarket, latestHourStart, listAlerts, resolve,
  totalsByTransactionType, type AlertListQuery, type Database
} from '../../../src/store/store.ts'
import { aggregateFixture, alertDataset, hourRow } from './fixtures.ts'
import { withStore, type StoreFixture } from './store-fixture.ts'

const T = new Date('2026-11-29T12:00:00.000Z')

/** The 30-alert dataset, with alerts 0-4 acknowledged and 5-7 resolved. */
async function seedAlerts (db: Database): Promise<void> {
  await applyBatch(db, 'sink', { alerts: alertDataset(), aggregates: [], offsets: [] })
  for (let n = 0; n < 5; n++) await acknowledge(db, alertDataset()[n]?.alert_id ?? '', 'otieno', T)
  for (let n = 5; n < 8; n++) await resolve(db, alertDataset()[n]?.alert_id ?? '', 'akinyi', 'checked', T)
}

async function allIds (db: Database, query: AlertListQuery): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = await listAlerts(db, { ...query, cursor })
    ids.push(...page.items.map((item) => item.alert_id))
    cursor = page.nextCursor
  } while (cursor !== undefined)
  return ids
}

export function queriesContract (fixture: StoreFixture): void {
  describe(`dashboard queries on ${fixture.engine}`, () => {
    test('filters give exact counts', () => withStore(fixture, async (db) => {
      await seedAlerts(db)
      const count = async (query: AlertListQuery): Promise<number> => (await listAlerts(db, { ...query, limit: 500 })).items.length
      assert.equal(await count({}), 30)
      assert.equal(await count({ severity: 'CRITICAL' }), 7)
      assert.equal(await count({ severity: ['LOW', 'HIGH'] }), 15)
      assert.equal(await count({ typology: 'STRUCTURING' }), 10)
      assert.equal(await count({ status: 'ACKNOWLEDGED' }), 5)
      assert.equal(await count({ status: ['OPEN', 'RESOLVED'] }), 25)
      assert.equal(await count({ account: '254712000003' }), 6)
      assert.equal(await count({ account: '0712 000 003' }), 6)
      assert.equal(await count({ text: '50%' }), 3)
      assert.equal(await count({ text: 'sim SWAP' }), 3)
      assert.equal(await count({ text: '5_%' }), 0)
      assert.equal(await count({ from: '2026-11-29T14:10:00.000+03:00', to: '2026-11-29T14:20:00.000+03:00' }), 10)
      assert.equal(await count({ severity: 'LOW', typology: 'HIGH_VALUE_TRANSFER', status: 'OPEN' }), 2)
      await assert.rejects(listAlerts(db, { severity: 'URGENT' as 'LOW' }), /Filter severity "URGENT" is not allowed/)
      await assert.rejects(listAlerts(db, { limit: 0 }), /limit must be an integer from 1 to 500/)
      await assert.rejects(listAlerts(db, { cursor: 'garbage' }), /cursor is not one this store returned/)
    }))

    test('pages come newest first, without gaps or repeats, under a filter too', () => withStore(fixture, async (db) => {
      await seedAlerts(db)
      const first = await listAlerts(db, { limit: 7 })
      assert.equal(first.items.length, 7)
      assert.equal(first.items[0]?.event_time, '2026-11-29T14:29:05.123+03:00')
      const ids = await allIds(db, { limit: 7 })
      assert.equal(ids.length, 30)
      assert.equal(new Set(ids).size, 30)
      assert.deepEqual(ids, alertDataset().map((a) => a.alert_id).reverse())
      assert.equal((await allIds(db, { limit: 4, typology: 'SIM_SWAP_TAKEOVER' })).length, 10)
      const last = await listAlerts(db, { limit: 30 })
      assert.equal(last.nextCursor, undefined)
    }))

    test('list rows carry the masked account; the detail has the full one', () => withStore(fixture, async (db) => {
      await seedAlerts(db)
      const page = await listAlerts(db, { account: '254712000001', limit: 1 })
      const item = page.items[0]
      assert.equal(item?.account_masked, '2547****0001')
      assert.ok(!JSON.stringify(page).includes('254712000001'))
      assert.equal(item?.transaction_count, 1)
      const full = await alertById(db, item?.alert_id ?? '')
      assert.equal(full?.account, '254712000001')
      assert.deepEqual(full?.transaction_ids, alertDataset().find((a) => a.alert_id === item?.alert_id)?.transaction_ids)
      assert.equal(item?.alert_id, alertDataset()[26]?.alert_id)
      assert.equal(await alertById(db, 'HV-1:NOPE'), undefined)
    }))

    test('counts by status, severity and typology', () => withStore(fixture, async (db) => {
      await seedAlerts(db)
      const counts = await alertCounts(db)
      assert.equal(counts.total, 30)
      assert.deepEqual(counts.byStatus, { OPEN: 22, ACKNOWLEDGED: 5, RESOLVED: 3 })
      assert.deepEqual(counts.bySeverity, { LOW: 8, MEDIUM: 8, HIGH: 7, CRITICAL: 7 })
      assert.deepEqual(counts.byTypology.map((t) => [t.typology, t.total]), [['HIGH_VALUE_TRANSFER', 10], ['SIM_SWAP_TAKEOVER', 10], ['STRUCTURING', 10]])
      assert.deepEqual(counts.byTypology[0]?.byStatus, { OPEN: 7, ACKNOWLEDGED: 2, RESOLVED: 1 })
      assert.deepEqual((await alertCounts(db, { severity: 'CRITICAL' })).byStatus, { OPEN: 5, ACKNOWLEDGED: 1, RESOLVED: 1 })
    }))

    test('hourly volumes by market: the current hour, the last 24 hours, and totals by type', () => withStore(fixture, async (db) => {
      const rows = [
        hourRow('2026-11-29T14', 'Nairobi', 10), hourRow('2026-11-29T14', 'Nairobi', 5, { partition: 1, emit: 'EARLY' }),
        hourRow('2026-11-29T14', 'Mombasa', 7), hourRow('2026-11-29T13', 'Nairobi', 3), hourRow('2026-11-28T15', 'Nairobi', 2),
        hourRow('2026-11-28T14', 'Nairobi', 100), hourRow('2026-11-29T15', 'Nairobi', 1),
        hourRow('2026-11-29T14', 'Nairobi', 6, { window: 'hourly_market_type', transaction_type: 'PAYBILL' }),
        hourRow('2026-11-29T13', 'Kisumu', 4, { window: 'hourly_market_type', transaction_type: 'PAYBILL' }),
        hourRow('2026-11-29T14', 'Nairobi', 9, { window: 'hourly_market_type', transaction_type: 'SEND_MONEY' })
      ]
      await applyBatch(db, 'sink', { alerts: [], aggregates: rows, offsets: [] })
      const now = '2026-11-29T14:37:00.000+03:00'
      assert.deepEqual((await currentHourByMarket(db, now)).map((r) => [r.market, r.count, r.sum_amount, r.final]),
        [['Mombasa', 7, 7000, true], ['Nairobi', 15, 15000, false]])
      const day = await last24HoursByMarket(db, now)
      assert.deepEqual(day.map((r) => [r.hour_start, r.market, r.count]), [
        ['2026-11-28T15:00:00.000+03:00', 'Nairobi', 2], ['2026-11-29T13:00:00.000+03:00', 'Nairobi', 3],
        ['2026-11-29T14:00:00.000+03:00', 'Mombasa', 7], ['2026-11-29T14:00:00.000+03:00', 'Nairobi', 15]
      ])
      assert.equal((await last24HoursByMarket(db, now, 'Mombasa')).length, 1)
      const range = { from: '2026-11-29T13:00:00.000+03:00', to: '2026-11-29T15:00:00.000+03:00' }
      assert.deepEqual((await totalsByTransactionType(db, range)).map((r) => [r.transaction_type, r.count, r.sum_fee]),
        [['PAYBILL', 10, 100], ['SEND_MONEY', 9, 90]])
      assert.deepEqual((await totalsByTransactionType(db, { ...range, market: 'Kisumu' })).map((r) => r.count), [4])
      assert.equal(await latestHourStart(db), '2026-11-29T15:00:00.000+03:00')
    }))

    test('empty store: empty pages, zero counts, no latest hour', () => withStore(fixture, async (db) => {
      assert.deepEqual(await listAlerts(db), { items: [], nextCursor: undefined })
      assert.equal((await alertCounts(db)).total, 0)
      assert.deepEqual(await currentHourByMarket(db, '2026-11-29T14:00:00.000+03:00'), [])
      assert.equal(await latestHourStart(db), undefined)
      await applyBatch(db, 'sink', { alerts: [], aggregates: [aggregateFixture({ window: 'sliding_5m_market', window_end: '2026-11-29T14:05:00.000+03:00' })], offsets: [] })
      assert.equal(await latestHourStart(db), undefined)
    }))
  })
}
