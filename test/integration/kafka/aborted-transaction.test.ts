// read_committed past an aborted transaction larger than a fetch: the records are skipped and reading goes on.
//
// A processor killed mid-transaction leaves an open transaction that the broker later aborts; with a large commit it
// can hold megabytes on one partition, more than one fetch returns (1 MB per partition when restoring). The client
// used to drop the aborted batches without moving its position past them, so the same fetch repeated forever.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ProduceAcks, Producer } from '@platformatic/kafka'
import { baseOptions } from '../../../src/kafka/client-options.ts'
import { createRecordProducer } from '../../../src/kafka/producer.ts'
import { readTopicsToEnd } from '../../../src/kafka/topic-reader.ts'
import type { IncomingRecord } from '../../../src/engine/records.ts'
import { createTopics, testCluster, uniqueName, type TestCluster } from '../helpers.ts'

const ABORTED_RECORDS = 3_000
/** 3,000 records of 1 KB: about 3 MB in one transaction on one partition, three times what a restore fetch returns. */
const ABORTED_VALUE = Buffer.alloc(1024, 'x')
const COMMITTED = 10

/** A transactional producer with a fresh id (a fresh epoch, as the processor asks for). */
function transactionalProducer (cluster: TestCluster): Producer {
  return new Producer({
    ...baseOptions(cluster.config.kafka, 'aborting'),
    idempotent: true,
    transactionalId: uniqueName('aborting'),
    producerId: -1n,
    producerEpoch: -1,
    acks: ProduceAcks.ALL,
    compression: 'none'
  })
}

test('a 3 MB aborted transaction on a partition is skipped: reading to the end returns exactly the committed records', async () => {
  const cluster = testCluster('aborted')
  await createTopics(cluster, ['transactions'])
  const topic = cluster.topics.transactions.name

  const transactional = transactionalProducer(cluster)
  try {
    const transaction = await transactional.beginTransaction()
    for (let i = 0; i < ABORTED_RECORDS; i += 500) {
      const messages = Array.from({ length: 500 }, (_, j) => ({ topic, partition: 0, key: Buffer.from(`aborted-${i + j}`), value: ABORTED_VALUE }))
      await transaction.send({ messages })
    }
    await transaction.abort()
  } finally {
    await transactional.close()
  }

  const producer = createRecordProducer(cluster.config.kafka)
  try {
    await producer.send(Array.from({ length: COMMITTED }, (_, i) => ({ topic, partition: 0, key: `committed-${i}`, value: Buffer.from(`value-${i}`) })))
  } finally {
    await producer.close()
  }

  const read: IncomingRecord[] = []
  // A guard against the old endless loop (a clear failure instead of the suite's timeout), not a timing check.
  const guard = new Promise<never>((_resolve, reject) => { setTimeout(() => { reject(new Error('reading did not reach the end: stuck behind the aborted transaction')) }, 120_000).unref() })
  const count = await Promise.race([readTopicsToEnd(cluster.config.kafka, [topic], [0], (record) => { read.push(record) }), guard])

  assert.equal(count, COMMITTED)
  assert.deepEqual(read.map((r) => r.key?.toString()), Array.from({ length: COMMITTED }, (_, i) => `committed-${i}`))
  assert.deepEqual(read.map((r) => r.value?.toString()), Array.from({ length: COMMITTED }, (_, i) => `value-${i}`))
})

test('two aborted transactions of one producer in one fetch are both skipped; its committed one between them is read', async () => {
  const cluster = testCluster('aborted-twice')
  await createTopics(cluster, ['transactions'])
  const topic = cluster.topics.transactions.name
  const producer = transactionalProducer(cluster)
  const write = async (label: string, count: number, outcome: 'commit' | 'abort'): Promise<void> => {
    const transaction = await producer.beginTransaction()
    await transaction.send({ messages: Array.from({ length: count }, (_, i) => ({ topic, partition: 0, key: Buffer.from(`${label}-${i}`), value: Buffer.from(label) })) })
    if (outcome === 'commit') await transaction.commit()
    else await transaction.abort()
  }
  try {
    await write('aborted-first', 5, 'abort')
    await write('committed', 3, 'commit')
    await write('aborted-second', 5, 'abort')
  } finally {
    await producer.close()
  }

  const read: IncomingRecord[] = []
  const count = await readTopicsToEnd(cluster.config.kafka, [topic], [0], (record) => { read.push(record) })

  assert.equal(count, 3)
  assert.deepEqual(read.map((r) => r.key?.toString()), ['committed-0', 'committed-1', 'committed-2'])
})
