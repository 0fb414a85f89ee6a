// Background transactions produced a batch at a time: first modelled and settled, then all encoded, then handed out one by one.
//
// Running one stage over a whole batch keeps that stage's code and tables hot in the CPU caches; interleaving the stages
// record by record evicted them every record and cost about a third of the generator's time. The order of the stream
// does not change: the generator still hands records out in event time, with queued scenario records in between.

import type { EventClock } from './clock.ts'
import type { BackgroundTraffic, ReversalBook } from './background.ts'
import { bufferView } from './buffer-view.ts'
import { TYPE, TxDraft } from './draft.ts'
import type { Population } from './population.ts'
import { MAX_TRANSACTION_BYTES } from './serialize.ts'
import type { TransactionEncoder } from './serialize.ts'
import type { Settlement } from './settlement.ts'

/** What a batch needs from the generator. */
export interface BatchStages {
  readonly clock: EventClock
  readonly traffic: BackgroundTraffic
  readonly settlement: Settlement
  readonly reversals: ReversalBook
  readonly encoder: TransactionEncoder
  readonly population: Population
}

export class BackgroundBatch {
  readonly #stages: BatchStages
  readonly #drafts: TxDraft[]
  readonly #keys: string[]
  readonly #ends: Int32Array
  #memory = new ArrayBuffer(0)
  // Where the previous batch's last value lies, for lastTakenValue() right after a refill (numbers, not a Buffer:
  // with capacity 1 a refill comes before every record).
  #carriedMemory: ArrayBuffer | undefined
  #carriedStart = 0
  #carriedEnd = 0
  #first = 0
  #count = 0
  #taken = 0

  /** capacity 1 settles each transaction only when the previous one is taken (real time: stamped when asked for). */
  constructor(stages: BatchStages, capacity: number) {
    this.#stages = stages
    this.#drafts = Array.from({ length: capacity }, () => new TxDraft())
    this.#keys = new Array<string>(capacity).fill('')
    this.#ends = new Int32Array(capacity)
  }

  /** Event time of the next background transaction, NaN when there are no more. */
  peekTime(): number {
    if (this.#taken === this.#count) this.#refill()
    return this.#taken < this.#count ? this.#drafts[this.#taken]!.epochMs : Number.NaN
  }

  /** Takes the next transaction (after peekTime() said there is one); read it with draft(), key() and value(). */
  take(): number {
    return this.#taken++
  }

  /** The settled transaction in a slot, valid until the next refill. */
  draft(slot: number): TxDraft {
    return this.#drafts[slot]!
  }

  key(slot: number): string {
    return this.#keys[slot]!
  }

  /** The slot's JSON bytes, as a Buffer of their own. */
  value(slot: number): Buffer {
    const start = this.#startOf(slot)
    return bufferView(this.#memory, start, this.#ends[slot]! - start)
  }

  /** The value of the transaction taken last (undefined before the first), still valid after a refill. */
  lastTakenValue(): Buffer | undefined {
    if (this.#taken > 0) return this.value(this.#taken - 1)
    return this.#carriedMemory === undefined ? undefined : bufferView(this.#carriedMemory, this.#carriedStart, this.#carriedEnd - this.#carriedStart)
  }

  #refill(): void {
    if (this.#count > 0) {
      this.#carriedMemory = this.#memory
      this.#carriedStart = this.#startOf(this.#count - 1)
      this.#carriedEnd = this.#ends[this.#count - 1]!
    }
    const count = this.#model()
    this.#encode(count)
    this.#count = count
    this.#taken = 0
  }

  #startOf(slot: number): number {
    return slot === 0 ? this.#first : this.#ends[slot - 1]!
  }

  /** Draws, settles and keys up to a batch of transactions; returns how many the clock allowed. */
  #model(): number {
    const { clock, traffic, settlement, reversals, population } = this.#stages
    const drafts = this.#drafts
    let count = 0
    for (; count < drafts.length; count++) {
      const at = clock.peek()
      if (at !== at) break
      clock.consume()
      const draft = drafts[count]!
      traffic.fill(draft, at)
      settlement.settle(draft, at)
      // Only organic transfers can be reversed, so a scenario's money flows stay exactly as labelled.
      if (!draft.failed && draft.type === TYPE.SEND_MONEY && draft.receiver >= 0) {
        reversals.record(draft.sender, draft.receiver, draft.amount, draft.idPrefix, draft.idHigh, draft.idLow)
      }
      this.#keys[count] = draft.sender >= 0 ? population.msisdn(draft.sender) : draft.senderNumber
    }
    return count
  }

  /** Writes the batch's JSON contiguously into one slab. */
  #encode(count: number): void {
    const encoder = this.#stages.encoder
    encoder.reserve(count * MAX_TRANSACTION_BYTES)
    this.#memory = encoder.memory
    this.#first = encoder.position
    for (let slot = 0; slot < count; slot++) this.#ends[slot] = encoder.write(this.#drafts[slot]!)
  }
}
