// A traffic sink that spreads the sending over producer threads: one generator, and each partition owned by one
// thread, so a partition still receives its records in stream order while serialization runs in parallel.
import { Worker } from 'node:worker_threads'
import type { Compression } from '../engine/records.ts'
import type { GeneratedRecord } from '../generator/generator.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import { partitionForKey } from '../kafka/partitioner.ts'
import { packRecords } from './record-packing.ts'
import type { SenderReply, SenderRequest, SenderSettings } from './sender-protocol.ts'
import { labelKey, type TrafficSink, type TrafficTopics } from './traffic-sink.ts'

export interface FanoutOptions {
  readonly threads: number
  readonly partitions: number
  readonly kafka: KafkaConnection
  readonly topics: TrafficTopics
  readonly compression: Compression
}

interface Sender { readonly worker: Worker; readonly waiting: Map<number, { resolve: () => void; reject: (e: Error) => void }> }

export function createFanoutSink (options: FanoutOptions): TrafficSink {
  let nextId = 0
  const senders: Sender[] = Array.from({ length: Math.max(1, Math.min(options.threads, options.partitions)) }, (_, index) => {
    const workerData: SenderSettings = { index, kafka: options.kafka, topics: options.topics, compression: options.compression }
    const sender: Sender = { worker: new Worker(new URL('./sender-worker.ts', import.meta.url), { workerData }), waiting: new Map() }
    sender.worker.on('message', (reply: SenderReply) => {
      const waiter = sender.waiting.get(reply.id)
      sender.waiting.delete(reply.id)
      if (reply.ok) waiter?.resolve()
      else waiter?.reject(new Error(reply.error))
    })
    sender.worker.on('error', (error: Error) => { for (const w of sender.waiting.values()) w.reject(error) })
    return sender
  })
  const request = async (sender: Sender, message: SenderRequest, transfer: ArrayBuffer[] = []): Promise<void> => {
    const done = new Promise<void>((resolve, reject) => { sender.waiting.set(message.id, { resolve, reject }) })
    sender.worker.postMessage(message, transfer)
    return done
  }
  return {
    write: async (records) => {
      const perSender = senders.map(() => ({ records: [] as GeneratedRecord[], partitions: [] as number[] }))
      for (const record of records) {
        const partition = partitionForKey(record.key, options.partitions)
        const share = perSender[partition % senders.length]
        share?.records.push(record)
        share?.partitions.push(partition)
      }
      await Promise.all(perSender.map(async (share, i) => {
        if (share.records.length === 0) return
        const packed = packRecords(share.records, share.partitions)
        await request(senders[i] as Sender, { kind: 'records', id: nextId++, packed }, [packed])
      }))
    },
    writeLabels: async (labels) => {
      if (labels.length === 0) return
      await request(senders[0] as Sender, { kind: 'labels', id: nextId++, labels: labels.map((l) => ({ key: labelKey(l), value: JSON.stringify(l) })) })
    },
    close: async () => {
      await Promise.all(senders.map(async (s) => request(s, { kind: 'close', id: nextId++ })))
      await Promise.all(senders.map(async (s) => s.worker.terminate()))
    }
  }
}
