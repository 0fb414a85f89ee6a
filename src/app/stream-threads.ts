// `pesaflow process --threads N`: N stream threads (worker threads), each one member of the consumer group with its
// own consumer, transactional producer and state, as Kafka Streams' num.stream.threads. Kafka spreads the
// partitions over them; this side only relays signals, sums their counters and feeds their metrics events.
import { Worker } from 'node:worker_threads'
import type { ConfigOverrides } from '../config/config.ts'
import type { Compression } from '../engine/records.ts'
import type { EngineCounters } from '../engine/stream-engine.ts'
import { PesaflowError, describeError, type ErrorCode } from '../errors.ts'
import type { CaughtUpReport } from '../kafka/exactly-once-runner.ts'
import type { ProcessorEvent } from '../metrics/processor-metrics.ts'
import type { PipelineSettings } from '../pipeline/settings.ts'
import { CaughtUpCoordinator } from './caught-up-coordinator.ts'
import type { ProcessorTotals } from './processor-instance.ts'

export interface ThreadData {
  readonly overrides: ConfigOverrides
  readonly processorId: string
  readonly settings: PipelineSettings
  readonly commitIntervalMs: number
  readonly untilCaughtUp: boolean
  readonly compression: Compression
  readonly rulesFile: string | undefined
}

/** A thread's totals as a message (the lag, a bigint, as text). */
export type ThreadStatus = Omit<ProcessorTotals, 'lag'> & { readonly lag: string }

export type ThreadMessage =
  | ({ readonly type: 'status' } & ThreadStatus)
  | { readonly type: 'event'; readonly event: ProcessorEvent }
  | { readonly type: 'caught-up'; readonly report: CaughtUpReport }
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly code: ErrorCode; readonly message: string }

export type ThreadCommand = { readonly type: 'start' } | { readonly type: 'settled' } | { readonly type: 'stop' } | { readonly type: 'verdict'; readonly stop: boolean }

/** If the threads have not all joined one generation by then, they start anyway. */
const SETTLE_PATIENCE_MS = 30_000

export class StreamThreads {
  readonly #workers: Worker[] = []
  readonly #status = new Map<number, ThreadStatus>()
  readonly #coordinator: CaughtUpCoordinator
  readonly #exited: Promise<void>[]
  #failure: unknown
  #readyThreads = 0
  readonly #generations = new Map<number, number>()
  #settled = false

  /** Starts one worker per processor id (`<base>-t1` … `<base>-tN`: stable transactional ids across restarts). */
  constructor (threads: number, data: ThreadData, onEvent: (event: ProcessorEvent) => void) {
    this.#coordinator = new CaughtUpCoordinator(threads)
    this.#exited = Array.from({ length: threads }, (_, i) => {
      const worker = new Worker(new URL('./stream-thread-worker.ts', import.meta.url), { workerData: { ...data, processorId: `${data.processorId}-t${i + 1}` } satisfies ThreadData })
      this.#workers.push(worker)
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'status') this.#status.set(i, message)
        else if (message.type === 'ready') this.#ready(threads)
        else if (message.type === 'event') {
          if (message.event.kind === 'assigned') this.#assigned(i, message.event.generation)
          onEvent(message.event)
        }
        else if (message.type === 'failed') this.#fail(new PesaflowError(message.code, `stream thread ${i + 1}: ${message.message}`))
        else void this.#coordinator.ask(i, message.report).then((stop) => { worker.postMessage({ type: 'verdict', stop } satisfies ThreadCommand) })
      })
      return new Promise<void>((resolve) => {
        worker.once('error', (error) => { this.#fail(error) })
        worker.once('exit', () => { resolve() })
      })
    })
  }

  /** Once every thread has built its processor, all join the group at once. */
  #ready (threads: number): void {
    if (++this.#readyThreads < threads) return
    for (const worker of this.#workers) worker.postMessage({ type: 'start' } satisfies ThreadCommand)
    setTimeout(() => { this.#settle() }, SETTLE_PATIENCE_MS).unref()
  }

  /** Threads process once all of them hold an assignment of the same generation (the group has seen them all). */
  #assigned (thread: number, generation: number): void {
    this.#generations.set(thread, generation)
    const generations = new Set(this.#generations.values())
    if (this.#generations.size === this.#workers.length && generations.size === 1) this.#settle()
  }

  #settle (): void {
    if (this.#settled) return
    this.#settled = true
    for (const worker of this.#workers) worker.postMessage({ type: 'settled' } satisfies ThreadCommand)
  }

  /** One thread failing stops the process: the others commit, leave the group, and the exit is non-zero. */
  #fail (error: unknown): void {
    this.#failure ??= error
    this.stop()
  }

  /** Each thread commits its open transaction and leaves the group. */
  stop (): void {
    this.#coordinator.release()
    for (const worker of this.#workers) worker.postMessage({ type: 'stop' } satisfies ThreadCommand)
  }

  /** Resolves when every thread has finished; rejects with the first thread's failure. */
  async done (): Promise<void> {
    await Promise.all(this.#exited)
    if (this.#failure !== undefined) {
      throw this.#failure instanceof PesaflowError ? this.#failure : new PesaflowError('KAFKA_FATAL', `a stream thread failed: ${describeError(this.#failure)}`, { cause: this.#failure })
    }
  }

  totals (): ProcessorTotals {
    const counters: EngineCounters = { processed: 0, internal: 0, deadLettered: 0, emitted: 0, commits: 0, aborts: 0 }
    let lag = 0n
    let lastCommitAt = 0
    let restoring: { restored: number; target: number } | undefined
    for (const s of this.#status.values()) {
      for (const key of Object.keys(counters) as (keyof EngineCounters)[]) counters[key] += s.counters[key]
      lag += BigInt(s.lag)
      lastCommitAt = Math.max(lastCommitAt, s.lastCommitAt)
      if (s.restoring !== undefined) restoring = { restored: (restoring?.restored ?? 0) + s.restoring.restored, target: (restoring?.target ?? 0) + s.restoring.target }
    }
    return { counters, lag, lastCommitAt, restoring }
  }
}
