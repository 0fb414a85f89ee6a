// An in-memory LiveSource for tests and demos: bump the counters, set the windows, lag and health, push alerts.
import type { Alert } from '../pipeline/alerts.ts'
import type { BrokerHealth, LatencySummary, LiveSnapshot, LiveSource, MarketVolume, PartitionLag, TypeVolume } from './live-source.ts'
import { createRateMeter, type RateMeter } from './rate-meter.ts'

export interface FakeLiveSourceOptions {
  /** Epoch ms; defaults to Date.now. */
  readonly now?: () => number
  /** The window the per-second rates average over (default 1000 ms). */
  readonly rateWindowMs?: number
}

export interface ThroughputCounts { readonly in?: number; readonly out?: number; readonly deadLetters?: number }

export class FakeLiveSource implements LiveSource {
  readonly #now: () => number
  readonly #meter: RateMeter
  readonly #listeners = new Set<(alert: Alert) => void>()
  readonly #totals = { in: 0, out: 0, deadLetters: 0 }
  #sliding5m: readonly MarketVolume[] = []
  #currentHour: readonly MarketVolume[] = []
  #typeMix: readonly TypeVolume[] = []
  #lag: readonly PartitionLag[] = []
  #latency: LatencySummary = { p50: null, p99: null, samples: 0 }
  #broker: BrokerHealth = { reachable: true, brokers: 1, controller: 1 }
  #ready = true
  #closed = false

  constructor (options: FakeLiveSourceOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#meter = createRateMeter(3, options.rateWindowMs ?? 1000)
  }

  /** Counts records read, written and dead-lettered now (they raise the totals and the per-second rates). */
  recordThroughput (counts: ThroughputCounts): void {
    const delta = [counts.in ?? 0, counts.out ?? 0, counts.deadLetters ?? 0] as const
    this.#totals.in += delta[0]
    this.#totals.out += delta[1]
    this.#totals.deadLetters += delta[2]
    this.#meter.record(this.#now(), delta)
  }

  setVolumes (volumes: { sliding5m?: readonly MarketVolume[]; currentHour?: readonly MarketVolume[]; typeMix?: readonly TypeVolume[] }): void {
    this.#sliding5m = volumes.sliding5m ?? this.#sliding5m
    this.#currentHour = volumes.currentHour ?? this.#currentHour
    this.#typeMix = volumes.typeMix ?? this.#typeMix
  }

  setLag (lag: readonly PartitionLag[]): void { this.#lag = lag }
  setLatency (latency: LatencySummary): void { this.#latency = latency }
  setBroker (broker: BrokerHealth): void { this.#broker = broker }
  setReady (ready: boolean): void { this.#ready = ready }

  /** Delivers an alert to every listener, as the processor does once the alert is committed. */
  pushAlert (alert: Alert): void {
    for (const listener of this.#listeners) listener(alert)
  }

  get listenerCount (): number { return this.#listeners.size }
  get closed (): boolean { return this.#closed }

  snapshot (): LiveSnapshot {
    const now = this.#now()
    const [inPerSec = 0, outPerSec = 0, deadLettersPerSec = 0] = this.#meter.rates(now)
    return {
      at: now,
      throughput: { inPerSec, outPerSec, deadLettersPerSec, totals: { ...this.#totals } },
      sliding5m: this.#sliding5m,
      currentHour: this.#currentHour,
      typeMix: this.#typeMix,
      lag: this.#lag,
      latencyMs: this.#latency,
      broker: this.#broker,
      ready: this.#ready && this.#broker.reachable
    }
  }

  onAlert (listener: (alert: Alert) => void): () => void {
    this.#listeners.add(listener)
    return () => { this.#listeners.delete(listener) }
  }

  async close (): Promise<void> {
    this.#closed = true
    this.#listeners.clear()
    await Promise.resolve()
  }
}
