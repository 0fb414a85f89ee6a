// Migrations on PGlite: applied once and in order, a failing one leaves no trace, edited or unknown history is refused,
// and a database persisted in a data directory reopens with its rows and nothing to migrate.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { applyBatch, loadOffsets, migrate, migrations, openDatabase, openStore, StoreError, type Database } from '../../../src/store/store.ts'
import { alertFixture } from './fixtures.ts'

async function tableNames (db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")
  return rows.map((row) => row.name)
}

const failsWith = (pattern: RegExp) => (error: unknown): boolean =>
  error instanceof StoreError && error.code === 'STORE_MIGRATION_FAILED' && pattern.test(error.message)

test('migration lifecycle on one database', async () => {
  const db = await openDatabase()
  try {
    assert.deepEqual(await migrate(db), { applied: [1, 2, 3, 4], version: 4 })
    assert.deepEqual(await migrate(db), { applied: [], version: 4 })
    assert.deepEqual(await tableNames(db), ['alert_triage_events', 'alerts', 'hourly_aggregates', 'schema_migrations', 'sink_offsets'])

    const addition = { version: 5, name: 'extra', sql: 'CREATE TABLE extra (x int)' }
    assert.deepEqual(await migrate(db, [addition, ...migrations]), { applied: [5], version: 5 })

    const broken = { version: 6, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT 1 / 0' }
    await assert.rejects(migrate(db, [...migrations, addition, broken]), failsWith(/Migration 6 \(broken\) failed: .*division by zero/))
    assert.ok(!(await tableNames(db)).includes('half_done'))
    const [recorded] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')
    assert.equal(recorded?.n, 5)

    const edited = migrations.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql} -- edited` } : m))
    await assert.rejects(migrate(db, [...edited, addition]), failsWith(/Migration 2 \(hourly_aggregates\) differs/))
    await assert.rejects(migrate(db, migrations), failsWith(/migration 5, which this build does not know/))
  } finally {
    await db.close()
  }
})

test('a PGlite store persisted in a data directory reopens with its rows and offsets', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pesaflow-store-'))
  try {
    const first = await openStore({ dataDir })
    await applyBatch(first, 'alert-store', { alerts: [alertFixture(1)], aggregates: [], offsets: [{ topic: 'mpesa-alerts', partition: 0, nextOffset: 42n }] })
    await first.close()
    const reopened = await openDatabase({ dataDir })
    try {
      assert.deepEqual(await migrate(reopened), { applied: [], version: 4 })
      assert.deepEqual(await loadOffsets(reopened, 'alert-store'), [{ topic: 'mpesa-alerts', partition: 0, nextOffset: 42n }])
      const [row] = await reopened.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts')
      assert.equal(row?.n, 1)
    } finally {
      await reopened.close()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
