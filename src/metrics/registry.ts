// PesaFlow's Prometheus metrics: one typed set per registry, the processor's counters and the gauges a snapshot gives.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { LiveSnapshot } from '../dashboard/live-source.ts'

/** 1 ms to 10 s: from an idle pipeline's hop to a stalled transaction. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
/** 10 ms to 5 min: restoring a task's state from its changelog. */
export const RESTORE_BUCKETS_SECONDS: readonly number[] = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

export interface Metrics {
  readonly registry: Registry
  /** pesaflow_records_in_total: transactions read from the input topic. */
  readonly recordsIn: Counter
  /** pesaflow_records_out_total: records written (aggregates, alerts) in committed transactions. */
  readonly recordsOut: Counter
  /** pesaflow_dead_letters_total: records sent to the dead-letter topic. */
  readonly deadLetters: Counter
  /** pesaflow_alerts_total{typology}. */
  readonly alerts: Counter<'typology'>
  /** pesaflow_consumer_lag{topic,partition}: end offset minus committed offset. */
  readonly consumerLag: Gauge<'topic' | 'partition'>
  /** pesaflow_end_to_end_latency_seconds: event produced → its results committed. */
  readonly endToEndLatency: Histogram
  /** pesaflow_transaction_commit_seconds: one Kafka transaction's commit. */
  readonly transactionCommit: Histogram
  /** pesaflow_rebalances_total: consumer group rebalances this process took part in. */
  readonly rebalances: Counter
  /** pesaflow_restore_seconds: time to restore a task's state before processing. */
  readonly restore: Histogram
  /** pesaflow_broker_reachable: 1 when the last broker check succeeded. */
  readonly brokerReachable: Gauge
  /** pesaflow_ready: 1 when the broker is reachable and state is restored. */
  readonly ready: Gauge
  /** pesaflow_dashboard_clients: open event streams of the dashboard. */
  readonly dashboardClients: Gauge
}

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event loop, GC); default true. */
  readonly defaultMetrics?: boolean
}

/** Creates and registers every PesaFlow metric in `registry` (a new one by default). */
export function createMetrics (registry: Registry = new Registry(), options: MetricsOptions = {}): Metrics {
  const registers = [registry]
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry })
  return {
    registry,
    recordsIn: new Counter({ name: 'pesaflow_records_in_total', help: 'Transactions read from the input topic.', registers }),
    recordsOut: new Counter({ name: 'pesaflow_records_out_total', help: 'Records written in committed transactions.', registers }),
    deadLetters: new Counter({ name: 'pesaflow_dead_letters_total', help: 'Records sent to the dead-letter topic.', registers }),
    alerts: new Counter({ name: 'pesaflow_alerts_total', help: 'Fraud alerts raised, by typology.', labelNames: ['typology'] as const, registers }),
    consumerLag: new Gauge({ name: 'pesaflow_consumer_lag', help: 'Records not yet committed per partition (end offset minus committed offset).', labelNames: ['topic', 'partition'] as const, registers }),
    endToEndLatency: new Histogram({ name: 'pesaflow_end_to_end_latency_seconds', help: 'Time from a transaction\'s production to the commit of its results.', buckets: [...LATENCY_BUCKETS_SECONDS], registers }),
    transactionCommit: new Histogram({ name: 'pesaflow_transaction_commit_seconds', help: 'Duration of one Kafka transaction commit.', buckets: [...LATENCY_BUCKETS_SECONDS], registers }),
    rebalances: new Counter({ name: 'pesaflow_rebalances_total', help: 'Consumer group rebalances.', registers }),
    restore: new Histogram({ name: 'pesaflow_restore_seconds', help: 'Time to restore a task\'s state from its changelog.', buckets: [...RESTORE_BUCKETS_SECONDS], registers }),
    brokerReachable: new Gauge({ name: 'pesaflow_broker_reachable', help: '1 when the Kafka cluster answered the last health check.', registers }),
    ready: new Gauge({ name: 'pesaflow_ready', help: '1 when the broker is reachable and state is restored.', registers }),
    dashboardClients: new Gauge({ name: 'pesaflow_dashboard_clients', help: 'Open dashboard event streams.', registers })
  }
}

// Offsets are bigint strings; a gauge holds a double, exact up to 2^53 records of lag.
function lagValue (lag: string): number {
  const value = Number(lag)
  return Number.isFinite(value) ? value : 0
}

/** Sets the gauges a snapshot determines: lag per partition (revoked partitions dropped), broker reachability, readiness. */
export function updateFromSnapshot (metrics: Metrics, snapshot: LiveSnapshot): void {
  metrics.consumerLag.reset()
  for (const row of snapshot.lag) {
    metrics.consumerLag.set({ topic: row.topic, partition: String(row.partition) }, lagValue(row.lag))
  }
  metrics.brokerReachable.set(snapshot.broker.reachable ? 1 : 0)
  metrics.ready.set(snapshot.ready ? 1 : 0)
}
