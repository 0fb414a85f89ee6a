// A dashboard server for browser tests: the real server on a free loopback port, fed by a FakeLiveSource and a store.
import { formatEat } from '../../../src/domain/eat-time.ts'
import { FakeLiveSource } from '../../../src/dashboard/fake-source.ts'
import { createDashboardServer, type DashboardServer } from '../../../src/dashboard/server.ts'
import { createMetrics, type Metrics } from '../../../src/metrics/registry.ts'
import type { Alert } from '../../../src/pipeline/alerts.ts'
import { applyBatch, type AggregateRow, type Database } from '../../../src/store/store.ts'

export interface DashboardFixture {
  readonly base: string
  readonly token: string | undefined
  readonly source: FakeLiveSource
  readonly store: Database
  readonly server: DashboardServer
  readonly metrics: Metrics
  /** The URL of a path on this server, with ?token= when the server has one. */
  url (path: string): string
  /** Closes the server and the source; the store belongs to the caller. */
  close (): Promise<void>
}

export interface DashboardFixtureOptions {
  readonly store: Database
  readonly token?: string
  readonly source?: FakeLiveSource
  readonly pushIntervalMs?: number
}

export async function startDashboard (options: DashboardFixtureOptions): Promise<DashboardFixture> {
  const source = options.source ?? new FakeLiveSource()
  const metrics = createMetrics()
  const server = createDashboardServer({
    config: { host: '127.0.0.1', port: 0, token: options.token },
    source, store: options.store, metrics, pushIntervalMs: options.pushIntervalMs
  })
  const base = await server.listen()
  return {
    base, token: options.token, source, store: options.store, server, metrics,
    url: (path) => options.token === undefined ? `${base}${path}` : `${base}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(options.token)}`,
    close: async () => { await server.close(); await source.close() }
  }
}

const HOUR_MS = 3_600_000
const MARKETS = ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Kiambu'] as const

/** FINAL hourly rows for every market over the 24 hours ending with the hour starting at lastHour (epoch ms). */
export function hourlyRows (lastHour: number): AggregateRow[] {
  return Array.from({ length: 24 }, (_, h) => lastHour - (23 - h) * HOUR_MS).flatMap((start, h) => MARKETS.map((market, m): AggregateRow => {
    const count = 40 + ((h * 7 + m * 13) % 60) * (5 - m)
    return {
      window: 'hourly_market', window_start: formatEat(start), window_end: formatEat(start + HOUR_MS), market,
      count, sum_amount: count * 1_250, sum_fee: count * 12, failed_count: m, emit: 'FINAL' as const, partition: 0
    }
  }))
}

export async function seedStoredHours (store: Database, lastHour: number): Promise<void> {
  await applyBatch(store, 'browser-test', { alerts: [], aggregates: hourlyRows(lastHour), offsets: [] })
}

/** Live figures for every panel the snapshot feeds: windows, type mix, lag, latency. */
export function seedLiveFigures (source: FakeLiveSource): void {
  source.setVolumes({
    sliding5m: MARKETS.map((market, i) => ({ market, count: 120 - i * 20, sumAmount: (120 - i * 20) * 1_400 })),
    currentHour: MARKETS.map((market, i) => ({ market, count: 900 - i * 150, sumAmount: (900 - i * 150) * 1_300 })),
    typeMix: [
      { transactionType: 'SEND_MONEY', count: 1_200, sumAmount: 2_400_000 },
      { transactionType: 'BUY_GOODS', count: 800, sumAmount: 640_000 },
      { transactionType: 'PAYBILL', count: 500, sumAmount: 900_000 },
      { transactionType: 'WITHDRAW', count: 300, sumAmount: 1_500_000 }
    ]
  })
  source.setLag([0, 1, 2].map((partition) => ({
    topic: 'mpesa-transactions', partition, committed: String(10_000 + partition), end: String(10_000 + partition * 3), lag: String(partition * 2), consumer: `processor-${partition}`
  })))
  source.setLatency({ p50: 12.5, p99: 180, samples: 4_200 })
  source.setBroker({ reachable: true, brokers: 3, controller: 1 })
}

/** An alert on a full (unmasked) phone number, as the processor would commit it. */
export function browserAlert (n: number, account = '254712345678', overrides: Partial<Alert> = {}): Alert {
  const id = `SLK${String(n).padStart(7, '0')}`
  return {
    alert_id: `SIM-1:${id}`, rule_id: 'SIM-1', rule_version: 1, typology: 'SIM_SWAP_TAKEOVER', severity: 'CRITICAL', score: 0.93,
    account, transaction_ids: [id], event_time: formatEat(Date.now()), detected_at: formatEat(Date.now()),
    explanation: `SIM swap on ${account} followed by KES 48,000 sent within 10 minutes (#${n})`,
    ...overrides
  }
}
