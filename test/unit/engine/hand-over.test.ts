// Repartitioned records for a partition the engine owns are processed in the same unit of work, without Kafka.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { IncomingRecord } from '../../../src/engine/records.ts'
import { StreamEngine } from '../../../src/engine/stream-engine.ts'
import type { StreamTask, Topology } from '../../../src/engine/topology.ts'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'

const INPUT = 'payments'
const BY_RECEIVER = 'payments-by-receiver'
/** Receiver "r<n>" lives on partition n. */
const partitionOf = (key: string | Buffer, partitions: number): number => Number(String(key).slice(1)) % partitions

/** Each payment "sender>receiver" is routed by receiver; the receiver's task counts what it received. */
function topology (): Topology {
  return {
    name: 'hand-over',
    inputTopics: [INPUT, BY_RECEIVER],
    internalTopics: [BY_RECEIVER],
    repartitionPartitions: new Map([[BY_RECEIVER, 3]]),
    deadLetterTopic: 'dlq',
    changelogTopic: (store) => `${store}-changelog`,
    createTask: (): StreamTask => {
      const received = new TransactionalStore<number>('received', jsonCodec())
      return {
        stores: [received] as TransactionalStore<unknown>[],
        process: (record, ctx) => {
          const text = String(record.value)
          if (record.topic === INPUT) ctx.emit({ topic: BY_RECEIVER, key: text.split('>')[1] ?? null, value: record.value })
          else received.put(`on-${ctx.partition}`, (received.get(`on-${ctx.partition}`) ?? 0) + 1)
        },
        beforeCommit: () => {},
        reload: () => {}
      }
    }
  }
}

const payment = (partition: number, offset: number, receiver: string): IncomingRecord =>
  ({ topic: INPUT, partition, offset: BigInt(offset), timestamp: 0, key: null, value: Buffer.from(`s>${receiver}`), headers: new Map() })

test('a record for an owned partition is processed at once; one for a partition owned elsewhere goes to Kafka', () => {
  const engine = new StreamEngine(topology(), { processorId: 't', now: () => 0, partitionOf })
  engine.assign([0, 1])
  engine.process([payment(0, 0, 'r1'), payment(0, 1, 'r2'), payment(1, 0, 'r0'), payment(1, 1, 'r4')])
  const unit = engine.prepareCommit()
  // r2 lives on partition 2, which this engine does not own.
  assert.deepEqual(unit.outputs.map((o) => [o.topic, String(o.key)]), [[BY_RECEIVER, 'r2']])
  assert.deepEqual(unit.changelog.map((c) => [c.partition, String(c.value)]).sort(), [[0, '1'], [1, '2']])
  // Only the input's offsets are committed: a handed-over record has none.
  assert.deepEqual(unit.positions.map((p) => [p.topic, p.partition, p.offset]), [[INPUT, 0, 1n], [INPUT, 1, 1n]])
  assert.equal(unit.processed, 4)
  engine.committed()
  assert.equal(engine.counters.internal, 3)
})

test('without a partitioner every repartitioned record goes through Kafka', () => {
  const engine = new StreamEngine(topology(), { processorId: 't', now: () => 0 })
  engine.assign([0, 1, 2])
  engine.process([payment(0, 0, 'r1'), payment(1, 0, 'r0')])
  const unit = engine.prepareCommit()
  assert.equal(unit.outputs.length, 2)
  assert.equal(unit.changelog.length, 0)
})

test('an aborted unit drops what was handed over with the rest', () => {
  const engine = new StreamEngine(topology(), { processorId: 't', now: () => 0, partitionOf })
  engine.assign([0, 1])
  engine.process([payment(0, 0, 'r1')])
  engine.aborted()
  const unit = engine.prepareCommit()
  assert.equal(unit.changelog.length, 0)
  assert.equal(unit.outputs.length, 0)
})
