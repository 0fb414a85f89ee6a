// `pesaflow produce` against the real broker: 100,000 sent = acknowledged = read back, identical to the seeded stream.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import type { IncomingRecord } from '../../../src/engine/records.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { createGroupConsumer } from '../../../src/kafka/consumer.ts'
import { recentStart, testCluster } from '../helpers.ts'

const count = 100_000
const start = recentStart()

function digest (topic: string, key: string, timestamp: number, value: Buffer): string {
  return createHash('sha1').update(topic).update('\0').update(key).update('\0').update(String(timestamp)).update('\0').update(value).digest('base64')
}

test('100,000 generated records: produced = acknowledged = read back, byte for byte as the seed generates them', { timeout: 300_000 }, async () => {
  const cluster = testCluster('produce')
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'produce', '--rate', '0', '--count', String(count),
    '--start', start, '--days', '1', '--seed', '7', '--poison-rate', '0.001'], {
    encoding: 'utf8', env: { ...process.env, TOPIC_PREFIX: cluster.config.topics.prefix, LOG_LEVEL: 'warn' }, maxBuffer: 1 << 26
  })
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stderr, /sent 100,000, acknowledged 100,000, failed 0/)

  const expected = new Map<string, number>()
  const generator = createGenerator({ seed: 7, poisonRate: 0.001, time: { mode: 'simulated', start: new Date(start), days: 1, count } })
  const topicName = { transactions: cluster.topics.transactions.name, 'account-events': cluster.topics.accountEvents.name }
  let generated = 0
  for (const record of generator) {
    if (generated++ === count) break
    const d = digest(topicName[record.topic], record.key, record.timestamp, record.value)
    expected.set(d, (expected.get(d) ?? 0) + 1)
  }
  assert.equal([...expected.values()].reduce((a, b) => a + b, 0), count)

  const consumer = await createGroupConsumer(cluster.config.kafka, { groupId: cluster.groupId, topics: Object.values(topicName), autocommitMs: false })
  const received: IncomingRecord[] = []
  try {
    for await (const record of consumer.records()) {
      received.push(record)
      if (received.length === count) break
    }
  } finally {
    await consumer.close()
  }
  for (const record of received) {
    const d = digest(record.topic, record.key?.toString() ?? '', record.timestamp, record.value ?? Buffer.alloc(0))
    const left = expected.get(d)
    assert.ok(left !== undefined && left > 0, `unexpected or duplicate record on ${record.topic} at offset ${record.offset}`)
    expected.set(d, left - 1)
  }
  assert.equal([...expected.values()].reduce((a, b) => a + b, 0), 0, 'every generated record was read back')

  const admin = createKafkaAdmin(cluster.config.kafka)
  await admin.deleteTopics(Object.values(cluster.topics).map((t) => t.name))
  await admin.close()
})
