// The alert store's sink: alerts, hourly aggregates and the consumed offsets written in one database transaction.
import type { Alert } from '../pipeline/alerts.ts'
import { WindowNames } from '../pipeline/market-aggregates.ts'
import type { Database, Queryable } from './database.ts'
import { StoreError } from './errors.ts'
import type { AggregateRow } from './records.ts'

/** Where a sink resumes: the offset of the next record to read from one topic partition. */
export interface SinkOffset { readonly topic: string; readonly partition: number; readonly nextOffset: bigint }

export interface SinkBatch {
  readonly alerts: readonly Alert[]
  readonly aggregates: readonly AggregateRow[]
  /** The positions after this batch's records; stored with the rows, so rows and positions never disagree. */
  readonly offsets: readonly SinkOffset[]
}

export interface BatchReport {
  readonly alertsInserted: number
  /** Alerts already stored (a replay): content refreshed, triage kept. */
  readonly alertsUpdated: number
  readonly aggregatesWritten: number
  /** EARLY rows not written because the window's FINAL row is already stored. */
  readonly aggregatesKeptFinal: number
  /** Rows of windows the store does not keep (the 5-minute sliding window). */
  readonly aggregatesIgnored: number
  readonly offsetsStored: number
}

/** The windows materialised in hourly_aggregates; sliding windows stay on the topic. */
export const STORED_WINDOWS: readonly string[] = [WindowNames.hourlyByMarket, WindowNames.hourlyByMarketAndType]

// Triage columns and first_seen_at are left out of the update: a replayed alert keeps its analyst's work.
const UPSERT_ALERTS = `
INSERT INTO alerts (alert_id, rule_id, rule_version, typology, severity, score, account, transaction_ids, event_time, detected_at, explanation)
SELECT r.alert_id, r.rule_id, r.rule_version, r.typology, r.severity, r.score, r.account, r.transaction_ids, r.event_time, r.detected_at, r.explanation
FROM jsonb_to_recordset($1::jsonb) AS r (alert_id text, rule_id text, rule_version integer, typology text, severity text, score double precision,
  account text, transaction_ids text[], event_time timestamptz, detected_at timestamptz, explanation text)
ON CONFLICT (alert_id) DO UPDATE SET
  rule_id = EXCLUDED.rule_id, rule_version = EXCLUDED.rule_version, typology = EXCLUDED.typology, severity = EXCLUDED.severity,
  score = EXCLUDED.score, account = EXCLUDED.account, transaction_ids = EXCLUDED.transaction_ids, event_time = EXCLUDED.event_time,
  detected_at = EXCLUDED.detected_at, explanation = EXCLUDED.explanation, last_seen_at = now()
RETURNING (xmax = 0) AS inserted`

// The WHERE keeps a FINAL row from being replaced by an EARLY one; anything else replaces what is stored.
const UPSERT_AGGREGATES = `
INSERT INTO hourly_aggregates (window_name, window_start, window_end, market, transaction_type, source_partition, count, sum_amount, sum_fee, failed_count, final)
SELECT r.window_name, r.window_start, r.window_end, r.market, r.transaction_type, r.source_partition, r.count, r.sum_amount, r.sum_fee, r.failed_count, r.final
FROM jsonb_to_recordset($1::jsonb) AS r (window_name text, window_start timestamptz, window_end timestamptz, market text, transaction_type text,
  source_partition integer, count bigint, sum_amount bigint, sum_fee bigint, failed_count bigint, final boolean)
ON CONFLICT (window_name, window_start, market, transaction_type, source_partition) DO UPDATE SET
  window_end = EXCLUDED.window_end, count = EXCLUDED.count, sum_amount = EXCLUDED.sum_amount, sum_fee = EXCLUDED.sum_fee,
  failed_count = EXCLUDED.failed_count, final = EXCLUDED.final, updated_at = now()
WHERE NOT hourly_aggregates.final OR EXCLUDED.final
RETURNING 1 AS written`

const UPSERT_OFFSETS = `
INSERT INTO sink_offsets (sink_name, topic, partition, next_offset)
SELECT $1, r.topic, r.partition, r.next_offset
FROM jsonb_to_recordset($2::jsonb) AS r (topic text, partition integer, next_offset bigint)
ON CONFLICT (sink_name, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`

const inKeyOrder = <T>(entries: Iterable<[string, T]>): T[] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)

/**
 * One statement may touch a row once, so a batch keeps the last alert per id; rows go in key order so that
 * concurrent batches lock shared rows in the same order and cannot deadlock.
 */
function lastAlertPerId (alerts: readonly Alert[]): Alert[] {
  return inKeyOrder(new Map(alerts.map((alert) => [alert.alert_id, alert])))
}

interface AggregateColumns {
  window_name: string; window_start: string; window_end: string; market: string; transaction_type: string
  source_partition: number; count: number; sum_amount: number; sum_fee: number; failed_count: number; final: boolean
}

function aggregateColumns (row: AggregateRow): AggregateColumns {
  return {
    window_name: row.window, window_start: row.window_start, window_end: row.window_end, market: row.market,
    transaction_type: row.transaction_type ?? '', source_partition: row.partition, count: row.count, sum_amount: row.sum_amount,
    sum_fee: row.sum_fee, failed_count: row.failed_count, final: row.emit === 'FINAL'
  }
}

/** The last row per window key within the batch, under the same FINAL-beats-EARLY rule as the table. */
function latestPerWindow (rows: readonly AggregateRow[]): { rows: AggregateColumns[]; keptFinal: number } {
  const latest = new Map<string, AggregateColumns>()
  let keptFinal = 0
  for (const row of rows) {
    const columns = aggregateColumns(row)
    const key = [columns.window_name, columns.window_start, columns.market, columns.transaction_type, columns.source_partition].join('|')
    const previous = latest.get(key)
    if (previous !== undefined && previous.final && !columns.final) { keptFinal++; continue }
    latest.set(key, columns)
  }
  return { rows: inKeyOrder(latest), keptFinal }
}

function checkedOffsets (sinkName: string, offsets: readonly SinkOffset[]): { topic: string; partition: number; next_offset: string }[] {
  if (sinkName.length === 0 || sinkName.length > 200) throw new StoreError('STORE_QUERY_INVALID', 'A sink name must have 1 to 200 characters.')
  const byPartition = new Map<string, { topic: string; partition: number; next_offset: string }>()
  for (const offset of offsets) {
    if (offset.topic.length === 0 || !Number.isInteger(offset.partition) || offset.partition < 0 || offset.partition > 1_000_000 || offset.nextOffset < 0n) {
      throw new StoreError('STORE_QUERY_INVALID', `Invalid sink offset ${offset.topic}[${offset.partition}]@${offset.nextOffset}.`)
    }
    // bigint travels as text: JSON has no 64-bit integers.
    byPartition.set(`${offset.topic}|${offset.partition}`, { topic: offset.topic, partition: offset.partition, next_offset: offset.nextOffset.toString() })
  }
  return inKeyOrder(byPartition)
}

async function upsertAlerts (tx: Queryable, alerts: readonly Alert[]): Promise<{ inserted: number; updated: number }> {
  if (alerts.length === 0) return { inserted: 0, updated: 0 }
  const rows = await tx.query<{ inserted: boolean }>(UPSERT_ALERTS, [JSON.stringify(lastAlertPerId(alerts))])
  const inserted = rows.filter((row) => row.inserted).length
  return { inserted, updated: rows.length - inserted }
}

async function upsertAggregates (tx: Queryable, rows: readonly AggregateColumns[]): Promise<number> {
  if (rows.length === 0) return 0
  return (await tx.query(UPSERT_AGGREGATES, [JSON.stringify(rows)])).length
}

/**
 * Writes a batch in ONE transaction: alerts upserted by alert_id, hourly aggregates upserted by window key, and the
 * sink's offsets. Either all of it is stored or none, so a restart resumes exactly after the last stored batch.
 */
export async function applyBatch (db: Database, sinkName: string, batch: SinkBatch): Promise<BatchReport> {
  const offsets = checkedOffsets(sinkName, batch.offsets)
  const stored = batch.aggregates.filter((row) => STORED_WINDOWS.includes(row.window))
  const latest = latestPerWindow(stored)
  return db.transaction(async (tx) => {
    const alerts = await upsertAlerts(tx, batch.alerts)
    const written = await upsertAggregates(tx, latest.rows)
    if (offsets.length > 0) await tx.query(UPSERT_OFFSETS, [sinkName, JSON.stringify(offsets)])
    return {
      alertsInserted: alerts.inserted,
      alertsUpdated: alerts.updated,
      aggregatesWritten: written,
      aggregatesKeptFinal: latest.keptFinal + (latest.rows.length - written),
      aggregatesIgnored: batch.aggregates.length - stored.length,
      offsetsStored: offsets.length
    }
  })
}

/** The sink's stored positions, by topic and partition: seek each partition to nextOffset to resume. */
export async function loadOffsets (db: Queryable, sinkName: string): Promise<SinkOffset[]> {
  const rows = await db.query<{ topic: string; partition: number; next_offset: string }>(
    'SELECT topic, partition, next_offset::text AS next_offset FROM sink_offsets WHERE sink_name = $1 ORDER BY topic, partition', [sinkName])
  return rows.map((row) => ({ topic: row.topic, partition: Number(row.partition), nextOffset: BigInt(row.next_offset) }))
}
