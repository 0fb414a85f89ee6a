// The Prometheus metrics: names and labels as documented, buckets from 1 ms to 10 s, and the gauges a snapshot sets.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Registry } from 'prom-client'
import { emptySnapshot, type LiveSnapshot } from '../../../src/dashboard/live-source.ts'
import { createMetrics, LATENCY_BUCKETS_SECONDS, updateFromSnapshot } from '../../../src/metrics/registry.ts'

const lagRow = (partition: number, lag: string) => ({ topic: 'mpesa-transactions', partition, committed: '0', end: lag, lag, consumer: 'p-1' })

function snapshotWith (overrides: Partial<LiveSnapshot>): LiveSnapshot {
  return { ...emptySnapshot(0), ...overrides }
}

test('every PesaFlow metric is registered under its documented name and type', async () => {
  const metrics = createMetrics(new Registry(), { defaultMetrics: false })
  const types = Object.fromEntries((await metrics.registry.getMetricsAsJSON()).map((m) => [m.name, m.type]))
  assert.deepEqual(types, {
    pesaflow_records_in_total: 'counter',
    pesaflow_records_out_total: 'counter',
    pesaflow_dead_letters_total: 'counter',
    pesaflow_alerts_total: 'counter',
    pesaflow_consumer_lag: 'gauge',
    pesaflow_end_to_end_latency_seconds: 'histogram',
    pesaflow_transaction_commit_seconds: 'histogram',
    pesaflow_rebalances_total: 'counter',
    pesaflow_restore_seconds: 'histogram',
    pesaflow_broker_reachable: 'gauge',
    pesaflow_ready: 'gauge',
    pesaflow_dashboard_clients: 'gauge'
  })
})

test('the default registry setting adds the Node process metrics', async () => {
  const metrics = createMetrics()
  const text = await metrics.registry.metrics()
  assert.match(text, /^process_cpu_user_seconds_total /m)
  assert.match(text, /^nodejs_heap_size_used_bytes /m)
})

test('counters and histograms record what the processor reports', async () => {
  const metrics = createMetrics(undefined, { defaultMetrics: false })
  metrics.recordsIn.inc(1000)
  metrics.recordsOut.inc(990)
  metrics.deadLetters.inc(3)
  metrics.alerts.inc({ typology: 'SIM_SWAP_TAKEOVER' })
  metrics.alerts.inc({ typology: 'SIM_SWAP_TAKEOVER' })
  metrics.alerts.inc({ typology: 'STRUCTURING' })
  metrics.endToEndLatency.observe(0.004)
  metrics.endToEndLatency.observe(2)
  metrics.transactionCommit.observe(0.02)
  metrics.rebalances.inc()
  metrics.restore.observe(1.5)
  const text = await metrics.registry.metrics()
  assert.match(text, /^pesaflow_records_in_total 1000$/m)
  assert.match(text, /^pesaflow_records_out_total 990$/m)
  assert.match(text, /^pesaflow_dead_letters_total 3$/m)
  assert.match(text, /^pesaflow_alerts_total\{typology="SIM_SWAP_TAKEOVER"\} 2$/m)
  assert.match(text, /^pesaflow_alerts_total\{typology="STRUCTURING"\} 1$/m)
  assert.match(text, /^pesaflow_end_to_end_latency_seconds_bucket\{le="0.001"\} 0$/m)
  assert.match(text, /^pesaflow_end_to_end_latency_seconds_bucket\{le="0.005"\} 1$/m)
  assert.match(text, /^pesaflow_end_to_end_latency_seconds_bucket\{le="2.5"\} 2$/m)
  assert.match(text, /^pesaflow_end_to_end_latency_seconds_count 2$/m)
  assert.match(text, /^pesaflow_transaction_commit_seconds_count 1$/m)
  assert.match(text, /^pesaflow_rebalances_total 1$/m)
  assert.match(text, /^pesaflow_restore_seconds_sum 1.5$/m)
})

test('latency buckets run from 1 ms to 10 s in ascending order', () => {
  assert.equal(LATENCY_BUCKETS_SECONDS[0], 0.001)
  assert.equal(LATENCY_BUCKETS_SECONDS.at(-1), 10)
  assert.deepEqual([...LATENCY_BUCKETS_SECONDS].sort((a, b) => a - b), [...LATENCY_BUCKETS_SECONDS])
})

test('a snapshot sets lag per partition, dropping partitions no longer assigned, and broker and readiness', async () => {
  const metrics = createMetrics(undefined, { defaultMetrics: false })
  updateFromSnapshot(metrics, snapshotWith({ lag: [lagRow(0, '12'), lagRow(1, '0')], ready: true, broker: { reachable: true, brokers: 3, controller: 1 } }))
  let text = await metrics.registry.metrics()
  assert.match(text, /^pesaflow_consumer_lag\{topic="mpesa-transactions",partition="0"\} 12$/m)
  assert.match(text, /^pesaflow_consumer_lag\{topic="mpesa-transactions",partition="1"\} 0$/m)
  assert.match(text, /^pesaflow_broker_reachable 1$/m)
  assert.match(text, /^pesaflow_ready 1$/m)

  updateFromSnapshot(metrics, snapshotWith({ lag: [lagRow(1, '9007199254740993')] }))
  text = await metrics.registry.metrics()
  assert.doesNotMatch(text, /partition="0"/)
  assert.match(text, /^pesaflow_consumer_lag\{topic="mpesa-transactions",partition="1"\} 9007199254740992$/m)
  assert.match(text, /^pesaflow_broker_reachable 0$/m)
  assert.match(text, /^pesaflow_ready 0$/m)
})

test('two metric sets live side by side in their own registries', async () => {
  const first = createMetrics()
  const second = createMetrics()
  first.recordsIn.inc(5)
  assert.match(await second.registry.metrics(), /^pesaflow_records_in_total 0$/m)
})
