// The sink's contract on any engine: upserts by alert id and window key, triage kept across replays, FINAL beats EARLY,
// and rows and offsets stored in one transaction (a failure inside it leaves neither).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { acknowledge, alertById, applyBatch, hourlyByMarket, loadOffsets, type Database, type Queryable } from '../../../src/store/store.ts'
import { aggregateFixture, alertFixture } from './fixtures.ts'
import { withStore, type StoreFixture } from './store-fixture.ts'

const TOPIC = 'mpesa-alerts'
const SINK = 'alert-store'
const HOUR = { from: '2026-11-29T14:00:00.000+03:00', to: '2026-11-29T15:00:00.000+03:00' }

async function rowCount (db: Queryable, table: 'alerts' | 'hourly_aggregates' | 'sink_offsets'): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
  return row?.n ?? -1
}

const offsets = (next: bigint, partition = 0) => [{ topic: TOPIC, partition, nextOffset: next }]

async function nairobiCount (db: Database): Promise<{ count: number; final: boolean } | undefined> {
  const [row] = await hourlyByMarket(db, HOUR)
  return row === undefined ? undefined : { count: row.count, final: row.final }
}

export function sinkContract (fixture: StoreFixture): void {
  describe(`sink on ${fixture.engine}`, () => {
    test('a batch stores its alerts, hourly rows and offsets, and a replay of it adds nothing', () => withStore(fixture, async (db) => {
      const batch = { alerts: [alertFixture(1), alertFixture(2), alertFixture(3)], aggregates: [aggregateFixture()], offsets: offsets(3n) }
      const first = await applyBatch(db, SINK, batch)
      assert.deepEqual(first, { alertsInserted: 3, alertsUpdated: 0, aggregatesWritten: 1, aggregatesKeptFinal: 0, aggregatesIgnored: 0, offsetsStored: 1 })
      const replay = await applyBatch(db, SINK, batch)
      assert.deepEqual(replay, { alertsInserted: 0, alertsUpdated: 3, aggregatesWritten: 1, aggregatesKeptFinal: 0, aggregatesIgnored: 0, offsetsStored: 1 })
      assert.equal(await rowCount(db, 'alerts'), 3)
      assert.equal(await rowCount(db, 'hourly_aggregates'), 1)
      assert.deepEqual(await loadOffsets(db, SINK), [{ topic: TOPIC, partition: 0, nextOffset: 3n }])
    }))

    test('a replayed alert refreshes its content but keeps its triage', () => withStore(fixture, async (db) => {
      await applyBatch(db, SINK, { alerts: [alertFixture(1)], aggregates: [], offsets: offsets(1n) })
      const at = new Date('2026-11-29T12:00:00.000Z')
      await acknowledge(db, alertFixture(1).alert_id, 'wanjiku', at)
      const before = await alertById(db, alertFixture(1).alert_id)
      await applyBatch(db, SINK, { alerts: [alertFixture(1, { score: 0.9, severity: 'HIGH' })], aggregates: [], offsets: offsets(1n) })
      const after = await alertById(db, alertFixture(1).alert_id)
      assert.equal(after?.status, 'ACKNOWLEDGED')
      assert.equal(after?.triaged_by, 'wanjiku')
      assert.equal(after?.triaged_at, '2026-11-29T15:00:00.000+03:00')
      assert.equal(after?.score, 0.9)
      assert.equal(after?.severity, 'HIGH')
      assert.equal(after?.first_seen_at, before?.first_seen_at)
      assert.equal(after?.history.length, 1)
    }))

    test('later EARLY and FINAL rows replace EARLY; a FINAL row is never replaced by a later EARLY one', () => withStore(fixture, async (db) => {
      const apply = (count: number, emit: 'EARLY' | 'FINAL') => applyBatch(db, SINK, { alerts: [], aggregates: [aggregateFixture({ count, emit })], offsets: [] })
      await apply(5, 'EARLY')
      await apply(8, 'EARLY')
      assert.deepEqual(await nairobiCount(db), { count: 8, final: false })
      await apply(10, 'FINAL')
      assert.deepEqual(await nairobiCount(db), { count: 10, final: true })
      const late = await apply(3, 'EARLY')
      assert.equal(late.aggregatesWritten, 0)
      assert.equal(late.aggregatesKeptFinal, 1)
      assert.deepEqual(await nairobiCount(db), { count: 10, final: true })
      await apply(10, 'FINAL')
      assert.deepEqual(await nairobiCount(db), { count: 10, final: true })
      assert.equal(await rowCount(db, 'hourly_aggregates'), 1)
    }))

    test('within one batch the same rules hold: the last row per window wins unless it is EARLY after FINAL', () => withStore(fixture, async (db) => {
      const report = await applyBatch(db, SINK, {
        alerts: [alertFixture(1, { score: 0.1 }), alertFixture(1, { score: 0.7 })],
        aggregates: [aggregateFixture({ count: 4 }), aggregateFixture({ count: 9, emit: 'FINAL' }), aggregateFixture({ count: 2 })],
        offsets: [...offsets(5n), ...offsets(7n)]
      })
      assert.deepEqual(report, { alertsInserted: 1, alertsUpdated: 0, aggregatesWritten: 1, aggregatesKeptFinal: 1, aggregatesIgnored: 0, offsetsStored: 1 })
      assert.equal((await alertById(db, alertFixture(1).alert_id))?.score, 0.7)
      assert.deepEqual(await nairobiCount(db), { count: 9, final: true })
      assert.deepEqual(await loadOffsets(db, SINK), [{ topic: TOPIC, partition: 0, nextOffset: 7n }])
    }))

    test('each input partition keeps its own share of a window; reads sum the shares', () => withStore(fixture, async (db) => {
      await applyBatch(db, SINK, {
        alerts: [],
        aggregates: [aggregateFixture({ count: 4, partition: 0, emit: 'FINAL' }), aggregateFixture({ count: 6, partition: 1 }),
          aggregateFixture({ window: 'sliding_5m_market', window_end: '2026-11-29T14:05:00.000+03:00', count: 99 })],
        offsets: []
      })
      assert.deepEqual(await nairobiCount(db), { count: 10, final: false })
      assert.equal(await rowCount(db, 'hourly_aggregates'), 2)
    }))

    test('a failure inside the transaction stores neither the rows nor the offsets', () => withStore(fixture, async (db) => {
      await applyBatch(db, SINK, { alerts: [alertFixture(1)], aggregates: [aggregateFixture({ count: 1 })], offsets: offsets(1n) })
      // The offsets are written last, so failing there proves the alert and aggregate writes before it were undone.
      await db.exec(`CREATE FUNCTION simulated_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
        CREATE TRIGGER crash_on_offsets BEFORE INSERT OR UPDATE ON sink_offsets FOR EACH ROW EXECUTE FUNCTION simulated_crash()`)
      try {
        const batch = { alerts: [alertFixture(2), alertFixture(3)], aggregates: [aggregateFixture({ count: 50 })], offsets: offsets(3n) }
        await assert.rejects(applyBatch(db, SINK, batch), /simulated crash/)
        assert.equal(await rowCount(db, 'alerts'), 1)
        assert.deepEqual(await nairobiCount(db), { count: 1, final: false })
        assert.deepEqual(await loadOffsets(db, SINK), [{ topic: TOPIC, partition: 0, nextOffset: 1n }])
      } finally {
        await db.exec('DROP TRIGGER crash_on_offsets ON sink_offsets; DROP FUNCTION simulated_crash()')
      }
      const retried = await applyBatch(db, SINK, { alerts: [alertFixture(2), alertFixture(3)], aggregates: [aggregateFixture({ count: 50 })], offsets: offsets(3n) })
      assert.equal(retried.alertsInserted, 2)
      assert.equal(await rowCount(db, 'alerts'), 3)
      assert.deepEqual(await loadOffsets(db, SINK), [{ topic: TOPIC, partition: 0, nextOffset: 3n }])
    }))

    test('an error thrown by the database mid-batch (a bad row) rolls back the whole batch', () => withStore(fixture, async (db) => {
      const bad = alertFixture(2, { severity: 'BOGUS' as 'LOW' })
      await assert.rejects(applyBatch(db, SINK, { alerts: [alertFixture(1), bad], aggregates: [aggregateFixture()], offsets: offsets(2n) }),
        (error: unknown) => error instanceof Error && 'code' in error && error.code === 'STORE_QUERY_FAILED')
      assert.equal(await rowCount(db, 'alerts'), 0)
      assert.equal(await rowCount(db, 'hourly_aggregates'), 0)
      assert.equal(await rowCount(db, 'sink_offsets'), 0)
    }))

    test('offsets are kept per sink, topic and partition, and 64-bit offsets survive the round trip', () => withStore(fixture, async (db) => {
      const big = 9_007_199_254_740_993n
      await applyBatch(db, SINK, { alerts: [], aggregates: [], offsets: [...offsets(10n, 0), ...offsets(big, 2), { topic: 'mpesa-aggregates', partition: 1, nextOffset: 4n }] })
      await applyBatch(db, 'other-sink', { alerts: [], aggregates: [], offsets: offsets(99n, 0) })
      await applyBatch(db, SINK, { alerts: [], aggregates: [], offsets: offsets(12n, 0) })
      assert.deepEqual(await loadOffsets(db, SINK), [
        { topic: 'mpesa-aggregates', partition: 1, nextOffset: 4n },
        { topic: TOPIC, partition: 0, nextOffset: 12n },
        { topic: TOPIC, partition: 2, nextOffset: big }
      ])
      assert.deepEqual(await loadOffsets(db, 'other-sink'), [{ topic: TOPIC, partition: 0, nextOffset: 99n }])
      assert.deepEqual(await loadOffsets(db, 'never-ran'), [])
      await assert.rejects(applyBatch(db, SINK, { alerts: [], aggregates: [], offsets: offsets(-1n) }), /Invalid sink offset/)
    }))

    test('concurrent batches all land, none lost', () => withStore(fixture, async (db) => {
      const batches = Array.from({ length: 8 }, (_, i) => applyBatch(db, SINK, {
        alerts: [alertFixture(i * 2), alertFixture(i * 2 + 1), alertFixture(100)],
        aggregates: [aggregateFixture({ partition: i, count: i + 1 })],
        offsets: offsets(BigInt(i + 1), i)
      }))
      await Promise.all(batches)
      assert.equal(await rowCount(db, 'alerts'), 17)
      assert.deepEqual(await nairobiCount(db), { count: 36, final: false })
      assert.equal((await loadOffsets(db, SINK)).length, 8)
    }))
  })
}
