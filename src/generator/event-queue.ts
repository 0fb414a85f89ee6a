// A min-heap of future events ordered by time, then by insertion, so equal-time events keep their planned order.

export class EventQueue<T> {
  readonly #times: number[] = []
  readonly #seqs: number[] = []
  readonly #items: T[] = []
  #seq = 0

  get size(): number {
    return this.#items.length
  }

  /** Time of the earliest event, NaN when empty. */
  peekTime(): number {
    return this.#items.length === 0 ? Number.NaN : this.#times[0]!
  }

  push(time: number, item: T): void {
    this.#times.push(time)
    this.#seqs.push(this.#seq++)
    this.#items.push(item)
    this.#siftUp(this.#items.length - 1)
  }

  pop(): T | undefined {
    const n = this.#items.length
    if (n === 0) return undefined
    const top = this.#items[0]
    this.#swap(0, n - 1)
    this.#times.pop()
    this.#seqs.pop()
    this.#items.pop()
    this.#siftDown(0)
    return top
  }

  #less(i: number, j: number): boolean {
    const ti = this.#times[i]!
    const tj = this.#times[j]!
    return ti < tj || (ti === tj && this.#seqs[i]! < this.#seqs[j]!)
  }

  #swap(i: number, j: number): void {
    ;[this.#times[i], this.#times[j]] = [this.#times[j]!, this.#times[i]!]
    ;[this.#seqs[i], this.#seqs[j]] = [this.#seqs[j]!, this.#seqs[i]!]
    ;[this.#items[i], this.#items[j]] = [this.#items[j]!, this.#items[i]!]
  }

  #siftUp(index: number): void {
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.#less(i, parent)) return
      this.#swap(i, parent)
      i = parent
    }
  }

  #siftDown(index: number): void {
    const n = this.#items.length
    let i = index
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < n && this.#less(left, smallest)) smallest = left
      if (right < n && this.#less(right, smallest)) smallest = right
      if (smallest === i) return
      this.#swap(i, smallest)
      i = smallest
    }
  }
}
