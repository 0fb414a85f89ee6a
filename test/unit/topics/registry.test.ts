// The topic registry: every topic once, co-partitioned with the transactions, compacted where state lives.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { resolveTopics, topicDeclarations } from '../../../src/topics/registry.ts'

test('names are unique and carry the prefix; partitions and compaction follow the declaration', () => {
  const topics = resolveTopics({ prefix: 'x.', partitions: 6, replicationFactor: 1, retentionMs: 604_800_000 })
  const names = Object.values(topics).map((t) => t.name)
  assert.equal(new Set(names).size, topicDeclarations.length)
  assert.ok(names.every((n) => n.startsWith('x.')))
  assert.equal(topics.transactions.name, 'x.mpesa-transactions')
  assert.equal(topics.accountEvents.partitions, 6)
  assert.equal(topics.accountStateChangelog.partitions, 6)
  assert.equal(topics.fraudRules.partitions, 1)
  assert.equal(topics.fraudRules.config['cleanup.policy'], 'compact')
  assert.equal(topics.windowStateChangelog.config['cleanup.policy'], 'compact')
  assert.equal(topics.transactions.config['min.insync.replicas'], undefined)
})

test('with three replicas, writes need two in sync', () => {
  const topics = resolveTopics({ prefix: '', partitions: 3, replicationFactor: 3, retentionMs: 604_800_000 })
  assert.equal(topics.alerts.config['min.insync.replicas'], '2')
})

test('data topics take the configured retention; compacted state topics keep theirs', () => {
  const topics = resolveTopics({ prefix: '', partitions: 3, replicationFactor: 1, retentionMs: 3_600_000 })
  assert.equal(topics.transactions.config['retention.ms'], '3600000')
  assert.equal(topics.deadLetters.config['retention.ms'], String(30 * 24 * 3600 * 1000))
  assert.equal(topics.accountStateChangelog.config['retention.ms'], undefined)
})
