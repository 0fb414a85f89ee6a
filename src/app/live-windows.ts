// The live view of the windows: the latest hourly and 5-minute results per market, folded from aggregate records.
import type { MarketVolume, TypeVolume } from '../dashboard/live-source.ts'
import { WindowNames } from '../pipeline/market-aggregates.ts'
import type { AggregateRow } from '../store/store.ts'

interface Share { readonly count: number; readonly sumAmount: number }

/** Keeps, per window kind, only the latest window (by start) and in it each partition's latest share per group. */
export class LiveWindows {
  readonly #latestStart = new Map<string, number>()
  /** window name → group → partition → share, for the latest window only. */
  readonly #shares = new Map<string, Map<string, Map<number, Share>>>()

  add (row: AggregateRow): void {
    const start = Date.parse(row.window_start)
    const latest = this.#latestStart.get(row.window) ?? Number.NEGATIVE_INFINITY
    if (start < latest) return
    if (start > latest) {
      this.#latestStart.set(row.window, start)
      this.#shares.set(row.window, new Map())
    }
    const group = row.transaction_type === undefined ? row.market : `${row.market}|${row.transaction_type}`
    const byGroup = this.#shares.get(row.window) ?? new Map<string, Map<number, Share>>()
    this.#shares.set(row.window, byGroup)
    const byPartition = byGroup.get(group) ?? new Map<number, Share>()
    byGroup.set(group, byPartition)
    byPartition.set(row.partition, { count: row.count, sumAmount: row.sum_amount })
  }

  sliding5m (): MarketVolume[] {
    return this.#markets(WindowNames.sliding5mByMarket)
  }

  currentHour (): MarketVolume[] {
    return this.#markets(WindowNames.hourlyByMarket)
  }

  typeMix (): TypeVolume[] {
    return this.#sums(WindowNames.hourlyByMarketAndType, (group) => group.slice(group.indexOf('|') + 1)).map(([transactionType, s]) => ({ transactionType, ...s }))
  }

  #markets (window: string): MarketVolume[] {
    return this.#sums(window).map(([market, s]) => ({ market, ...s }))
  }

  /** Per (rolled-up) group, the shares of all partitions added up; largest volume first. */
  #sums (window: string, rollup: (group: string) => string = (group) => group): [string, Share][] {
    const totals = new Map<string, { count: number; sumAmount: number }>()
    for (const [stored, byPartition] of this.#shares.get(window) ?? []) {
      const group = rollup(stored)
      const total = totals.get(group) ?? { count: 0, sumAmount: 0 }
      for (const share of byPartition.values()) {
        total.count += share.count
        total.sumAmount += share.sumAmount
      }
      totals.set(group, total)
    }
    return [...totals].sort((a, b) => b[1].sumAmount - a[1].sumAmount || (a[0] < b[0] ? -1 : 1))
  }
}
