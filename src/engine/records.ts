// The record shapes the engine and the rest of PesaFlow see: our own, so no module outside src/kafka/ needs the client library.

/** A record to write to a topic. Value null is a tombstone (deletes a key in a compacted topic). */
export interface OutgoingRecord {
  readonly topic: string
  readonly key: string | Buffer | null
  readonly value: Buffer | null
  /** Event time in epoch milliseconds: every PesaFlow record carries it as the Kafka timestamp. */
  readonly timestamp?: number
  readonly partition?: number
  readonly headers?: Readonly<Record<string, string | Buffer>>
  /**
   * The value as the emitting task built it, before encoding. A repartitioned record handed over to a task of the
   * same engine carries it along, so the receiving task need not decode the bytes again.
   */
  readonly decoded?: unknown
}

/** A record read from a topic. */
export interface IncomingRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: bigint
  readonly timestamp: number
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: ReadonlyMap<string, Buffer>
  /** Only on a record handed over inside the engine: the emitter's value before encoding (see OutgoingRecord). */
  readonly decoded?: unknown
}

export type Compression = 'none' | 'lz4' | 'zstd' | 'gzip' | 'snappy'
