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
}

export type Compression = 'none' | 'lz4' | 'zstd' | 'gzip' | 'snappy'
