// The dashboard's reads of hourly aggregates: volumes by market per hour (current hour, last 24 hours) and totals by type.
import { WindowNames } from '../pipeline/market-aggregates.ts'
import type { Queryable } from './database.ts'
import { StoreError } from './errors.ts'
import { toDate, toEat, toNumber, type TimeBound } from './rows.ts'

const HOUR_MS = 3_600_000

export interface Volumes {
  readonly count: number
  /** Whole KES moved by successful transactions. */
  readonly sum_amount: number
  readonly sum_fee: number
  readonly failed_count: number
}

/** One market's hour, summed over the input partitions' shares. */
export interface MarketHour extends Volumes {
  readonly hour_start: string
  readonly market: string
  /** True when every stored share of the hour is FINAL (the window has closed). */
  readonly final: boolean
}

export interface TypeTotals extends Volumes { readonly transaction_type: string }

export interface HourRange {
  /** First hour included (floored to the hour). */
  readonly from: TimeBound
  /** Hours starting before this are included. */
  readonly to: TimeBound
  /** One county; undefined: all. */
  readonly market?: string | undefined
}

type Row = Record<string, unknown>

const VOLUME_SUMS = 'sum(count) AS count, sum(sum_amount) AS sum_amount, sum(sum_fee) AS sum_fee, sum(failed_count) AS failed_count'

function volumes (row: Row): Volumes {
  return {
    count: toNumber(row.count, 'count'),
    sum_amount: toNumber(row.sum_amount, 'sum_amount'),
    sum_fee: toNumber(row.sum_fee, 'sum_fee'),
    failed_count: toNumber(row.failed_count, 'failed_count')
  }
}

/** EAT is UTC+3 with no daylight saving, so hours start at the same instants in both. */
export const hourStart = (time: TimeBound): Date => new Date(Math.floor(toDate(time, 'time').getTime() / HOUR_MS) * HOUR_MS)

function rangeParams (range: HourRange): unknown[] {
  const from = hourStart(range.from)
  const to = toDate(range.to, 'to')
  if (to.getTime() < from.getTime()) throw new StoreError('STORE_QUERY_INVALID', 'The hour range ends before it starts.')
  return [from, to, range.market ?? null]
}

/** Volumes by market and hour (hourly_market windows), oldest hour first, markets alphabetical. */
export async function hourlyByMarket (db: Queryable, range: HourRange): Promise<MarketHour[]> {
  const rows = await db.query<Row>(`
    SELECT window_start, market, ${VOLUME_SUMS}, bool_and(final) AS final FROM hourly_aggregates
    WHERE window_name = $4 AND window_start >= $1 AND window_start < $2 AND ($3::text IS NULL OR market = $3)
    GROUP BY window_start, market ORDER BY window_start, market`, [...rangeParams(range), WindowNames.hourlyByMarket])
  return rows.map((row) => ({ hour_start: toEat(row.window_start, 'window_start'), market: String(row.market), ...volumes(row), final: row.final === true }))
}

/** The hour containing now, by market. */
export function currentHourByMarket (db: Queryable, now: TimeBound = new Date()): Promise<MarketHour[]> {
  const start = hourStart(now)
  return hourlyByMarket(db, { from: start, to: new Date(start.getTime() + HOUR_MS) })
}

/** The 24 hours up to and including the one containing now, by market and hour. */
export function last24HoursByMarket (db: Queryable, now: TimeBound = new Date(), market?: string): Promise<MarketHour[]> {
  const start = hourStart(now)
  return hourlyByMarket(db, { from: new Date(start.getTime() - 23 * HOUR_MS), to: new Date(start.getTime() + HOUR_MS), market })
}

/** Volumes by transaction type (hourly_market_type windows) over the hours in range, largest count first. */
export async function totalsByTransactionType (db: Queryable, range: HourRange): Promise<TypeTotals[]> {
  const rows = await db.query<Row>(`
    SELECT transaction_type, ${VOLUME_SUMS} FROM hourly_aggregates
    WHERE window_name = $4 AND window_start >= $1 AND window_start < $2 AND ($3::text IS NULL OR market = $3)
    GROUP BY transaction_type ORDER BY sum(count) DESC, transaction_type`, [...rangeParams(range), WindowNames.hourlyByMarketAndType])
  return rows.map((row) => ({ transaction_type: String(row.transaction_type), ...volumes(row) }))
}

/** Start of the newest stored hour (EAT), for simulated traffic whose "now" is not the wall clock; undefined when empty. */
export async function latestHourStart (db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<Row>('SELECT max(window_start) AS latest FROM hourly_aggregates WHERE window_name = $1', [WindowNames.hourlyByMarket])
  return row?.latest === null || row?.latest === undefined ? undefined : toEat(row.latest, 'latest')
}
