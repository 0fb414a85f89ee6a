// The processor's commit, assignment (rebalance) and restore events as plain data, and how they feed the Prometheus metrics.
// Plain data so a stream thread can post them to the main thread, which serves /metrics for the whole process.
import type { CommitUnit } from '../engine/stream-engine.ts'
import type { RunnerObserver } from '../kafka/exactly-once-runner.ts'
import type { Metrics } from './registry.ts'

export interface CommitSummary {
  readonly processed: number
  readonly outputs: number
  readonly deadLettered: number
  readonly seconds: number
  readonly alertsByTypology: Readonly<Record<string, number>>
  /** Age of the transaction's oldest input record when it committed, for live traffic only (under 60 s). */
  readonly ageSeconds: number | undefined
}

export type ProcessorEvent =
  | { readonly kind: 'committed'; readonly summary: CommitSummary }
  | { readonly kind: 'assigned'; readonly generation: number; readonly partitions: readonly number[] }
  | { readonly kind: 'restored'; readonly seconds: number }

export function summarizeCommit (unit: CommitUnit, seconds: number, oldestInputTimestamp: number | undefined, alertsTopic: string): CommitSummary {
  const alertsByTypology: Record<string, number> = {}
  for (const record of unit.outputs) {
    if (record.topic !== alertsTopic || record.value === null) continue
    const { typology } = JSON.parse(record.value.toString('utf8')) as { typology: string }
    alertsByTypology[typology] = (alertsByTypology[typology] ?? 0) + 1
  }
  // Live traffic only (event time close to now): a backfill's age says nothing about latency.
  const age = oldestInputTimestamp === undefined ? Number.POSITIVE_INFINITY : Date.now() - oldestInputTimestamp
  return { processed: unit.processed, outputs: unit.outputs.length, deadLettered: unit.deadLettered, seconds, alertsByTypology, ageSeconds: age >= 0 && age < 60_000 ? age / 1000 : undefined }
}

export function recordProcessorEvent (metrics: Metrics, event: ProcessorEvent): void {
  if (event.kind === 'assigned') metrics.rebalances.inc()
  else if (event.kind === 'restored') metrics.restore.observe(event.seconds)
  else {
    const s = event.summary
    metrics.recordsIn.inc(s.processed)
    metrics.recordsOut.inc(s.outputs)
    metrics.deadLetters.inc(s.deadLettered)
    metrics.transactionCommit.observe(s.seconds)
    for (const [typology, count] of Object.entries(s.alertsByTypology)) metrics.alerts.inc({ typology }, count)
    if (s.ageSeconds !== undefined) metrics.endToEndLatency.observe(s.ageSeconds)
  }
}

/** A runner observer that hands each event to `deliver` (the metrics directly, or a message to the main thread). */
export function processorObserver (alertsTopic: string, deliver: (event: ProcessorEvent) => void): RunnerObserver {
  return {
    committed: ({ unit, seconds, oldestInputTimestamp }) => { deliver({ kind: 'committed', summary: summarizeCommit(unit, seconds, oldestInputTimestamp, alertsTopic) }) },
    assigned: (generation, partitions) => { deliver({ kind: 'assigned', generation, partitions }) },
    restored: (seconds) => { deliver({ kind: 'restored', seconds }) }
  }
}
