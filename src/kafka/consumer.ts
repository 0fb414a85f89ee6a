// A consumer-group member behind a small interface: records in, assignments visible, clean close.
import { Consumer, FetchIsolationLevels, MessagesStreamFallbackModes, MessagesStreamModes, type Message, type MessagesStream } from '@platformatic/kafka'
import { baseOptions, type KafkaConnection } from './client-options.ts'
import { toPesaflowError } from './errors.ts'
import type { IncomingRecord } from '../engine/records.ts'

export interface GroupConsumerOptions {
  readonly groupId: string
  readonly topics: readonly string[]
  /** Where a group with no committed offset starts. */
  readonly fallback?: 'earliest' | 'latest'
  /** read_committed hides aborted and open transactions (PesaFlow's default downstream). */
  readonly readCommitted?: boolean
  /** Commit consumed offsets every N ms; false: the caller commits (e.g. inside a transaction). */
  readonly autocommitMs?: number | false
  readonly clientRole?: string
  readonly sessionTimeoutMs?: number
  readonly maxWaitMs?: number
}

export interface Assignment { readonly topic: string; readonly partitions: readonly number[] }

export interface GroupConsumer {
  /** Records in arrival order; ends when the consumer is closed. */
  records (): AsyncIterable<IncomingRecord>
  assignments (): readonly Assignment[]
  /** Called after every join or rebalance with the new assignment. */
  onAssigned (listener: (assignments: readonly Assignment[]) => void): void
  readonly groupId: string
  close (): Promise<void>
}

const NO_HEADERS: ReadonlyMap<string, Buffer> = new Map()

export function toIncomingRecord (message: Message): IncomingRecord {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers.size === 0 ? NO_HEADERS : new Map([...message.headers].map(([k, v]) => [k.toString(), v]))
  }
}

export async function createGroupConsumer (kafka: KafkaConnection, options: GroupConsumerOptions): Promise<GroupConsumer> {
  const consumer = new Consumer({
    ...baseOptions(kafka, options.clientRole ?? 'consumer'),
    groupId: options.groupId,
    autocommit: options.autocommitMs ?? 1000,
    sessionTimeout: options.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: 1000,
    rebalanceTimeout: 30_000,
    maxWaitTime: options.maxWaitMs ?? 500,
    isolationLevel: (options.readCommitted ?? true) ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED
  })
  const listeners: ((a: readonly Assignment[]) => void)[] = []
  const current = (): Assignment[] => (consumer.assignments ?? []).map((a) => ({ topic: a.topic, partitions: [...a.partitions] }))
  consumer.on('consumer:group:join', () => { for (const listener of listeners) listener(current()) })
  let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>
  try {
    stream = await consumer.consume({
      topics: [...options.topics],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: options.fallback === 'latest' ? MessagesStreamFallbackModes.LATEST : MessagesStreamFallbackModes.EARLIEST
    })
  } catch (error) {
    await consumer.close(true).catch(() => {})
    throw toPesaflowError(error, `joining group ${options.groupId}`)
  }
  return {
    groupId: options.groupId,
    records: () => mapRecords(stream),
    assignments: current,
    onAssigned: (listener) => { listeners.push(listener) },
    close: async () => {
      // Best effort: leaving the group over a connection the broker already closed fails with "Connection closed",
      // and the group drops the member after its session timeout anyway.
      await stream.close().catch(() => {})
      await consumer.close(true).catch(() => {})
    }
  }
}

async function * mapRecords (stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>): AsyncIterable<IncomingRecord> {
  for await (const message of stream) yield toIncomingRecord(message)
}
