// How the store contract suites get a database: one in-memory PGlite per file (emptied per test) or a PostgreSQL schema per test.
import { randomBytes } from 'node:crypto'
import { after, before } from 'node:test'
import { openStore, type Database } from '../../../src/store/store.ts'

export interface StoreFixture {
  readonly engine: string
  /** An empty, migrated store for one test. */
  readonly fresh: () => Promise<Database>
  /** Called after each test with the store fresh() gave it. */
  readonly release: (db: Database) => Promise<void>
}

/** Runs a test body on a fresh store and always releases it. */
export async function withStore (fixture: StoreFixture, body: (db: Database) => Promise<void>): Promise<void> {
  const db = await fixture.fresh()
  try {
    await body(db)
  } finally {
    await fixture.release(db)
  }
}

const STORE_TABLES = 'alert_triage_events, alerts, hourly_aggregates, sink_offsets'

/**
 * In-memory PGlite, opened once per test file (creating one takes seconds) and emptied before each test.
 * Call at the top level of a test file: it registers before/after hooks.
 */
export function pgliteFixture (): StoreFixture {
  let shared: Database | undefined
  before(async () => { shared = await openStore() })
  after(async () => { await shared?.close() })
  return {
    engine: 'PGlite',
    fresh: async () => {
      if (shared === undefined) throw new Error('pgliteFixture: the before hook has not run')
      await shared.exec(`TRUNCATE ${STORE_TABLES} RESTART IDENTITY`)
      return shared
    },
    release: async () => {}
  }
}

export const TEST_DATABASE_URL = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== ''
  ? process.env.DATABASE_URL
  : 'postgresql://postgres@127.0.0.1:5432/test'

export const uniqueSchema = (label: string): string => `pf_${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

/** A schema of its own per test on the PostgreSQL server, dropped with everything in it afterwards. */
export function postgresFixture (label: string): StoreFixture {
  return {
    engine: 'PostgreSQL',
    fresh: () => openStore({ url: TEST_DATABASE_URL, schema: uniqueSchema(label), poolSize: 3 }),
    release: async (db) => {
      try {
        await db.exec(`DROP SCHEMA "${db.schema ?? 'missing'}" CASCADE`)
      } finally {
        await db.close()
      }
    }
  }
}
