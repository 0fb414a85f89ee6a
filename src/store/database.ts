// One small database interface over PostgreSQL (pg.Pool) and embedded PGlite, so the store runs the same SQL on both.
import { StoreError } from './errors.ts'

/** Something that runs SQL: the database itself or an open transaction. Values always travel as $n parameters. */
export interface Queryable {
  /** Runs one statement with positional parameters and returns its rows. */
  readonly query: <Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<Row[]>
  /** Runs a parameterless script of one or more statements (migrations). */
  readonly exec: (script: string) => Promise<void>
}

export type DatabaseEngine = 'postgres' | 'pglite'

export interface Database extends Queryable {
  readonly engine: DatabaseEngine
  /** The schema every unqualified table name resolves to; undefined: the engine's default (public). */
  readonly schema: string | undefined
  /**
   * Runs work inside BEGIN … COMMIT; any error rolls back and is rethrown. On PGlite transactions are serialised
   * (one connection); on PostgreSQL each gets a pooled connection of its own.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** postgres:// or postgresql:// URL: use that server. Undefined or empty: embedded PGlite. */
  readonly url?: string | undefined
  /** PGlite only: the folder the embedded database persists in; undefined: in memory (tests). */
  readonly dataDir?: string | undefined
  /** Schema to create if missing and to use for every table (tests give each run its own). */
  readonly schema?: string | undefined
  /** PostgreSQL only: most pooled connections (default 4). */
  readonly poolSize?: number | undefined
  /** PostgreSQL only: errors of idle pooled connections (the next query fails and is classified anyway). */
  readonly onIdleError?: ((error: Error) => void) | undefined
}

// Lower-case identifiers only: they need no quoting rules beyond double quotes and cannot smuggle SQL.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** The schema name as a quoted SQL identifier, after checking it is a plain lower-case name. */
export function quotedSchema (schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError('STORE_QUERY_INVALID', `Schema name ${JSON.stringify(schema)} is not allowed: use lower-case letters, digits and _ (at most 63, not starting with a digit).`)
  }
  return `"${schema}"`
}

/** Opens PostgreSQL when a URL is given, else PGlite (persisted in dataDir, or in memory). */
export async function openDatabase (options: DatabaseOptions = {}): Promise<Database> {
  if (options.schema !== undefined) quotedSchema(options.schema)
  if (options.url !== undefined && options.url !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.url)) {
      throw new StoreError('STORE_QUERY_INVALID', 'DATABASE_URL must be a postgres:// or postgresql:// URL.')
    }
    const { openPostgres } = await import('./postgres-database.ts')
    return openPostgres(options.url, options)
  }
  const { openPglite } = await import('./pglite-database.ts')
  return openPglite(options.dataDir, options.schema)
}
