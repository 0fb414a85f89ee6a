// Produces the seeded stream from several worker threads at once: each owns some partitions and writes them in order.
import { Worker } from 'node:worker_threads'
import type { Compression } from '../engine/records.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import type { TrafficCounts, TrafficOptions } from './traffic-producer.ts'
import type { TrafficTopics } from './traffic-sink.ts'
import type { PortableGeneratorOptions, TrafficWorkerData, WorkerReport } from './worker-protocol.ts'

export interface ParallelTrafficOptions {
  readonly workers: number
  readonly partitions: number
  readonly generator: PortableGeneratorOptions
  readonly kafka: KafkaConnection
  readonly topics: TrafficTopics
  readonly compression: Compression
  readonly traffic: Omit<TrafficOptions, 'sample'>
  readonly sampleEvery?: number
}

export interface ParallelTrafficRun {
  readonly counts: TrafficCounts
  stop (): void
  readonly finished: Promise<TrafficCounts>
}

export function runParallelTraffic (options: ParallelTrafficOptions): ParallelTrafficRun {
  const counts: TrafficCounts = { sent: 0, acknowledged: 0, failed: 0, bytes: 0, inFlight: 0, labels: 0, errors: [], startedAt: performance.now() }
  const reports = new Map<number, WorkerReport>()
  const workers = Array.from({ length: Math.min(options.workers, options.partitions) }, (_, index) => {
    const workerData: TrafficWorkerData = {
      index, workers: options.workers, partitions: options.partitions, generator: options.generator, kafka: options.kafka, topics: options.topics,
      compression: options.compression, traffic: options.traffic, sampleEvery: options.sampleEvery
    }
    return new Worker(new URL('./traffic-worker.ts', import.meta.url), { workerData })
  })
  const sum = (): void => {
    const all = [...reports.values()]
    for (const field of ['sent', 'acknowledged', 'failed', 'bytes', 'inFlight', 'labels'] as const) counts[field] = all.reduce((total, r) => total + r[field], 0)
    counts.errors = all.flatMap((r) => [...r.errors])
  }
  // A worker is finished when its final report arrives (its counts are then complete), not merely when it exits.
  const finished = Promise.all(workers.map((worker, index) => new Promise<void>((resolve, reject) => {
    worker.on('message', (report: WorkerReport) => {
      reports.set(index, report)
      sum()
      if (report.done) resolve()
    })
    worker.on('error', reject)
    worker.on('exit', (code) => { if (reports.get(index)?.done !== true) reject(new Error(`traffic worker ${index} exited (code ${code}) before its final report`)) })
  }))).then(() => counts)
  return { counts, stop: () => { for (const worker of workers) worker.postMessage('stop') }, finished }
}
