// Where a task's state stands in each input partition, saved with the state in the same transaction.
//
// After a failover the new owner's consumer may start from an offset fetched before the previous owner's last
// transaction completed; records below the saved position are already reflected in the restored state and in
// committed outputs, so they are skipped rather than counted twice.
import type { TransactionalStore } from './transactional-store.ts'

export interface PositionValue { readonly next_offset?: string }

export class InputPositions {
  readonly #store: TransactionalStore<PositionValue>
  readonly #next = new Map<string, bigint>()

  constructor (store: TransactionalStore<PositionValue>) {
    this.#store = store
  }

  /**
   * True when the record is new to this task's state (and moves the position past it). A record handed over within
   * the engine (offset -1, never read from a topic) has no position: its sender's transaction covers it.
   */
  admit (topic: string, offset: bigint): boolean {
    if (offset < 0n) return true
    const next = this.#next.get(topic) ?? this.#load(topic)
    if (offset < next) return false
    this.#next.set(topic, offset + 1n)
    return true
  }

  /** Writes the positions that moved into the store (one changelog record per topic and commit). */
  save (): void {
    for (const [topic, next] of this.#next) {
      const key = `position|${topic}`
      if (this.#store.get(key)?.next_offset !== String(next)) this.#store.put(key, { next_offset: String(next) })
    }
  }

  /** After a restore or an abort the store is the truth. */
  reload (): void {
    this.#next.clear()
  }

  #load (topic: string): bigint {
    const saved = this.#store.get(`position|${topic}`)?.next_offset
    const next = saved === undefined ? -1n : BigInt(saved)
    this.#next.set(topic, next)
    return next
  }
}
