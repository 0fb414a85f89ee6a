// Topic creation from the registry against the real broker: idempotent, with the declared partitions and configs.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { testCluster } from '../helpers.ts'

test('creating the registry\'s topics twice creates them once, as declared', async () => {
  const cluster = testCluster('topics')
  const specs = Object.values(cluster.topics)
  const admin = createKafkaAdmin(cluster.config.kafka)
  try {
    const first = await admin.ensureTopics(specs)
    assert.equal(first.filter((r) => r.outcome === 'created').length, specs.length)
    const second = await admin.ensureTopics(specs)
    assert.equal(second.filter((r) => r.outcome === 'exists').length, specs.length)

    const described = await admin.describeTopics(specs.map((s) => s.name))
    for (const spec of specs) {
      const topic = described.find((d) => d.name === spec.name)
      assert.equal(topic?.partitions, spec.partitions, spec.name)
      assert.equal(topic?.replicationFactor, 1, spec.name)
      for (const [key, value] of Object.entries(spec.config)) assert.equal(topic?.config[key], value, `${spec.name} ${key}`)
    }
    assert.equal(described.find((d) => d.name === cluster.topics.transactions.name)?.partitions, 3)
    assert.equal(described.find((d) => d.name === cluster.topics.fraudRules.name)?.config['cleanup.policy'], 'compact')
  } finally {
    await admin.deleteTopics(specs.map((s) => s.name))
    await admin.close()
  }
})

test('a topic that exists with another partition count is reported, not silently used', async () => {
  const cluster = testCluster('mismatch')
  const other = testCluster('mismatch', { topicPrefix: cluster.config.topics.prefix, partitions: 5 })
  const admin = createKafkaAdmin(cluster.config.kafka)
  try {
    await admin.ensureTopics([cluster.topics.transactions])
    await assert.rejects(admin.ensureTopics([other.topics.transactions]), { code: 'TOPIC_MISMATCH' })
  } finally {
    await admin.deleteTopics([cluster.topics.transactions.name])
    await admin.close()
  }
})
