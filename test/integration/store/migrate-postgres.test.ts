// Migrations and connections on the real PostgreSQL server: idempotent, safe when two processes migrate at once,
// schemas isolated, and an unreachable server reported as retryable.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import pg from 'pg'
import { applyBatch, migrate, openDatabase, openStore, StoreError, type Database } from '../../../src/store/store.ts'
import { alertFixture } from '../../unit/store/fixtures.ts'
import { TEST_DATABASE_URL, uniqueSchema } from '../../unit/store/store-fixture.ts'

async function dropSchema (schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

async function count (db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
  return row?.n ?? -1
}

test('migrating twice applies nothing the second time', async () => {
  const schema = uniqueSchema('mig')
  const db = await openDatabase({ url: TEST_DATABASE_URL, schema })
  try {
    assert.deepEqual(await migrate(db), { applied: [1, 2, 3, 4], version: 4 })
    assert.deepEqual(await migrate(db), { applied: [], version: 4 })
    assert.equal(await count(db, 'schema_migrations'), 4)
  } finally {
    await db.close()
    await dropSchema(schema)
  }
})

test('two processes migrating the same schema at once apply each migration exactly once', async () => {
  const schema = uniqueSchema('race')
  const opened = await Promise.allSettled([openDatabase({ url: TEST_DATABASE_URL, schema }), openDatabase({ url: TEST_DATABASE_URL, schema })])
  const dbs = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
  try {
    const [a, b] = dbs
    assert.ok(a !== undefined && b !== undefined, 'both connections open')
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)])
    assert.deepEqual([...ra.applied, ...rb.applied].sort(), [1, 2, 3, 4])
    assert.equal(ra.version, 4)
    assert.equal(rb.version, 4)
    assert.equal(await count(a, 'schema_migrations'), 4)
  } finally {
    await Promise.all(dbs.map((db) => db.close()))
    await dropSchema(schema)
  }
})

test('schemas isolate stores on one server', async () => {
  const [one, two] = [uniqueSchema('iso'), uniqueSchema('iso')]
  const first = await openStore({ url: TEST_DATABASE_URL, schema: one })
  const second = await openStore({ url: TEST_DATABASE_URL, schema: two })
  try {
    await applyBatch(first, 'sink', { alerts: [alertFixture(1), alertFixture(2)], aggregates: [], offsets: [] })
    assert.equal(await count(first, 'alerts'), 2)
    assert.equal(await count(second, 'alerts'), 0)
  } finally {
    await Promise.all([first.close(), second.close()])
    await Promise.all([dropSchema(one), dropSchema(two)])
  }
})

test('an unreachable server is a retryable STORE_UNAVAILABLE error, and a non-postgres URL is refused', async () => {
  await assert.rejects(openDatabase({ url: 'postgresql://postgres@127.0.0.1:1/test' }),
    (error: unknown) => error instanceof StoreError && error.code === 'STORE_UNAVAILABLE' && error.retryable)
  await assert.rejects(openDatabase({ url: 'mysql://127.0.0.1/test' }), /must be a postgres:\/\/ or postgresql:\/\/ URL/)
})
