// The dashboard's live source on a real cluster: offsets polled for throughput and lag, windows and alerts from the store sink.
import { build, type Histogram } from 'hdr-histogram-js'
import type { BrokerHealth, LiveSnapshot, LiveSource, PartitionLag } from '../dashboard/live-source.ts'
import { createRateMeter } from '../dashboard/rate-meter.ts'
import { describeError } from '../errors.ts'
import { createKafkaAdmin, type KafkaAdmin, type TopicDescription } from '../kafka/admin.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import { consumerLag } from '../kafka/consumer-lag.ts'
import type { Alert } from '../pipeline/alerts.ts'
import type { AggregateRow } from '../store/store.ts'
import { LiveWindows } from './live-windows.ts'

export interface KafkaLiveSourceOptions {
  readonly kafka: KafkaConnection
  readonly groupId: string
  readonly inputTopic: string
  readonly outputTopics: readonly string[]
  readonly deadLetterTopic: string
  readonly pollMs?: number
  readonly log: (event: string, fields?: Record<string, unknown>) => void
}

/** Alerts whose event time is older than this are a backfill, not live: they say nothing about latency. */
const LIVE_HORIZON_MS = 60_000

export class KafkaLiveSource implements LiveSource {
  readonly #options: KafkaLiveSourceOptions
  readonly #admin: KafkaAdmin
  readonly #windows = new LiveWindows()
  readonly #meter = createRateMeter(3, 5000)
  readonly #listeners = new Set<(alert: Alert) => void>()
  #latency: Histogram = build()
  #latencyResetAt = Date.now()
  #totals: number[] | undefined
  #lag: PartitionLag[] = []
  #broker: BrokerHealth = { reachable: false, brokers: 0, controller: null }
  #timer: NodeJS.Timeout | undefined
  #polling = false

  constructor (options: KafkaLiveSourceOptions) {
    this.#options = options
    this.#admin = createKafkaAdmin(options.kafka, { retries: 0 })
    this.#timer = setInterval(() => { void this.#poll() }, options.pollMs ?? 1000)
    void this.#poll()
  }

  /** The store sink calls this after every committed batch. */
  committed (batch: { alerts: readonly Alert[]; aggregates: readonly AggregateRow[] }): void {
    for (const row of batch.aggregates) this.#windows.add(row)
    const now = Date.now()
    for (const alert of batch.alerts) {
      const delay = now - Date.parse(alert.event_time)
      if (delay >= 0 && delay <= LIVE_HORIZON_MS) this.#latency.recordValue(delay)
      for (const listener of this.#listeners) listener(alert)
    }
  }

  snapshot (): LiveSnapshot {
    const now = Date.now()
    const [inPerSec = 0, outPerSec = 0, deadLettersPerSec = 0] = this.#meter.rates(now)
    const [total = 0, out = 0, deadLetters = 0] = this.#totals ?? []
    const samples = this.#latency.totalCount
    return {
      at: now,
      throughput: { inPerSec, outPerSec, deadLettersPerSec, totals: { in: total, out, deadLetters } },
      sliding5m: this.#windows.sliding5m(),
      currentHour: this.#windows.currentHour(),
      typeMix: this.#windows.typeMix(),
      lag: this.#lag,
      latencyMs: { p50: samples === 0 ? null : this.#latency.getValueAtPercentile(50), p99: samples === 0 ? null : this.#latency.getValueAtPercentile(99), samples },
      broker: this.#broker,
      ready: this.#broker.reachable
    }
  }

  onAlert (listener: (alert: Alert) => void): () => void {
    this.#listeners.add(listener)
    return () => { this.#listeners.delete(listener) }
  }

  async close (): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#listeners.clear()
    await this.#admin.close().catch(() => {})
  }

  async #poll (): Promise<void> {
    if (this.#polling || this.#timer === undefined) return
    this.#polling = true
    try {
      const info = await this.#admin.clusterInfo()
      this.#broker = { reachable: true, brokers: info.brokers.length, controller: info.controllerId }
      await this.#pollOffsets()
      const lag = await consumerLag(this.#options.kafka, this.#options.groupId, this.#options.inputTopic)
      this.#lag = lag.rows.map((r) => ({
        topic: r.topic, partition: r.partition, committed: r.current?.toString() ?? '-', end: r.logEnd.toString(), lag: (r.lag ?? r.logEnd).toString(), consumer: r.consumerId ?? '-'
      }))
      if (Date.now() - this.#latencyResetAt > 300_000) {
        this.#latency = build()
        this.#latencyResetAt = Date.now()
      }
    } catch (error) {
      this.#broker = { reachable: false, brokers: 0, controller: null, error: describeError(error) }
    } finally {
      this.#polling = false
    }
  }

  /** Records written per topic group, from the sum of their end offsets (markers included: a close estimate). */
  async #pollOffsets (): Promise<void> {
    const { inputTopic, outputTopics, deadLetterTopic } = this.#options
    const described = await this.#admin.describeTopics([inputTopic, ...outputTopics, deadLetterTopic])
    const ends = await this.#admin.endOffsets(described)
    const sum = (topics: readonly TopicDescription[]): number => topics.reduce((s, t) => s + [...ends].filter(([k]) => k.startsWith(`${t.name}:`)).reduce((a, [, v]) => a + Number(v), 0), 0)
    const totals = [
      sum(described.filter((t) => t.name === inputTopic)),
      sum(described.filter((t) => outputTopics.includes(t.name))),
      sum(described.filter((t) => t.name === deadLetterTopic))
    ]
    if (this.#totals !== undefined) this.#meter.record(Date.now(), totals.map((n, i) => Math.max(0, n - (this.#totals?.[i] ?? 0))))
    this.#totals = totals
  }
}
