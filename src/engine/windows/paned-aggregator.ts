// Event-time windows computed from panes: each input updates one pane; windows are sums of panes when emitted.
//
// A pane is the finest time slice (e.g. one minute) of the finest group (e.g. market and type). Every window of
// every view (hourly by market, hourly by market and type, 5 minutes sliding by the minute) is a whole number of
// panes, rolled up to the view's group when it is emitted. One state update per input, however many windows hold
// it (the idea of Flink's and Scotty's sliced windows); the changelog carries panes, deduplicated per commit.
import type { TransactionalStore } from '../state/transactional-store.ts'
import type { Watermark } from './watermark.ts'
import type { WindowSpec } from './window-spec.ts'

export interface PaneView {
  readonly window: WindowSpec
  /** The view's group of a pane's group, e.g. "Nairobi|PAYBILL" → "Nairobi". */
  readonly rollup: (paneGroup: string) => string
}

export interface PanedSpec<I, A> {
  /** Pane length; every view's size and advance must be a multiple of it, with the same alignment. */
  readonly paneMs: number
  readonly alignMs?: number
  readonly views: readonly PaneView[]
  readonly groupOf: (input: I) => string
  readonly init: () => A
  /** Adds the input to a mutable accumulator. */
  readonly addInto: (accumulator: A, input: I) => void
  /** Adds one accumulator into another. */
  readonly mergeInto: (accumulator: A, other: A) => void
  readonly clone: (accumulator: A) => A
}

/** The changelogged state of one pane: start (epoch ms), group and accumulator. */
export interface StoredPane<A> { readonly s: number; readonly g: string; readonly a: A }

export interface WindowResult<A> {
  readonly window: string
  readonly start: number
  readonly end: number
  readonly group: string
  readonly aggregate: A
  /** false for an early (intermediate) update; true for the final result at close. */
  readonly final: boolean
}

export class PanedAggregator<I, A> {
  readonly spec: PanedSpec<I, A>
  readonly #store: TransactionalStore<StoredPane<A>>
  /** pane start → pane group → store key (cached strings: built once per pane, hashed once). */
  readonly #panes = new Map<number, Map<string, string>>()
  /** Panes changed since the last early update. */
  readonly #dirty = new Map<number, Set<string>>()
  /** Per view: windows ending at or before this have emitted their final result. */
  readonly #closedUpTo: number[]
  /** Per view: open windows changed since their last early update (end → view groups). */
  readonly #changedWindows: Map<number, Set<string>>[] = []
  // The pane add() is about to change, for the two functions below (made once, not per record).
  #addingStart = 0
  #addingGroup = ''
  readonly #newPane = (): StoredPane<A> => ({ s: this.#addingStart, g: this.#addingGroup, a: this.spec.init() })
  readonly #copyPane = (p: StoredPane<A>): StoredPane<A> => ({ s: p.s, g: p.g, a: this.spec.clone(p.a) })

  constructor (spec: PanedSpec<I, A>, store: TransactionalStore<StoredPane<A>>) {
    for (const { window } of spec.views) {
      if (window.sizeMs % spec.paneMs !== 0 || window.advanceMs % spec.paneMs !== 0 || (window.alignMs ?? 0) !== (spec.alignMs ?? 0)) {
        throw new Error(`window ${window.name}: size and advance must be multiples of the ${spec.paneMs} ms pane, with the same alignment`)
      }
    }
    this.spec = spec
    this.#store = store
    this.#closedUpTo = spec.views.map(() => Number.NEGATIVE_INFINITY)
  }

  add (input: I, eventTime: number): void {
    const { paneMs, alignMs = 0 } = this.spec
    const start = Math.floor((eventTime - alignMs) / paneMs) * paneMs + alignMs
    const group = this.spec.groupOf(input)
    let groups = this.#panes.get(start)
    if (groups === undefined) this.#panes.set(start, groups = new Map<string, string>())
    let key = groups.get(group)
    if (key === undefined) groups.set(group, key = `${start}|${group}`)
    this.#addingStart = start
    this.#addingGroup = group
    const pane = this.#store.mutable(key, this.#newPane, this.#copyPane)
    this.spec.addInto(pane.a, input)
    let dirty = this.#dirty.get(start)
    if (dirty === undefined) this.#dirty.set(start, dirty = new Set())
    dirty.add(group)
  }

  /** Final results of every window the watermark has closed since the last call; panes no window needs are deleted. */
  close (watermark: Watermark): WindowResult<A>[] {
    const results: WindowResult<A>[] = []
    this.spec.views.forEach((view, v) => {
      const limit = this.#closableEnd(view.window, watermark)
      const previous = this.#closedUpTo[v] ?? Number.NEGATIVE_INFINITY
      if (limit <= previous) return
      for (const end of this.#endsHoldingPanes(view.window, previous, limit)) {
        for (const [group, aggregate] of this.#sum(view, end)) results.push({ window: view.window.name, start: end - view.window.sizeMs, end, group, aggregate, final: true })
      }
      this.#closedUpTo[v] = limit
      const changed = this.#changedWindows[v]
      if (changed !== undefined) for (const end of [...changed.keys()]) if (end <= limit) changed.delete(end)
    })
    this.#dropUnneededPanes()
    return results
  }

  /**
   * Intermediate results of the open windows holding a pane changed since the last call (for live views). With
   * `endingAfter`, only windows still in progress at that stream time (the ones a live view shows) are emitted;
   * the other changed windows are kept for a later full drain (their final result usually comes first).
   */
  drainUpdates (endingAfter = Number.NEGATIVE_INFINITY): WindowResult<A>[] {
    this.#collectChangedWindows()
    const results: WindowResult<A>[] = []
    this.spec.views.forEach((view, v) => {
      const changed = this.#changedWindows[v] ?? new Map<number, Set<string>>()
      for (const [end, rolled] of [...changed].sort((a, b) => a[0] - b[0])) {
        if (end <= endingAfter) continue
        changed.delete(end)
        for (const [group, aggregate] of this.#sum(view, end)) {
          if (rolled.has(group)) results.push({ window: view.window.name, start: end - view.window.sizeMs, end, group, aggregate, final: false })
        }
      }
    })
    return results
  }

  /** Turns the changed panes into the open windows (per view: end → groups) they changed. */
  #collectChangedWindows (): void {
    this.spec.views.forEach((view, v) => {
      const closed = this.#closedUpTo[v] ?? Number.NEGATIVE_INFINITY
      const changed = this.#changedWindows[v] ?? new Map<number, Set<string>>()
      this.#changedWindows[v] = changed
      for (const [start, groups] of this.#dirty) {
        for (const end of this.#endsOfWindowsHolding(view.window, start)) {
          if (end <= closed) continue
          let rolled = changed.get(end)
          if (rolled === undefined) changed.set(end, rolled = new Set())
          for (const group of groups) rolled.add(view.rollup(group))
        }
      }
    })
    this.#dirty.clear()
  }

  /** After a restore or an abort the store and the restored watermark are the truth: index them again. */
  rebuildIndex (watermark: Watermark): void {
    this.#panes.clear()
    this.#dirty.clear()
    this.#changedWindows.length = 0
    this.spec.views.forEach((view, v) => { this.#closedUpTo[v] = this.#closableEnd(view.window, watermark) })
    for (const [key, pane] of this.#store.entries()) {
      let groups = this.#panes.get(pane.s)
      if (groups === undefined) this.#panes.set(pane.s, groups = new Map<string, string>())
      groups.set(pane.g, key)
      // Which windows an earlier instance left without an early update is not kept: treat every open one as changed.
      let dirty = this.#dirty.get(pane.s)
      if (dirty === undefined) this.#dirty.set(pane.s, dirty = new Set())
      dirty.add(pane.g)
    }
  }

  get openPanes (): number {
    let count = 0
    for (const groups of this.#panes.values()) count += groups.size
    return count
  }

  /** The latest window end (on the view's grid) that the watermark closes. */
  #closableEnd (window: WindowSpec, watermark: Watermark): number {
    const latest = watermark.value - watermark.policy.graceMs
    if (!Number.isFinite(latest)) return Number.NEGATIVE_INFINITY
    const align = window.alignMs ?? 0
    return Math.floor((latest - window.sizeMs - align) / window.advanceMs) * window.advanceMs + align + window.sizeMs
  }

  /** Ends of the windows of this view that hold the pane starting at `start`, oldest first. */
  #endsOfWindowsHolding (window: WindowSpec, start: number): number[] {
    const align = window.alignMs ?? 0
    const lastStart = Math.floor((start - align) / window.advanceMs) * window.advanceMs + align
    const ends: number[] = []
    for (let s = lastStart - window.sizeMs + window.advanceMs; s <= lastStart; s += window.advanceMs) ends.push(s + window.sizeMs)
    return ends
  }

  /** Ends in (after, upTo] of windows holding at least one pane, ascending. */
  #endsHoldingPanes (window: WindowSpec, after: number, upTo: number): number[] {
    const ends = new Set<number>()
    for (const start of this.#panes.keys()) {
      for (const end of this.#endsOfWindowsHolding(window, start)) if (end > after && end <= upTo) ends.add(end)
    }
    return [...ends].sort((a, b) => a - b)
  }

  /** The window [end − size, end) of a view, rolled up: one fresh accumulator per view group, in group order. */
  #sum (view: PaneView, end: number): [string, A][] {
    const sums = new Map<string, A>()
    const addPane = (key: string, group: string): void => {
      const pane = this.#store.get(key)
      if (pane === undefined) return
      const rolled = view.rollup(group)
      let sum = sums.get(rolled)
      if (sum === undefined) sums.set(rolled, sum = this.spec.init())
      this.spec.mergeInto(sum, pane.a)
    }
    // forEach: no entry array per pane (windows close often in a backfill).
    for (let start = end - view.window.sizeMs; start < end; start += this.spec.paneMs) this.#panes.get(start)?.forEach(addPane)
    return [...sums].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  }

  /** Deletes (through the changelog) the panes whose every window, in every view, has closed. */
  #dropUnneededPanes (): void {
    for (const [start, groups] of this.#panes) {
      const needed = this.spec.views.some((view, v) => {
        const ends = this.#endsOfWindowsHolding(view.window, start)
        return (ends[ends.length - 1] ?? Number.POSITIVE_INFINITY) > (this.#closedUpTo[v] ?? Number.NEGATIVE_INFINITY)
      })
      if (needed) continue
      for (const key of groups.values()) this.#store.delete(key)
      this.#panes.delete(start)
      this.#dirty.delete(start)
    }
  }
}
