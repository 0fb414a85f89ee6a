// A keyed stream through the real broker to a group of two consumers: every record once, per-key order kept.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { createGroupConsumer, type GroupConsumer } from '../../../src/kafka/consumer.ts'
import { createRecordProducer } from '../../../src/kafka/producer.ts'
import type { IncomingRecord, OutgoingRecord } from '../../../src/engine/records.ts'
import { createTopics, testCluster } from '../helpers.ts'

const total = 10_000
const keys = 100

function assignedPartitions (consumers: readonly GroupConsumer[]): number[][] {
  return consumers.map((c) => c.assignments().flatMap((a) => [...a.partitions]).sort())
}

/** Resolves once the two members split the three partitions between them (the group is stable). */
function groupSettled (consumers: readonly GroupConsumer[], partitions: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      const sets = assignedPartitions(consumers)
      const all = sets.flat()
      if (sets.every((s) => s.length > 0) && all.length === partitions && new Set(all).size === partitions) resolve()
    }
    for (const consumer of consumers) consumer.onAssigned(check)
    check()
  })
}

async function collect (consumer: GroupConsumer, sink: IncomingRecord[], done: () => boolean): Promise<void> {
  for await (const record of consumer.records()) {
    sink.push(record)
    if (done()) return
  }
}

test('10,000 keyed records reach a group of 2 consumers over 3 partitions exactly once, in per-key order', async () => {
  const cluster = testCluster('group')
  await createTopics(cluster, ['transactions'])
  const topic = cluster.topics.transactions.name
  const options = { groupId: cluster.groupId, topics: [topic], readCommitted: true }
  const consumers = [await createGroupConsumer(cluster.config.kafka, options), await createGroupConsumer(cluster.config.kafka, options)]
  const producer = createRecordProducer(cluster.config.kafka)
  try {
    await groupSettled(consumers, 3)
    const records: OutgoingRecord[] = Array.from({ length: total }, (_, i) => ({
      topic, key: `account-${i % keys}`, value: Buffer.from(JSON.stringify({ key: `account-${i % keys}`, seq: Math.floor(i / keys), i }))
    }))
    let acknowledged = 0
    for (let i = 0; i < total; i += 1000) acknowledged += (await producer.send(records.slice(i, i + 1000))).acknowledged
    assert.equal(acknowledged, total)

    const received: IncomingRecord[][] = [[], []]
    const count = (): number => received[0]!.length + received[1]!.length
    // A collector still waiting when the consumers close (after every record arrived) ends with "Connection closed":
    // only a failure before that counts.
    const collecting = Promise.all(consumers.map(async (c, i) => collect(c, received[i]!, () => count() >= total)))
      .catch((error: unknown) => { if (count() < total) throw error })
    await Promise.race([
      collecting,
      new Promise<void>((resolve) => {
        const poll = (): void => { if (count() >= total) resolve(); else setImmediate(poll) }
        poll()
      })
    ])

    assert.equal(count(), total)
    assert.ok(received[0]!.length > 0 && received[1]!.length > 0, 'both members consumed')
    const values = received.flat().map((r) => JSON.parse(r.value!.toString()) as { key: string; seq: number; i: number })
    assert.equal(new Set(values.map((v) => v.i)).size, total, 'no duplicate, no loss')
    const lastSeq = new Map<string, number>()
    for (const consumerRecords of received) {
      for (const record of consumerRecords) {
        const value = JSON.parse(record.value!.toString()) as { key: string; seq: number }
        assert.equal(record.key?.toString(), value.key)
        assert.equal(value.seq, (lastSeq.get(value.key) ?? -1) + 1, `order of ${value.key}`)
        lastSeq.set(value.key, value.seq)
      }
    }
    assert.equal(lastSeq.size, keys)
  } finally {
    await producer.close()
    await Promise.all(consumers.map(async (c) => c.close()))
    const admin = createKafkaAdmin(cluster.config.kafka)
    await admin.deleteTopics([topic])
    await admin.close()
  }
})
