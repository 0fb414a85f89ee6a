// Volumes by market over event-time windows: hourly by market, hourly by market and type, 5-minute sliding by market.
import type { Transaction } from '../domain/schema.ts'
import { EatTimestampFormatter } from '../domain/eat-time.ts'
import type { OutgoingRecord } from '../engine/records.ts'
import type { PanedSpec, WindowResult } from '../engine/windows/paned-aggregator.ts'
import { hopping, tumbling, type WindowSpec } from '../engine/windows/window-spec.ts'

/** count and failed_count count every transaction; sums cover the successful ones (money that moved). */
export interface MarketTotals { count: number; sum_amount: number; sum_fee: number; failed_count: number }

export const emptyTotals = (): MarketTotals => ({ count: 0, sum_amount: 0, sum_fee: 0, failed_count: 0 })

export function addTransaction (totals: MarketTotals, tx: Transaction): void {
  totals.count++
  if (tx.status === 'SUCCESS') {
    totals.sum_amount += tx.amount
    totals.sum_fee += tx.fee
  } else {
    totals.failed_count++
  }
}

export function mergeTotals (totals: MarketTotals, other: MarketTotals): void {
  totals.count += other.count
  totals.sum_amount += other.sum_amount
  totals.sum_fee += other.sum_fee
  totals.failed_count += other.failed_count
}

const HOUR = 3_600_000
const MINUTE = 60_000

export const WindowNames = {
  hourlyByMarket: 'hourly_market',
  hourlyByMarketAndType: 'hourly_market_type',
  sliding5mByMarket: 'sliding_5m_market'
} as const

/** A view: its window and the group a transaction counts towards (also what a batch recomputation uses). */
export interface MarketView { readonly window: WindowSpec; readonly groupOf: (tx: Transaction) => string }

export const marketViews: readonly MarketView[] = Object.freeze([
  { window: tumbling(WindowNames.hourlyByMarket, HOUR), groupOf: (tx: Transaction) => tx.market },
  { window: tumbling(WindowNames.hourlyByMarketAndType, HOUR), groupOf: (tx: Transaction) => paneGroupOf(tx) },
  { window: hopping(WindowNames.sliding5mByMarket, 5 * MINUTE, MINUTE), groupOf: (tx: Transaction) => tx.market }
])

const marketOf = (paneGroup: string): string => paneGroup.slice(0, paneGroup.indexOf('|'))

/** Pane groups (market|type), one string each, built once: no string to build and hash per transaction. */
const paneGroups = new Map<string, Map<string, string>>()
function paneGroupOf (tx: Transaction): string {
  let byType = paneGroups.get(tx.market)
  if (byType === undefined) paneGroups.set(tx.market, byType = new Map<string, string>())
  let group = byType.get(tx.transaction_type)
  if (group === undefined) byType.set(tx.transaction_type, group = `${tx.market}|${tx.transaction_type}`)
  return group
}

/** One-minute panes by market and type; every view is rolled up from them. */
export const marketPanes: PanedSpec<Transaction, MarketTotals> = Object.freeze({
  paneMs: MINUTE,
  views: [
    { window: tumbling(WindowNames.hourlyByMarket, HOUR), rollup: marketOf },
    { window: tumbling(WindowNames.hourlyByMarketAndType, HOUR), rollup: (group: string) => group },
    { window: hopping(WindowNames.sliding5mByMarket, 5 * MINUTE, MINUTE), rollup: marketOf }
  ],
  groupOf: paneGroupOf,
  init: emptyTotals,
  addInto: addTransaction,
  mergeInto: mergeTotals,
  clone: (totals: MarketTotals) => ({ ...totals })
})

// Window bounds repeat across markets and types: one cached formatter each for starts and ends.
const startText = new EatTimestampFormatter()
const endText = new EatTimestampFormatter()

/** The mpesa-aggregates record: key = window + start + market (+ type); one record per input partition's share. */
export function aggregateRecord (topic: string, partition: number, result: WindowResult<MarketTotals>): OutgoingRecord {
  const [market, type] = result.group.split('|')
  const value = {
    window: result.window,
    window_start: startText.format(result.start),
    window_end: endText.format(result.end),
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
