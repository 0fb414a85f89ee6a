// The batch recomputation the processor's output is checked against: the same windows, computed directly from the input.
import { formatEat, parseEat } from '../../src/domain/eat-time.ts'
import { parseTransaction } from '../../src/domain/parse.ts'
import type { Transaction } from '../../src/domain/schema.ts'
import { windowStartsFor } from '../../src/engine/windows/window-spec.ts'
import { addTransaction, emptyTotals, marketViews, type MarketTotals } from '../../src/pipeline/market-aggregates.ts'

export interface InputRecord { readonly partition: number; readonly value: Buffer | null; readonly headers?: ReadonlyMap<string, Buffer> }

/** The processor's record size limit that applied to a record (a replay after raising it sees a larger one). */
export type LimitOf = (record: InputRecord) => number | undefined

export interface Expected {
  /** key window|start|group → totals over every partition */
  readonly aggregates: Map<string, MarketTotals>
  readonly valid: number
  readonly invalid: number
  readonly late: number
}

const sumTotals = (a: MarketTotals, b: MarketTotals): MarketTotals => ({
  count: a.count + b.count, sum_amount: a.sum_amount + b.sum_amount, sum_fee: a.sum_fee + b.sum_fee, failed_count: a.failed_count + b.failed_count
})

/** Records must be given in each partition's offset order; lateness is judged per partition as the processor does. */
export function recompute (records: Iterable<InputRecord>, allowedLatenessMs: number, graceMs: number, limitOf: LimitOf = () => undefined): Expected {
  const maxSeen = new Map<number, number>()
  const aggregates = new Map<string, MarketTotals>()
  let valid = 0; let invalid = 0; let late = 0
  for (const record of records) {
    const parsed = parseTransaction(record.value, limitOf(record))
    if (!parsed.ok) { invalid++; continue }
    valid++
    const tx: Transaction = parsed.value
    const t = parseEat(tx.timestamp)
    const max = maxSeen.get(record.partition) ?? Number.NEGATIVE_INFINITY
    maxSeen.set(record.partition, Math.max(max, t))
    if (t < max - allowedLatenessMs - graceMs) { late++; continue }
    for (const view of marketViews) {
      for (const start of windowStartsFor(view.window, t)) {
        const key = `${view.window.name}|${formatEat(start)}|${view.groupOf(tx)}`
        const totals = aggregates.get(key) ?? emptyTotals()
        addTransaction(totals, tx)
        aggregates.set(key, totals)
      }
    }
  }
  return { aggregates, valid, invalid, late }
}

interface AggregateValue extends MarketTotals { window: string; window_start: string; market: string; transaction_type?: string; partition: number; emit: string }

/** The processor's answer: the last emitted value (EARLY or FINAL) of each window, group and partition, summed over partitions. */
export function latestAggregates (values: Iterable<Buffer>): Map<string, MarketTotals> {
  const latest = new Map<string, AggregateValue>()
  for (const bytes of values) {
    const v = JSON.parse(bytes.toString()) as AggregateValue
    const group = v.transaction_type === undefined ? v.market : `${v.market}|${v.transaction_type}`
    latest.set(`${v.window}|${v.window_start}|${group}|${v.partition}`, v)
  }
  const totals = new Map<string, MarketTotals>()
  for (const [key, v] of latest) {
    const windowKey = key.slice(0, key.lastIndexOf('|'))
    const own = { count: v.count, sum_amount: v.sum_amount, sum_fee: v.sum_fee, failed_count: v.failed_count }
    totals.set(windowKey, sumTotals(totals.get(windowKey) ?? { count: 0, sum_amount: 0, sum_fee: 0, failed_count: 0 }, own))
  }
  return totals
}
