// Volumes by market over event-time windows: hourly by market, hourly by market and type, 5-minute sliding by market.
import type { Transaction } from '../domain/schema.ts'
import { formatEat } from '../domain/eat-time.ts'
import type { OutgoingRecord } from '../engine/records.ts'
import type { AggregationSpec, WindowResult } from '../engine/windows/windowed-aggregator.ts'
import { hopping, tumbling } from '../engine/windows/window-spec.ts'

/** count and failed_count count every transaction; sums cover the successful ones (money that moved). */
export interface MarketTotals { readonly count: number; readonly sum_amount: number; readonly sum_fee: number; readonly failed_count: number }

export const emptyTotals = (): MarketTotals => ({ count: 0, sum_amount: 0, sum_fee: 0, failed_count: 0 })

export function addTransaction (totals: MarketTotals, tx: Transaction): MarketTotals {
  const ok = tx.status === 'SUCCESS'
  return {
    count: totals.count + 1,
    sum_amount: totals.sum_amount + (ok ? tx.amount : 0),
    sum_fee: totals.sum_fee + (ok ? tx.fee : 0),
    failed_count: totals.failed_count + (ok ? 0 : 1)
  }
}

const HOUR = 3_600_000
const MINUTE = 60_000

export const WindowNames = {
  hourlyByMarket: 'hourly_market',
  hourlyByMarketAndType: 'hourly_market_type',
  sliding5mByMarket: 'sliding_5m_market'
} as const

export function marketAggregations (): AggregationSpec<Transaction, MarketTotals>[] {
  const base = { init: emptyTotals, add: addTransaction }
  return [
    { ...base, window: tumbling(WindowNames.hourlyByMarket, HOUR), groupOf: (tx) => tx.market },
    { ...base, window: tumbling(WindowNames.hourlyByMarketAndType, HOUR), groupOf: (tx) => `${tx.market}|${tx.transaction_type}` },
    { ...base, window: hopping(WindowNames.sliding5mByMarket, 5 * MINUTE, MINUTE), groupOf: (tx) => tx.market }
  ]
}

/** The mpesa-aggregates record: key = window + start + market (+ type); one record per input partition's share. */
export function aggregateRecord (topic: string, partition: number, result: WindowResult<MarketTotals>): OutgoingRecord {
  const [market, type] = result.group.split('|')
  const value = {
    window: result.window,
    window_start: formatEat(result.start),
    window_end: formatEat(result.end),
    market,
    ...(type === undefined ? {} : { transaction_type: type }),
    ...result.aggregate,
    emit: result.final ? 'FINAL' : 'EARLY',
    partition
  }
  return {
    topic,
    key: `${result.window}|${value.window_start}|${result.group}`,
    value: Buffer.from(JSON.stringify(value)),
    timestamp: result.end,
    partition
  }
}
