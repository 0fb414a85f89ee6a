// Stored volumes for the page: by market and by hour over the last 24 hours (or the current hour), and by transaction type.
import { currentHourByMarket, hourStart, last24HoursByMarket, latestHourStart, totalsByTransactionType, type Database, type MarketHour } from '../store/store.ts'
import type { VolumeRange } from './request-schemas.ts'

const HOUR_MS = 3_600_000

export interface StoredMarketVolume { readonly market: string; readonly count: number; readonly sumAmount: number; readonly sumFee: number; readonly failedCount: number }
export interface StoredHourVolume { readonly start: number; readonly count: number; readonly sumAmount: number }
export interface StoredTypeVolume { readonly transactionType: string; readonly count: number; readonly sumAmount: number }

export interface VolumesView {
  readonly range: VolumeRange
  /** Epoch ms of the newest hour covered: the hour of `at`, else the newest stored hour, else the hour of now. */
  readonly hourStart: number
  /** Summed over the range, largest amount first. */
  readonly markets: readonly StoredMarketVolume[]
  /** Every hour of the range, oldest first, summed over markets (zero where nothing is stored). */
  readonly hours: readonly StoredHourVolume[]
  readonly types: readonly StoredTypeVolume[]
}

function byMarket (rows: readonly MarketHour[]): StoredMarketVolume[] {
  const markets = new Map<string, { market: string; count: number; sumAmount: number; sumFee: number; failedCount: number }>()
  for (const row of rows) {
    const entry = markets.get(row.market) ?? { market: row.market, count: 0, sumAmount: 0, sumFee: 0, failedCount: 0 }
    entry.count += row.count
    entry.sumAmount += row.sum_amount
    entry.sumFee += row.sum_fee
    entry.failedCount += row.failed_count
    markets.set(row.market, entry)
  }
  return [...markets.values()].sort((a, b) => b.sumAmount - a.sumAmount || a.market.localeCompare(b.market))
}

function byHour (rows: readonly MarketHour[], first: number, hours: number): StoredHourVolume[] {
  const slots = Array.from({ length: hours }, (_, i) => ({ start: first + i * HOUR_MS, count: 0, sumAmount: 0 }))
  for (const row of rows) {
    const slot = slots[(Date.parse(row.hour_start) - first) / HOUR_MS]
    if (slot === undefined) continue
    slot.count += row.count
    slot.sumAmount += row.sum_amount
  }
  return slots
}

/** The hour the page shows as "now": simulated traffic's "now" is the newest stored hour, not the wall clock. */
async function newestHour (db: Database, at: string | undefined, now: Date): Promise<number> {
  if (at !== undefined) return hourStart(at).getTime()
  const latest = await latestHourStart(db)
  return hourStart(latest ?? now).getTime()
}

export async function storedVolumes (db: Database, range: VolumeRange, at: string | undefined, now: Date = new Date()): Promise<VolumesView> {
  const last = await newestHour(db, at, now)
  const hours = range === '24h' ? 24 : 1
  const first = last - (hours - 1) * HOUR_MS
  const rows = range === '24h' ? await last24HoursByMarket(db, new Date(last)) : await currentHourByMarket(db, new Date(last))
  const types = await totalsByTransactionType(db, { from: new Date(first), to: new Date(last + HOUR_MS) })
  return {
    range,
    hourStart: last,
    markets: byMarket(rows),
    hours: byHour(rows, first, hours),
    types: types.map((t) => ({ transactionType: t.transaction_type, count: t.count, sumAmount: t.sum_amount }))
  }
}
