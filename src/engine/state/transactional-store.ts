// An in-memory key-value store whose writes stay pending until the surrounding Kafka transaction commits.
//
// Reads see pending writes first. commit() folds them into the committed map; abort() drops them, so the
// store always equals what the committed changelog says. Pending writes are deduplicated per key, as Kafka
// Streams' record cache does: a key written 100 times in one transaction costs one changelog record.

export interface Codec<V> {
  encode (value: V): Buffer
  decode (bytes: Buffer): V
}

export const jsonCodec = <V>(): Codec<V> => ({
  encode: (value) => Buffer.from(JSON.stringify(value)),
  decode: (bytes) => JSON.parse(bytes.toString('utf8')) as V
})

/** A pending change: a new value, or undefined for a deletion (a tombstone in the changelog). */
export type PendingChange<V> = readonly [key: string, value: V | undefined]

/** A pending deletion: one lookup in the pending map tells "deleted" from "not pending" (undefined). */
const TOMBSTONE: unique symbol = Symbol('tombstone')

export class TransactionalStore<V> {
  readonly name: string
  readonly codec: Codec<V>
  readonly #committed = new Map<string, V>()
  readonly #pending = new Map<string, V | typeof TOMBSTONE>()

  constructor (name: string, codec: Codec<V>) {
    this.name = name
    this.codec = codec
  }

  get (key: string): V | undefined {
    const pending = this.#pending.get(key)
    if (pending === undefined) return this.#committed.get(key)
    return pending === TOMBSTONE ? undefined : pending
  }

  /**
   * The value to change in place within this transaction: the pending copy if there is one, else a copy of the
   * committed value (the committed one must stay intact for an abort), else a new value.
   */
  mutable (key: string, create: () => V, copy: (committed: V) => V): V {
    const pending = this.#pending.get(key)
    if (pending !== undefined && pending !== TOMBSTONE) return pending
    const committed = pending === TOMBSTONE ? undefined : this.#committed.get(key)
    const value = committed === undefined ? create() : copy(committed)
    this.#pending.set(key, value)
    return value
  }

  put (key: string, value: V): void {
    this.#pending.set(key, value)
  }

  delete (key: string): void {
    // A key the changelog never held needs no tombstone.
    if (!this.#committed.has(key)) this.#pending.delete(key)
    else this.#pending.set(key, TOMBSTONE)
  }

  /** Committed entries plus pending ones (pending wins), deletions excluded. */
  * entries (): IterableIterator<[string, V]> {
    for (const [key, value] of this.#committed) {
      if (!this.#pending.has(key)) yield [key, value]
    }
    for (const [key, value] of this.#pending) {
      if (value !== TOMBSTONE) yield [key, value]
    }
  }

  /** The changes of this transaction: a new value, or undefined for a deletion. */
  * pendingChanges (): IterableIterator<[string, V | undefined]> {
    for (const [key, value] of this.#pending) yield [key, value === TOMBSTONE ? undefined : value]
  }

  get pendingCount (): number {
    return this.#pending.size
  }

  get size (): number {
    return this.#committed.size
  }

  commit (): void {
    this.#pending.forEach((value, key) => {
      if (value === TOMBSTONE) this.#committed.delete(key)
      else this.#committed.set(key, value)
    })
    this.#pending.clear()
  }

  abort (): void {
    this.#pending.clear()
  }

  /** Loads one changelog record (null bytes: a tombstone) straight into the committed map. */
  restore (key: string, bytes: Buffer | null): void {
    if (bytes === null || bytes.length === 0) this.#committed.delete(key)
    else this.#committed.set(key, this.codec.decode(bytes))
  }

  clear (): void {
    this.#committed.clear()
    this.#pending.clear()
  }

  /** Deletes (through the changelog) every entry the predicate calls idle; returns how many. */
  expire (isIdle: (value: V, key: string) => boolean): number {
    // forEach, not entries(): a scan over a million accounts must not allocate an entry per account.
    const idle: string[] = []
    this.#committed.forEach((value, key) => { if (!this.#pending.has(key) && isIdle(value, key)) idle.push(key) })
    this.#pending.forEach((value, key) => { if (value !== TOMBSTONE && isIdle(value, key)) idle.push(key) })
    for (const key of idle) this.delete(key)
    return idle.length
  }
}
