// Reads chosen partitions of topics from the beginning to their last committed offset (state restore, verification).
import { Admin, Consumer, FetchIsolationLevels, MessagesStreamModes, type GroupPartitionsAssignments } from '@platformatic/kafka'
import { randomBytes } from 'node:crypto'
import type { IncomingRecord } from '../engine/records.ts'
import { baseOptions, type KafkaConnection } from './client-options.ts'
import { toIncomingRecord } from './consumer.ts'
import { toPesaflowError } from './errors.ts'

export interface RestoreProgress { readonly restored: number; readonly target: number }

/**
 * Waits until no transaction is settling on these partitions (last stable offset = high watermark everywhere).
 * A committed transaction's markers reach its partitions one by one after the commit returns: reading several
 * changelogs before they all landed would restore one store as of a transaction and another as of the one before.
 */
export async function waitUntilSettled (kafka: KafkaConnection, topics: readonly string[], partitions: readonly number[], attempts = 300): Promise<void> {
  const admin = new Admin(baseOptions(kafka, 'restorer-admin'))
  try {
    for (let attempt = 1; ; attempt++) {
      const request = (isolationLevel: typeof FetchIsolationLevels.READ_COMMITTED | typeof FetchIsolationLevels.READ_UNCOMMITTED): ReturnType<Admin['listOffsets']> => admin.listOffsets({
        topics: topics.map((name) => ({ name, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) })),
        isolationLevel
      })
      const [stable, high] = await Promise.all([request(FetchIsolationLevels.READ_COMMITTED), request(FetchIsolationLevels.READ_UNCOMMITTED)])
      const lso = new Map(stable.flatMap((t) => t.partitions.map((p) => [`${t.name}:${p.partitionIndex}`, p.offset] as const)))
      const unsettled = high.flatMap((t) => t.partitions.filter((p) => (lso.get(`${t.name}:${p.partitionIndex}`) ?? 0n) < p.offset))
      if (unsettled.length === 0) return
      if (attempt >= attempts) throw new Error(`${unsettled.length} changelog partition(s) still hold an unsettled transaction`)
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * attempt)))
    }
  } finally {
    await admin.close().catch(() => {})
  }
}

/** Bytes a fetch may return per partition: Kafka's Java default (max.partition.fetch.bytes). */
const FETCH_BYTES_PER_PARTITION = 1_048_576

/**
 * Reads `partitions` of every topic, read_committed, up to the end offsets taken at the start. A throwaway group
 * whose only member assigns itself just those partitions does the reading (the client fetches group assignments
 * only); it is deleted afterwards. Returns how many records were read.
 */
export async function readTopicsToEnd (
  kafka: KafkaConnection, topics: readonly string[], partitions: readonly number[],
  apply: (record: IncomingRecord) => void, progress: (p: RestoreProgress) => void = () => {}
): Promise<number> {
  if (partitions.length === 0 || topics.length === 0) return 0
  const groupId = `pesaflow-reader-${randomBytes(6).toString('hex')}`
  const wanted = new Set(partitions)
  const consumer = new Consumer({
    ...baseOptions(kafka, 'restorer'),
    groupId,
    autocommit: false,
    maxWaitTime: 100,
    // The client's default is the whole 50 MB: a restore would decode hundreds of MB at once.
    maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    partitionAssigner: (current, _members, subscribed): GroupPartitionsAssignments[] => [{
      memberId: current,
      assignments: new Map([...subscribed].map((topic) => [topic, { topic, partitions: [...wanted] }]))
    }]
  })
  try {
    const targets = await endOffsets(consumer, topics, partitions)
    const target = [...targets.values()].reduce((sum, end) => sum + Number(end), 0)
    if (target === 0) return 0
    return await readUntil(consumer, topics, targets, apply, (restored) => { progress({ restored, target }) })
  } catch (error) {
    throw toPesaflowError(error, `reading ${topics.join(', ')} to the end`)
  } finally {
    await consumer.close(true).catch(() => {})
    await deleteGroup(kafka, groupId)
  }
}

async function endOffsets (consumer: Consumer, topics: readonly string[], partitions: readonly number[]): Promise<Map<string, bigint>> {
  const offsets = await consumer.listOffsets({
    topics: [...topics],
    partitions: Object.fromEntries(topics.map((t) => [t, [...partitions]])),
    isolationLevel: FetchIsolationLevels.READ_COMMITTED
  })
  const targets = new Map<string, bigint>()
  for (const topic of topics) {
    for (const partition of partitions) targets.set(`${topic}:${partition}`, offsets.get(topic)?.[partition] ?? 0n)
  }
  return targets
}

async function readUntil (
  consumer: Consumer, topics: readonly string[], targets: Map<string, bigint>,
  apply: (record: IncomingRecord) => void, progress: (restored: number) => void
): Promise<number> {
  const offsets = [...targets.keys()].map((key) => {
    const [topic, partition] = splitKey(key)
    return { topic, partition, offset: 0n }
  })
  const stream = await consumer.consume({ topics: [...topics], mode: MessagesStreamModes.MANUAL, offsets })
  let restored = 0
  // The client advances offsetsToFetch when a fetch response arrives, before it has pushed that response's
  // records into the stream; so "done" is judged after the current push loop (setImmediate), with nothing buffered.
  const done = (): boolean => stream.readableLength === 0 && [...targets].every(([key, end]) => (stream.offsetsToFetch.get(key) ?? 0n) >= end)
  return await new Promise<number>((resolve, reject) => {
    let checkScheduled = false
    let finished = false
    const check = (): void => {
      if (checkScheduled || finished) return
      checkScheduled = true
      setImmediate(() => {
        checkScheduled = false
        if (finished || !done()) return
        finished = true
        stream.removeAllListeners('data')
        resolve(restored)
      })
    }
    stream.on('data', (message) => {
      const key = `${message.topic}:${message.partition}`
      const end = targets.get(key)
      if (end !== undefined && message.offset < end) {
        apply(toIncomingRecord(message))
        restored++
        if (restored % 100_000 === 0) progress(restored)
      }
      check()
    })
    stream.on('fetch', check)
    stream.on('error', reject)
    check()
  }).finally(async () => { await stream.close().catch(() => {}) })
}

function splitKey (key: string): [string, number] {
  const at = key.lastIndexOf(':')
  return [key.slice(0, at), Number(key.slice(at + 1))]
}

async function deleteGroup (kafka: KafkaConnection, groupId: string): Promise<void> {
  const admin = new Admin(baseOptions(kafka, 'restorer-admin'))
  await admin.deleteGroups({ groups: [groupId] }).catch(() => {})
  await admin.close().catch(() => {})
}
