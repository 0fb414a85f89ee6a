// `pesaflow lag` against Kafka's own kafka-consumer-groups tool (ConsumerGroupCommand from the same Maven jars):
// after the processor caught up and more traffic arrived, both report the same offsets, log ends and lag.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { kafkaJarsDir, kafkaRuntimeDir, projectRoot } from '../../../src/config/paths.ts'
import { consumerGroupName } from '../../../src/topics/registry.ts'
import { createTopics, testCluster } from '../helpers.ts'
import { cliEnv, deleteTopics, produceInput, startProcessor } from '../processor/support.ts'

interface Row { topic: string; partition: number; current: string | null; logEnd: string; lag: string | null; consumerId: string | null }

function kafkaConsumerGroups (brokers: readonly string[], groupId: string): Row[] {
  const run = spawnSync('java', ['-cp', join(kafkaJarsDir, '*'), `-Dlog4j2.configurationFile=${join(kafkaRuntimeDir, 'log4j2.yaml')}`,
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', '--bootstrap-server', brokers.join(','), '--describe', '--group', groupId], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  return run.stdout.split('\n').map((line) => line.trim().split(/\s+/)).filter((cells) => cells.length === 9 && cells[0] === groupId)
    .map(([, topic, partition, current, logEnd, lag, consumerId]) => ({
      topic: topic ?? '', partition: Number(partition), current: current === '-' ? null : current ?? null, logEnd: logEnd ?? '', lag: lag === '-' ? null : lag ?? null, consumerId: consumerId === '-' ? null : consumerId ?? null
    }))
}

test('pesaflow lag reports what kafka-consumer-groups --describe reports', { timeout: 300_000 }, async () => {
  const cluster = testCluster('lag')
  await createTopics(cluster, ['transactions', 'accountEvents'])
  produceInput(cluster, 3000, 41, 0)
  const run = startProcessor(cluster, ['--until-caught-up'])
  assert.equal(await run.exited, 0, run.output())
  produceInput(cluster, 700, 42, 0)

  const ours = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'lag', '--json'], { encoding: 'utf8', env: cliEnv(cluster) })
  assert.equal(ours.status, 0, ours.stderr)
  const mine = (JSON.parse(ours.stdout) as { partitions: Row[] }).partitions
  const groupId = consumerGroupName(cluster.config.topics.prefix, 'pipeline')
  const theirs = kafkaConsumerGroups(cluster.config.kafka.brokers, groupId).filter((r) => r.topic === cluster.topics.transactions.name).sort((a, b) => a.partition - b.partition)
  assert.equal(theirs.length, cluster.topics.transactions.partitions)
  assert.deepEqual(mine.map((r) => ({ topic: r.topic, partition: r.partition, current: r.current, logEnd: r.logEnd, lag: r.lag, consumerId: r.consumerId })), theirs)
  const total = mine.reduce((sum, r) => sum + Number(r.lag), 0)
  assert.ok(total > 0 && total <= 700, `the new traffic is lag (${total})`)

  const table = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'lag'], { encoding: 'utf8', env: cliEnv(cluster) })
  assert.match(table.stdout, /^GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG\s+CONSUMER-ID\s+HOST\s+CLIENT-ID/)
  assert.match(table.stdout, new RegExp(`total lag ${total}\\n?$`))
  await deleteTopics(cluster)
})
