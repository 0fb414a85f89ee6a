// The Database interface on embedded PGlite (Postgres compiled to WASM): one connection, transactions serialised.
import { mkdir } from 'node:fs/promises'
import type { PGlite, Transaction } from '@electric-sql/pglite'
import { quotedSchema, type Database, type Queryable } from './database.ts'
import { toStoreError } from './errors.ts'

function queryableOn (target: PGlite | Transaction): Queryable {
  return {
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
      try {
        const result = await target.query<Row>(sql, [...params])
        return result.rows
      } catch (error) {
        throw toStoreError(error, 'PGlite query failed')
      }
    },
    exec: async (script: string): Promise<void> => {
      try {
        await target.exec(script)
      } catch (error) {
        throw toStoreError(error, 'PGlite script failed')
      }
    }
  }
}

/**
 * Opens PGlite persisted in dataDir (created on first use) or, without one, in memory.
 * A data directory belongs to one process at a time: PGlite does not lock it.
 */
export async function openPglite (dataDir: string | undefined, schema: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  let lite: PGlite
  try {
    if (dataDir !== undefined) await mkdir(dataDir, { recursive: true })
    lite = await PGlite.create(dataDir)
  } catch (error) {
    throw toStoreError(error, `PGlite could not open ${dataDir ?? 'an in-memory database'}`)
  }
  const base = queryableOn(lite)
  if (schema !== undefined) {
    // One connection, so the search path set here holds for every later statement.
    await base.exec(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema(schema)}; SET search_path TO ${quotedSchema(schema)}`)
  }
  return {
    engine: 'pglite',
    schema,
    query: base.query,
    exec: base.exec,
    // PGlite's own transaction() holds its mutex, so other queries wait until COMMIT or ROLLBACK.
    transaction: (work) => lite.transaction((tx) => work(queryableOn(tx))),
    close: () => lite.close()
  }
}
