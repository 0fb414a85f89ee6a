// The Database interface on a PostgreSQL server through a pg connection pool, optionally confined to one schema.
import pg from 'pg'
import { quotedSchema, type Database, type DatabaseOptions, type Queryable } from './database.ts'
import { toStoreError } from './errors.ts'

function queryableOn (client: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
      try {
        const result = await client.query<Row>(sql, [...params])
        return result.rows
      } catch (error) {
        throw toStoreError(error, 'PostgreSQL query failed')
      }
    },
    exec: async (script: string): Promise<void> => {
      try {
        // Without parameters pg uses the simple query protocol, which accepts several statements.
        await client.query(script)
      } catch (error) {
        throw toStoreError(error, 'PostgreSQL script failed')
      }
    }
  }
}

async function inTransaction<T> (pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw toStoreError(error, 'PostgreSQL connection failed')
  }
  const tx = queryableOn(client)
  let broken: Error | undefined
  try {
    await tx.exec('BEGIN')
    const result = await work(tx)
    await tx.exec('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackError) {
      // A connection that cannot roll back is destroyed rather than returned to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    }
    throw error
  } finally {
    client.release(broken)
  }
}

/** CREATE SCHEMA IF NOT EXISTS races with itself across connections, so creators take turns under a lock. */
async function createSchema (pool: pg.Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('pesaflow_store_schema:' || $1))", [schema])
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema(schema)}`)
  })
}

export async function openPostgres (url: string, options: DatabaseOptions): Promise<Database> {
  const schema = options.schema
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    // Every pooled connection starts with the schema as its search path.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` })
  })
  pool.on('error', (error) => { options.onIdleError?.(error) })
  const base = queryableOn(pool)
  try {
    if (schema === undefined) await base.query('SELECT 1')
    else await createSchema(pool, schema)
  } catch (error) {
    await pool.end()
    throw error
  }
  return {
    engine: 'postgres',
    schema,
    query: base.query,
    exec: base.exec,
    transaction: (work) => inTransaction(pool, work),
    close: () => pool.end()
  }
}
