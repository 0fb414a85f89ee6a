// What the parallel producer and its worker threads exchange (structured-clone safe: no functions).
import type { TrafficTopics } from './traffic-sink.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import type { Compression } from '../engine/records.ts'
import type { GeneratorOptions } from '../generator/options.ts'
import type { TrafficOptions } from './traffic-producer.ts'

/** Generator options without the clock function (a worker uses its own Date.now). */
export type PortableGeneratorOptions = Omit<GeneratorOptions, 'time'> & {
  readonly time: Exclude<GeneratorOptions['time'], { mode: 'realtime' }> | { readonly mode: 'realtime'; readonly count?: number }
}

export interface TrafficWorkerData {
  readonly index: number
  readonly workers: number
  /** Partitions of the transaction topic (and of the co-partitioned account events). */
  readonly partitions: number
  readonly generator: PortableGeneratorOptions
  readonly kafka: KafkaConnection
  readonly topics: TrafficTopics
  readonly compression: Compression
  readonly traffic: Omit<TrafficOptions, 'sample'>
  readonly sampleEvery: number | undefined
}

export interface WorkerReport {
  readonly index: number
  readonly done: boolean
  readonly sent: number
  readonly acknowledged: number
  readonly failed: number
  readonly bytes: number
  readonly inFlight: number
  readonly labels: number
  readonly errors: readonly string[]
}

export function reviveGeneratorOptions (options: PortableGeneratorOptions): GeneratorOptions {
  if (options.time.mode !== 'realtime') return options as GeneratorOptions
  const count = options.time.count
  return { ...options, time: count === undefined ? { mode: 'realtime', now: Date.now } : { mode: 'realtime', now: Date.now, count } }
}
