// Aggregates inputs into event-time windows per group key, kept in a changelogged store, emitted when they close.
import type { TransactionalStore } from '../state/transactional-store.ts'
import type { Watermark } from './watermark.ts'
import { windowStartsFor, type WindowSpec } from './window-spec.ts'

export interface StoredWindow<A> {
  /** window start, end (epoch ms), group key and the aggregate so far */
  readonly s: number
  readonly e: number
  readonly g: string
  readonly a: A
}

export interface WindowResult<A> {
  readonly window: string
  readonly start: number
  readonly end: number
  readonly group: string
  readonly aggregate: A
  /** false for an early (intermediate) update; true for the final result at close. */
  readonly final: boolean
}

export interface AggregationSpec<I, A> {
  readonly window: WindowSpec
  /** The group(s) an input counts towards, e.g. its market. */
  readonly groupOf: (input: I) => string
  readonly init: () => A
  /** Returns the new aggregate; must not mutate the one passed in (it may be the committed copy). */
  readonly add: (aggregate: A, input: I) => A
}

export class WindowedAggregator<I, A> {
  readonly spec: AggregationSpec<I, A>
  readonly #store: TransactionalStore<StoredWindow<A>>
  /** Open windows by end time, so closing scans only the ends the watermark passed. */
  readonly #openByEnd = new Map<number, Set<string>>()
  readonly #updated = new Set<string>()

  constructor (spec: AggregationSpec<I, A>, store: TransactionalStore<StoredWindow<A>>) {
    this.spec = spec
    this.#store = store
    this.rebuildIndex()
  }

  add (input: I, eventTime: number): void {
    const { window } = this.spec
    const group = this.spec.groupOf(input)
    for (const start of windowStartsFor(window, eventTime)) {
      const key = `${window.name}|${start}|${group}`
      const current = this.#store.get(key)
      const end = start + window.sizeMs
      this.#store.put(key, { s: start, e: end, g: group, a: this.spec.add(current?.a ?? this.spec.init(), input) })
      if (current === undefined) this.#index(end, key)
      this.#updated.add(key)
    }
  }

  /** Final results of every window the watermark has closed; their state is deleted (through the changelog). */
  close (watermark: Watermark): WindowResult<A>[] {
    const results: WindowResult<A>[] = []
    const ends = [...this.#openByEnd.keys()].filter((end) => watermark.closes(end)).sort((a, b) => a - b)
    for (const end of ends) {
      for (const key of this.#openByEnd.get(end) ?? []) {
        const stored = this.#store.get(key)
        if (stored === undefined) continue
        results.push(this.#result(stored, true))
        this.#store.delete(key)
        this.#updated.delete(key)
      }
      this.#openByEnd.delete(end)
    }
    return results
  }

  /** Intermediate results of the windows updated since the last call (early updates for live views). */
  drainUpdates (): WindowResult<A>[] {
    const results: WindowResult<A>[] = []
    for (const key of this.#updated) {
      const stored = this.#store.get(key)
      if (stored !== undefined) results.push(this.#result(stored, false))
    }
    this.#updated.clear()
    return results
  }

  /** After a restore or an abort the store is the truth: index it again. */
  rebuildIndex (): void {
    this.#openByEnd.clear()
    this.#updated.clear()
    const prefix = this.spec.window.name + '|'
    for (const [key, stored] of this.#store.entries()) {
      if (key.startsWith(prefix)) this.#index(stored.e, key)
    }
  }

  get openWindows (): number {
    let count = 0
    for (const keys of this.#openByEnd.values()) count += keys.size
    return count
  }

  #index (end: number, key: string): void {
    let keys = this.#openByEnd.get(end)
    if (keys === undefined) {
      keys = new Set()
      this.#openByEnd.set(end, keys)
    }
    keys.add(key)
  }

  #result (stored: StoredWindow<A>, final: boolean): WindowResult<A> {
    return { window: this.spec.window.name, start: stored.s, end: stored.e, group: stored.g, aggregate: stored.a, final }
  }
}
