// The alert store's entry point: open the configured database and bring its schema up to date, then use the exports below.
import { openDatabase, type Database, type DatabaseOptions } from './database.ts'
import { migrate } from './migrate.ts'

/** Opens PostgreSQL (url) or PGlite (dataDir, or memory) and applies pending migrations; closes it again if they fail. */
export async function openStore (options: DatabaseOptions = {}): Promise<Database> {
  const db = await openDatabase(options)
  try {
    await migrate(db)
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}

export { openDatabase, type Database, type DatabaseEngine, type DatabaseOptions, type Queryable } from './database.ts'
export { migrate, type MigrationReport } from './migrate.ts'
export { migrations, type Migration } from './schema-sql.ts'
export { StoreError, StoreErrorCodes, isStoreError, toStoreError, type StoreErrorCode } from './errors.ts'
export { parseAlertRecord, parseAggregateRecord, AlertRecordSchema, AggregateRecordSchema, type AggregateRow } from './records.ts'
export { applyBatch, loadOffsets, STORED_WINDOWS, type BatchReport, type SinkBatch, type SinkOffset } from './sink.ts'
export { acknowledge, resolve, TRIAGE_STATUSES, TRIAGE_TRANSITIONS, type TriageResult, type TriageStatus } from './triage.ts'
export { normaliseAccount, type AlertFilter } from './alert-filter.ts'
export { alertById, alertCounts, listAlerts, type AlertCounts, type AlertDetail, type AlertListItem, type AlertListQuery, type AlertPage, type TriageEvent, type TypologyCount } from './alert-queries.ts'
export { currentHourByMarket, hourlyByMarket, hourStart, last24HoursByMarket, latestHourStart, totalsByTransactionType, type HourRange, type MarketHour, type TypeTotals, type Volumes } from './aggregate-queries.ts'
