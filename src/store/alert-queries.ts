// The dashboard's reads of alerts: a filtered, paginated list with masked accounts, one alert in full, and counts.
import { maskMsisdn, maskMsisdnsInText } from '../domain/msisdn.ts'
import type { Alert, Severity } from '../pipeline/alerts.ts'
import { alertConditions, SEVERITIES, whereSql, type AlertFilter } from './alert-filter.ts'
import type { Queryable } from './database.ts'
import { StoreError } from './errors.ts'
import { textOrNull, toEat, toEatOrNull, toNumber } from './rows.ts'
import { TRIAGE_STATUSES, type TriageStatus } from './triage.ts'

export interface AlertListQuery extends AlertFilter {
  /** Rows per page, 1 to 500 (default 50). */
  readonly limit?: number | undefined
  /** nextCursor of the previous page. */
  readonly cursor?: string | undefined
}

/** One row of the alert list: the account masked, phone numbers in the explanation masked. */
export interface AlertListItem {
  readonly alert_id: string
  readonly rule_id: string
  readonly typology: string
  readonly severity: Severity
  readonly score: number
  readonly account_masked: string
  readonly transaction_count: number
  readonly event_time: string
  readonly detected_at: string
  readonly explanation: string
  readonly status: TriageStatus
  readonly triaged_by: string | null
  readonly triaged_at: string | null
}

export interface AlertPage {
  readonly items: readonly AlertListItem[]
  /** Pass as cursor for the next (older) page; undefined on the last page. */
  readonly nextCursor: string | undefined
}

type Row = Record<string, unknown>

const LIST_COLUMNS = 'alert_id, rule_id, typology, severity, score, account, cardinality(transaction_ids) AS transaction_count, event_time, detected_at, explanation, status, triaged_by, triaged_at'

function listItem (row: Row): AlertListItem {
  return {
    alert_id: String(row.alert_id),
    rule_id: String(row.rule_id),
    typology: String(row.typology),
    severity: row.severity as Severity,
    score: toNumber(row.score, 'score'),
    account_masked: maskMsisdn(String(row.account)),
    transaction_count: toNumber(row.transaction_count, 'transaction_count'),
    event_time: toEat(row.event_time, 'event_time'),
    detected_at: toEat(row.detected_at, 'detected_at'),
    explanation: maskMsisdnsInText(String(row.explanation)),
    status: row.status as TriageStatus,
    triaged_by: textOrNull(row.triaged_by),
    triaged_at: toEatOrNull(row.triaged_at, 'triaged_at')
  }
}

// The cursor is the last row's sort key (event time, alert id), opaque to the client.
function encodeCursor (row: Row): string {
  const time = row.event_time instanceof Date ? row.event_time.toISOString() : String(row.event_time)
  return Buffer.from(JSON.stringify([time, String(row.alert_id)])).toString('base64url')
}

function decodeCursor (cursor: string): [Date, string] {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    const date = new Date(String(time))
    if (typeof id === 'string' && !Number.isNaN(date.getTime())) return [date, id]
  } catch {
    // Falls through to the error below.
  }
  throw new StoreError('STORE_QUERY_INVALID', 'The page cursor is not one this store returned.')
}

function pageSize (limit: number | undefined): number {
  const size = limit ?? 50
  if (!Number.isInteger(size) || size < 1 || size > 500) throw new StoreError('STORE_QUERY_INVALID', `limit must be an integer from 1 to 500, not ${size}.`)
  return size
}

/** Alerts matching the filter, newest event first, one page at a time (keyset pagination: stable while rows arrive). */
export async function listAlerts (db: Queryable, query: AlertListQuery = {}): Promise<AlertPage> {
  const size = pageSize(query.limit)
  const { conditions, params, param } = alertConditions(query)
  if (query.cursor !== undefined && query.cursor !== '') {
    const [time, id] = decodeCursor(query.cursor)
    conditions.push(`(event_time, alert_id) < (${param(time)}::timestamptz, ${param(id)}::text)`)
  }
  const sql = `SELECT ${LIST_COLUMNS} FROM alerts${whereSql(conditions)} ORDER BY event_time DESC, alert_id DESC LIMIT ${param(size + 1)}`
  const rows = await db.query<Row>(sql, params)
  const page = rows.slice(0, size)
  const last = page[page.length - 1]
  return { items: page.map(listItem), nextCursor: rows.length > size && last !== undefined ? encodeCursor(last) : undefined }
}

export interface TriageEvent {
  readonly from_status: TriageStatus
  readonly to_status: TriageStatus
  readonly by: string
  readonly at: string
  readonly note: string | null
}

/** One alert in full (the account unmasked, for an analyst who opened it), with its triage state and history. */
export interface AlertDetail extends Alert {
  readonly status: TriageStatus
  readonly triaged_by: string | null
  readonly triaged_at: string | null
  readonly note: string | null
  readonly first_seen_at: string
  readonly last_seen_at: string
  readonly history: readonly TriageEvent[]
}

function detail (row: Row, history: readonly TriageEvent[]): AlertDetail {
  return {
    alert_id: String(row.alert_id),
    rule_id: String(row.rule_id),
    rule_version: toNumber(row.rule_version, 'rule_version'),
    typology: String(row.typology) as Alert['typology'],
    severity: row.severity as Severity,
    score: toNumber(row.score, 'score'),
    account: String(row.account),
    transaction_ids: (row.transaction_ids as unknown[]).map(String),
    event_time: toEat(row.event_time, 'event_time'),
    detected_at: toEat(row.detected_at, 'detected_at'),
    explanation: String(row.explanation),
    status: row.status as TriageStatus,
    triaged_by: textOrNull(row.triaged_by),
    triaged_at: toEatOrNull(row.triaged_at, 'triaged_at'),
    note: textOrNull(row.note),
    first_seen_at: toEat(row.first_seen_at, 'first_seen_at'),
    last_seen_at: toEat(row.last_seen_at, 'last_seen_at'),
    history
  }
}

/** The alert with this id, or undefined. */
export async function alertById (db: Queryable, alertId: string): Promise<AlertDetail | undefined> {
  const [row] = await db.query<Row>('SELECT * FROM alerts WHERE alert_id = $1', [alertId])
  if (row === undefined) return undefined
  const events = await db.query<Row>(
    'SELECT from_status, to_status, actor, at, note FROM alert_triage_events WHERE alert_id = $1 ORDER BY id', [alertId])
  return detail(row, events.map((e) => ({
    from_status: e.from_status as TriageStatus,
    to_status: e.to_status as TriageStatus,
    by: String(e.actor),
    at: toEat(e.at, 'at'),
    note: textOrNull(e.note)
  })))
}

export interface TypologyCount { readonly typology: string; readonly total: number; readonly byStatus: Readonly<Record<TriageStatus, number>> }

export interface AlertCounts {
  readonly total: number
  readonly byStatus: Readonly<Record<TriageStatus, number>>
  readonly bySeverity: Readonly<Record<Severity, number>>
  /** Most alerts first. */
  readonly byTypology: readonly TypologyCount[]
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/** Alert counts by status, severity and typology over the alerts matching the filter. */
export async function alertCounts (db: Queryable, filter: AlertFilter = {}): Promise<AlertCounts> {
  const { conditions, params } = alertConditions(filter)
  const rows = await db.query<Row>(
    `SELECT typology, severity, status, count(*) AS n FROM alerts${whereSql(conditions)} GROUP BY typology, severity, status`, params)
  const byStatus = zeroes(TRIAGE_STATUSES)
  const bySeverity = zeroes(SEVERITIES)
  const typologies = new Map<string, { typology: string; total: number; byStatus: Record<TriageStatus, number> }>()
  let total = 0
  for (const row of rows) {
    const n = toNumber(row.n, 'count')
    const status = row.status as TriageStatus
    const typology = String(row.typology)
    const entry = typologies.get(typology) ?? { typology, total: 0, byStatus: zeroes(TRIAGE_STATUSES) }
    entry.total += n
    entry.byStatus[status] += n
    typologies.set(typology, entry)
    byStatus[status] += n
    bySeverity[row.severity as Severity] += n
    total += n
  }
  const byTypology = [...typologies.values()].sort((a, b) => b.total - a.total || a.typology.localeCompare(b.typology))
  return { total, byStatus, bySeverity, byTypology }
}
