// When several stream threads share one consumer group with --until-caught-up, they stop together: a thread that
// stops alone would leave the group and hand its partitions (and their state) to the others, and an inflow one
// thread still writes could land on a partition another thread already called done.
//
// Each thread asks once it finds its own partitions caught up, and waits for the verdict without writing. When all
// threads are waiting, they may stop if every check began after every thread's last write committed: then no
// thread can have missed a record another one wrote. Otherwise all go on and ask again.
import type { CaughtUpReport } from '../kafka/exactly-once-runner.ts'

export class CaughtUpCoordinator {
  readonly #threads: number
  readonly #waiting = new Map<number, { report: CaughtUpReport; resolve: (stop: boolean) => void }>()
  #stopped = false

  constructor (threads: number) {
    this.#threads = threads
  }

  /** A thread is caught up: resolves true when all may stop, false when it must go on processing. */
  ask (thread: number, report: CaughtUpReport): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(true)
    return new Promise((resolve) => {
      this.#waiting.get(thread)?.resolve(false)
      this.#waiting.set(thread, { report, resolve })
      if (this.#waiting.size === this.#threads) this.#decide()
    })
  }

  /** Releases every waiting thread with a stop verdict (shutdown, or a thread that failed). */
  release (): void {
    this.#stopped = true
    for (const { resolve } of this.#waiting.values()) resolve(true)
    this.#waiting.clear()
  }

  #decide (): void {
    const reports = [...this.#waiting.values()].map((w) => w.report)
    const firstCheck = Math.min(...reports.map((r) => r.checkedAt))
    const lastWrite = Math.max(...reports.map((r) => r.lastWriteAt))
    const stop = firstCheck > lastWrite
    if (stop) this.#stopped = true
    for (const { resolve } of this.#waiting.values()) resolve(stop)
    this.#waiting.clear()
  }
}
