// What the dashboard reads live: a cheap snapshot of throughput, windows, lag, latency and broker health, and new alerts.
import type { Alert } from '../pipeline/alerts.ts'

export interface MarketVolume { readonly market: string; readonly count: number; readonly sumAmount: number }

export interface TypeVolume { readonly transactionType: string; readonly count: number; readonly sumAmount: number }

/** Consumer lag of one partition; offsets are bigints carried as decimal strings. */
export interface PartitionLag {
  readonly topic: string
  readonly partition: number
  readonly committed: string
  readonly end: string
  readonly lag: string
  readonly consumer: string
}

export interface Throughput {
  readonly inPerSec: number
  readonly outPerSec: number
  readonly deadLettersPerSec: number
  readonly totals: { readonly in: number; readonly out: number; readonly deadLetters: number }
}

export interface LatencySummary { readonly p50: number | null; readonly p99: number | null; readonly samples: number }

export interface BrokerHealth { readonly reachable: boolean; readonly brokers: number; readonly controller: number | null; readonly error?: string }

export interface LiveSnapshot {
  /** Epoch ms. */
  readonly at: number
  readonly throughput: Throughput
  readonly sliding5m: readonly MarketVolume[]
  readonly currentHour: readonly MarketVolume[]
  readonly typeMix: readonly TypeVolume[]
  readonly lag: readonly PartitionLag[]
  readonly latencyMs: LatencySummary
  readonly broker: BrokerHealth
  /** Broker reachable and state restored: what /ready reports. */
  readonly ready: boolean
}

export interface LiveSource {
  /** Cheap: called at least once a second per connected client and on every /metrics scrape. */
  snapshot (): LiveSnapshot
  /** New alerts as they are committed; returns the unsubscribe function. */
  onAlert (listener: (alert: Alert) => void): () => void
  close (): Promise<void>
}

/** A snapshot with nothing in it yet (no traffic, broker unknown, not ready). */
export function emptySnapshot (at: number): LiveSnapshot {
  return {
    at,
    throughput: { inPerSec: 0, outPerSec: 0, deadLettersPerSec: 0, totals: { in: 0, out: 0, deadLetters: 0 } },
    sliding5m: [],
    currentHour: [],
    typeMix: [],
    lag: [],
    latencyMs: { p50: null, p99: null, samples: 0 },
    broker: { reachable: false, brokers: 0, controller: null },
    ready: false
  }
}
