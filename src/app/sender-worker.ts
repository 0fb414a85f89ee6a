// A producer thread: receives packed batches of records (with their partitions chosen) and sends them, idempotent, acks=all.
import { parentPort, workerData } from 'node:worker_threads'
import type { OutgoingRecord } from '../engine/records.ts'
import { describeError } from '../errors.ts'
import { createRecordProducer } from '../kafka/producer.ts'
import { unpackRecords } from './record-packing.ts'
import type { SenderRequest, SenderReply, SenderSettings } from './sender-protocol.ts'

const settings = workerData as SenderSettings
const port = parentPort
if (port === null) throw new Error('sender-worker.ts runs as a worker thread only')
const producer = createRecordProducer(settings.kafka, { compression: settings.compression, clientRole: `traffic-sender-${settings.index}` })

async function handle (request: SenderRequest): Promise<SenderReply> {
  if (request.kind === 'close') {
    await producer.close()
    return { id: request.id, ok: true }
  }
  const records: OutgoingRecord[] = request.kind === 'records'
    ? unpackRecords(request.packed).map((r) => ({
      topic: r.topic === 'transactions' ? settings.topics.transactions : settings.topics.accountEvents,
      key: r.key, value: r.value, timestamp: r.timestamp, partition: r.partition
    }))
    : request.labels.map((label) => ({ topic: settings.topics.fraudLabels, key: label.key, value: Buffer.from(label.value) }))
  await producer.send(records)
  return { id: request.id, ok: true }
}

port.on('message', (request: SenderRequest) => {
  handle(request).then((reply) => {
    port.postMessage(reply)
    if (request.kind === 'close') port.close()
  }, (error: unknown) => { port.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies SenderReply) })
})
