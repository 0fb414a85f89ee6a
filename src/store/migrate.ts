// Applies the store's migrations in order, each in its own transaction, recording them in schema_migrations.
import { createHash } from 'node:crypto'
import type { Database, Queryable } from './database.ts'
import { StoreError } from './errors.ts'
import { migrations as storeMigrations, type Migration } from './schema-sql.ts'

export interface MigrationReport {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  readonly applied: readonly number[]
  /** The schema version after this call. */
  readonly version: number
}

interface AppliedRow { version: number; checksum: string }

const checksumOf = (migration: Migration): string => createHash('sha256').update(migration.sql).digest('hex')

// Serialises migrators of the same schema across processes; released at COMMIT or ROLLBACK.
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('pesaflow_store:' || current_schema()))"

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

async function appliedVersions (tx: Queryable): Promise<Map<number, string>> {
  const rows = await tx.query<AppliedRow>('SELECT version, checksum FROM schema_migrations ORDER BY version')
  return new Map(rows.map((row) => [Number(row.version), row.checksum]))
}

/** Refuses a database that ran an edited migration, or one newer than this build knows. */
function checkHistory (applied: Map<number, string>, known: readonly Migration[]): void {
  const byVersion = new Map(known.map((m) => [m.version, m]))
  for (const [version, checksum] of applied) {
    const migration = byVersion.get(version)
    if (migration === undefined) {
      throw new StoreError('STORE_MIGRATION_FAILED', `The database has migration ${version}, which this build does not know: it was migrated by a newer PesaFlow.`)
    }
    if (checksumOf(migration) !== checksum) {
      throw new StoreError('STORE_MIGRATION_FAILED', `Migration ${version} (${migration.name}) differs from the one applied to the database: add a new migration instead of editing a released one.`)
    }
  }
}

/** Applies one migration unless another process did meanwhile; true when this call applied it. */
async function applyOne (db: Database, migration: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(LOCK)
    await tx.exec(CREATE_LEDGER)
    const applied = await appliedVersions(tx)
    if (applied.has(migration.version)) return false
    try {
      await tx.exec(migration.sql)
    } catch (error) {
      throw new StoreError('STORE_MIGRATION_FAILED', `Migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
    await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
      [migration.version, migration.name, checksumOf(migration)])
    return true
  })
}

/** Brings the schema up to date; running it again applies nothing. */
export async function migrate (db: Database, known: readonly Migration[] = storeMigrations): Promise<MigrationReport> {
  const ordered = [...known].sort((a, b) => a.version - b.version)
  const applied = await db.transaction(async (tx) => {
    await tx.query(LOCK)
    await tx.exec(CREATE_LEDGER)
    return appliedVersions(tx)
  })
  checkHistory(applied, ordered)
  const done: number[] = []
  for (const migration of ordered) {
    if (applied.has(migration.version)) continue
    if (await applyOne(db, migration)) done.push(migration.version)
  }
  // Read back rather than computed: another process may have applied some of them meanwhile.
  const [row] = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations')
  return { applied: done, version: Number(row?.version ?? 0) }
}
