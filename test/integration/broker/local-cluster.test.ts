// The local broker's life cycle on its own port and data folder: start, reuse, kill -9 and recover, clean stop.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { clusterLayout } from '../../../src/broker/cluster-layout.ts'
import { localClusterStatus, startLocalCluster, stopLocalCluster } from '../../../src/broker/local-cluster.ts'
import { runningPid } from '../../../src/broker/node-process.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { resolveTopics } from '../../../src/topics/registry.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'pesaflow-broker-test-'))
const settings = { nodes: 1 as const, basePort: 19192, heap: '512m', dataDir }
const connection = { brokers: ['127.0.0.1:19192'], local: true, clientId: 'broker-test', security: { tls: false } }

function waitForExit (pid: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      try {
        process.kill(pid, 0)
        setImmediate(check)
      } catch {
        resolve()
      }
    }
    check()
  })
}

describe('local Kafka broker', () => {
  after(async () => {
    await stopLocalCluster(settings)
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('starts, answers an admin request, and is reused by a second start', async () => {
    const first = await startLocalCluster(settings)
    assert.deepEqual(first.started, [1])
    assert.deepEqual(first.info.brokers, ['127.0.0.1:19192'])
    const second = await startLocalCluster(settings)
    assert.deepEqual(second.started, [])
    assert.deepEqual(second.reused, [1])
    assert.equal(second.info.clusterId, first.info.clusterId)
  })

  test('recovers after kill -9 with its topics intact', async () => {
    const topic = resolveTopics({ prefix: 'lifecycle-', partitions: 3, replicationFactor: 1, retentionMs: 604_800_000 }).transactions
    const admin = createKafkaAdmin(connection)
    await admin.ensureTopics([topic])
    await admin.close()

    const node = clusterLayout(settings).nodes[0]
    assert.ok(node !== undefined)
    const pid = runningPid(node)
    assert.ok(pid !== undefined)
    process.kill(pid, 'SIGKILL')
    await waitForExit(pid)
    const down = await localClusterStatus(settings)
    assert.equal(down.nodes[0]?.pid, undefined)
    assert.equal(down.cluster, undefined)

    const restarted = await startLocalCluster(settings)
    assert.deepEqual(restarted.started, [1])
    const after = createKafkaAdmin(connection)
    const [described] = await after.describeTopics([topic.name])
    await after.close()
    assert.equal(described?.partitions, 3)
    assert.equal(described?.config['cleanup.policy'], undefined)
    assert.equal(described?.config['retention.ms'], topic.config['retention.ms'])
  })

  test('stops cleanly with SIGTERM and reports it stopped', async () => {
    const node = clusterLayout(settings).nodes[0]
    assert.ok(node !== undefined)
    const pid = runningPid(node)
    assert.ok(pid !== undefined)
    assert.deepEqual(await stopLocalCluster(settings), [1])
    assert.throws(() => process.kill(pid, 0))
    const status = await localClusterStatus(settings)
    assert.equal(status.nodes[0]?.pid, undefined)
    assert.deepEqual(await stopLocalCluster(settings), [])
  })
})
