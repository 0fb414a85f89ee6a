// Drives generated traffic into a sink: pacing, batching with linger, bounded in-flight sends, counts for progress.
import { setTimeout as delay } from 'node:timers/promises'
import { describeError } from '../errors.ts'
import type { GeneratedRecord, MpesaGenerator } from '../generator/generator.ts'
import { createPacer } from './pacer.ts'
import type { TrafficSink } from './traffic-sink.ts'

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
  /** Called with every Nth record (for --sample). */
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

export function runTraffic (generator: MpesaGenerator, sink: TrafficSink, options: TrafficOptions): TrafficRun {
  const counts: TrafficCounts = { sent: 0, acknowledged: 0, failed: 0, bytes: 0, inFlight: 0, labels: 0, errors: [], startedAt: performance.now() }
  let stopping = false
  const finished = produceLoop(generator, sink, options, counts, () => stopping)
  return { counts, stop: () => { stopping = true }, finished }
}

async function produceLoop (generator: MpesaGenerator, sink: TrafficSink, options: TrafficOptions, counts: TrafficCounts, stopping: () => boolean): Promise<TrafficCounts> {
  const pacer = createPacer(options.rate, counts.startedAt)
  const limit = options.count ?? Number.POSITIVE_INFINITY
  const endAt = options.durationMs === undefined ? Number.POSITIVE_INFINITY : counts.startedAt + options.durationMs
  const pending = new Set<Promise<void>>()
  let batch: GeneratedRecord[] = []
  let batchOpenedAt = 0
  let exhausted = false
  while (!stopping() && !exhausted && counts.sent + batch.length < limit && counts.failed === 0) {
    const now = performance.now()
    if (now >= endAt) break
    const room = Math.min(options.batchSize - batch.length, limit - counts.sent - batch.length, pacer.due(counts.sent + batch.length, now))
    if (batch.length === 0 && room > 0) batchOpenedAt = now
    exhausted = fill(generator, batch, room, options.sample, counts.sent)
    const lingerOver = batch.length > 0 && now - batchOpenedAt >= options.lingerMs
    if (batch.length >= options.batchSize || lingerOver || exhausted || counts.sent + batch.length >= limit) {
      await flush(generator, sink, batch, counts, pending, options.maxInFlight)
      batch = []
      continue
    }
    const wait = Math.min(pacer.waitMs(counts.sent + batch.length, now), batch.length > 0 ? options.lingerMs - (now - batchOpenedAt) : 50)
    await delay(Math.max(1, Math.ceil(wait)))
  }
  await flush(generator, sink, batch, counts, pending, options.maxInFlight)
  await Promise.all(pending)
  return counts
}

/** Pulls up to `room` records; true when the generator has no more. */
function fill (generator: MpesaGenerator, batch: GeneratedRecord[], room: number, sample: TrafficOptions['sample'], sentBefore: number): boolean {
  for (let i = 0; i < room; i++) {
    const record = generator.next()
    if (record === undefined) return true
    batch.push(record)
    if (sample !== undefined && (sentBefore + batch.length) % sample.every === 0) sample.show(record)
  }
  return false
}

async function flush (generator: MpesaGenerator, sink: TrafficSink, batch: GeneratedRecord[], counts: TrafficCounts, pending: Set<Promise<void>>, maxInFlight: number): Promise<void> {
  const labels = generator.takeLabels()
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
