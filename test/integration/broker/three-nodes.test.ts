// The 3-node local cluster for replication work: three KRaft voters, topics with RF 3 and min ISR 2, an orderly stop.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { localClusterStatus, startLocalCluster, stopLocalCluster } from '../../../src/broker/local-cluster.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { resolveTopics } from '../../../src/topics/registry.ts'

test('three nodes start as one cluster, replicate a topic three ways, and stop', { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pesaflow-3nodes-'))
  const settings = { nodes: 3 as const, basePort: 9092, heap: '512m', dataDir }
  try {
    const started = await startLocalCluster(settings)
    assert.deepEqual(started.started, [1, 2, 3])
    assert.deepEqual([...started.info.brokers].sort(), ['127.0.0.1:19092', '127.0.0.1:20092', '127.0.0.1:21092'])
    const topic = resolveTopics({ prefix: 'three.', partitions: 3, replicationFactor: 3, retentionMs: 3_600_000 }).transactions
    const admin = createKafkaAdmin({ brokers: started.layout.bootstrap, local: true, clientId: 'three-nodes-test', security: { tls: false } })
    try {
      await admin.ensureTopics([topic])
      const [described] = await admin.describeTopics([topic.name])
      assert.equal(described?.replicationFactor, 3)
      assert.equal(described?.config['min.insync.replicas'], '2')
    } finally {
      await admin.close()
    }
    assert.deepEqual(await stopLocalCluster(settings), [1, 2, 3])
    assert.ok((await localClusterStatus(settings)).nodes.every((n) => n.pid === undefined))
  } finally {
    await stopLocalCluster(settings).catch(() => [])
    rmSync(dataDir, { recursive: true, force: true })
  }
})
