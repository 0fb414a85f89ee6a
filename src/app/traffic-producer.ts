// Drives generated traffic into a sink: pacing, batching with linger, bounded in-flight sends, counts for progress.
import { setTimeout as delay } from 'node:timers/promises'
import { describeError } from '../errors.ts'
import type { GeneratedRecord } from '../generator/generator.ts'
import { createPacer } from './pacer.ts'
import type { TrafficSink } from './traffic-sink.ts'
import type { TrafficSource } from './traffic-source.ts'

export interface TrafficOptions {
  /** Records per second; 0 = as fast as possible. */
  readonly rate: number
  /** Stop after this many records (undefined: until the generator ends or stop()). */
  readonly count?: number
  /** Stop after this many milliseconds. */
  readonly durationMs?: number
  readonly batchSize: number
  readonly lingerMs: number
  readonly maxInFlight: number
  /** Called with every Nth record of the full stream (for --sample). */
  readonly sample?: { readonly every: number; readonly show: (record: GeneratedRecord) => void }
}

export interface TrafficCounts {
  sent: number
  acknowledged: number
  failed: number
  bytes: number
  inFlight: number
  labels: number
  errors: string[]
  startedAt: number
}

export interface TrafficRun {
  readonly counts: TrafficCounts
  /** Ask the run to stop: the open batch is flushed and acknowledgements awaited. */
  stop (): void
  /** Resolves when everything sent was acknowledged or failed. */
  readonly finished: Promise<TrafficCounts>
}

export function runTraffic (source: TrafficSource, sink: TrafficSink, options: TrafficOptions): TrafficRun {
  const counts: TrafficCounts = { sent: 0, acknowledged: 0, failed: 0, bytes: 0, inFlight: 0, labels: 0, errors: [], startedAt: performance.now() }
  let stopping = false
  const finished = produceLoop(source, sink, options, counts, () => stopping)
  return { counts, stop: () => { stopping = true }, finished }
}

async function produceLoop (source: TrafficSource, sink: TrafficSink, options: TrafficOptions, counts: TrafficCounts, stopping: () => boolean): Promise<TrafficCounts> {
  const pacer = createPacer(options.rate, counts.startedAt)
  const limit = options.count ?? Number.POSITIVE_INFINITY
  const endAt = options.durationMs === undefined ? Number.POSITIVE_INFINITY : counts.startedAt + options.durationMs
  const pending = new Set<Promise<void>>()
  let batch: GeneratedRecord[] = []
  let batchOpenedAt = 0
  let exhausted = false
  while (!stopping() && !exhausted && source.position < limit && counts.failed === 0) {
    const now = performance.now()
    if (now >= endAt) break
    // Pacing and --count apply to positions in the full stream, so parallel workers share them exactly.
    const dueLimit = Math.min(limit, source.position + pacer.due(source.position, now))
    if (batch.length === 0) batchOpenedAt = now
    exhausted = fill(source, batch, options.batchSize, dueLimit, options.sample)
    const lingerOver = batch.length > 0 && now - batchOpenedAt >= options.lingerMs
    if (batch.length >= options.batchSize || lingerOver || exhausted || source.position >= limit) {
      await flush(source, sink, batch, counts, pending, options.maxInFlight)
      batch = []
      continue
    }
    const wait = Math.min(pacer.waitMs(source.position, now), batch.length > 0 ? options.lingerMs - (now - batchOpenedAt) : 50)
    await delay(Math.max(1, Math.ceil(wait)))
  }
  await flush(source, sink, batch, counts, pending, options.maxInFlight)
  await Promise.all(pending)
  return counts
}

/** Pulls records below the position limit until the batch is full; true when the stream has ended. */
function fill (source: TrafficSource, batch: GeneratedRecord[], batchSize: number, positionLimit: number, sample: TrafficOptions['sample']): boolean {
  while (batch.length < batchSize) {
    const record = source.next(positionLimit)
    if (record === undefined) return true
    if (record === null) return false
    batch.push(record)
    if (sample !== undefined && source.position % sample.every === 0) sample.show(record)
  }
  return false
}

async function flush (source: TrafficSource, sink: TrafficSink, batch: GeneratedRecord[], counts: TrafficCounts, pending: Set<Promise<void>>, maxInFlight: number): Promise<void> {
  const labels = source.takeLabels()
  if (batch.length === 0 && labels.length === 0) return
  while (pending.size >= maxInFlight) await Promise.race(pending)
  const size = batch.length
  let bytes = 0
  for (const record of batch) bytes += record.value.length + record.key.length
  counts.sent += size
  counts.bytes += bytes
  counts.inFlight += size
  const send = Promise.all([sink.write(batch), sink.writeLabels(labels)]).then(() => {
    counts.acknowledged += size
    counts.labels += labels.length
  }, (error: unknown) => {
    counts.failed += size
    counts.errors.push(describeError(error))
  }).finally(() => {
    counts.inFlight -= size
    pending.delete(send)
  })
  pending.add(send)
}
