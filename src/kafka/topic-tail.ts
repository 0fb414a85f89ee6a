// Follows topics from given offsets (read_committed) and hands over batches, for sinks that keep their own offsets.
//
// The sink stores its positions with its rows (in the same database transaction), so no consumer-group offsets
// are committed: a throwaway group whose only member assigns itself every partition reads from exactly the
// positions given (the client fetches group assignments only). A batch is handed over only after the previous
// one was handled, so the sink's own retries never reorder anything.
import { Admin, Consumer, FetchIsolationLevels, MessagesStreamModes, type GroupPartitionsAssignments, type Message } from '@platformatic/kafka'
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { describeError } from '../errors.ts'
import type { IncomingRecord } from '../engine/records.ts'
import { baseOptions, type KafkaConnection } from './client-options.ts'
import { toIncomingRecord } from './consumer.ts'
import { toPesaflowError } from './errors.ts'

export interface TailOptions {
  readonly topics: readonly string[]
  /** Partitions of each topic. */
  readonly partitions: number
  /** Next offset to read per `topic:partition`; missing partitions start at their earliest record. */
  readonly from: ReadonlyMap<string, bigint>
  readonly maxBatch: number
  readonly maxWaitMs: number
  readonly role: string
  readonly onBatch: (records: IncomingRecord[]) => Promise<void>
}

/** Runs until the signal aborts; a failing onBatch ends the tail with its error (the caller decides on retries). */
export async function tailTopics (kafka: KafkaConnection, options: TailOptions, signal: AbortSignal): Promise<void> {
  const groupId = `pesaflow-tail-${randomBytes(6).toString('hex')}`
  const all = Array.from({ length: options.partitions }, (_, p) => p)
  const consumer = new Consumer({
    ...baseOptions(kafka, options.role),
    groupId,
    autocommit: false,
    maxWaitTime: Math.min(500, options.maxWaitMs),
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    partitionAssigner: (current, _members, subscribed): GroupPartitionsAssignments[] => [{
      memberId: current,
      assignments: new Map([...subscribed].map((topic) => [topic, { topic, partitions: [...all] }]))
    }]
  })
  try {
    const earliest = await consumer.listOffsets({ topics: [...options.topics], timestamp: -2n })
    const offsets = options.topics.flatMap((topic) => all.map((partition) => {
      const first = earliest.get(topic)?.[partition] ?? 0n
      const wanted = options.from.get(`${topic}:${partition}`) ?? 0n
      return { topic, partition, offset: wanted > first ? wanted : first }
    }))
    const stream = await consumer.consume({ topics: [...options.topics], mode: MessagesStreamModes.MANUAL, offsets })
    await pump(stream, options, signal)
  } catch (error) {
    if (!signal.aborted) throw toPesaflowError(error, `following ${options.topics.join(', ')}`)
  } finally {
    await consumer.close(true).catch(() => {})
    const admin = new Admin(baseOptions(kafka, `${options.role}-admin`))
    await admin.deleteGroups({ groups: [groupId] }).catch(() => {})
    await admin.close().catch(() => {})
  }
}

type Stream = Awaited<ReturnType<Consumer['consume']>>

async function pump (stream: Stream, options: TailOptions, signal: AbortSignal): Promise<void> {
  const buffer: Message[] = []
  let failure: unknown
  stream.on('data', (message: Message) => {
    buffer.push(message)
    if (buffer.length >= options.maxBatch) stream.pause()
  })
  stream.on('error', (error: unknown) => { failure = error })
  try {
    while (!signal.aborted) {
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(describeError(failure))
      if (buffer.length < options.maxBatch) await delay(options.maxWaitMs, undefined, { signal }).catch(() => {})
      if (buffer.length === 0 || signal.aborted) continue
      const batch = buffer.splice(0)
      await options.onBatch(batch.map(toIncomingRecord))
      stream.resume()
    }
  } finally {
    await stream.close().catch(() => {})
  }
}
