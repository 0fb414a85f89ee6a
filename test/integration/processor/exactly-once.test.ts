// The processor against the real broker, as separate processes: a clean run, kill -9 three times, and a
// two-instance group losing one member. Each time the committed outputs must equal a batch recomputation of the
// input, with no duplicate and nothing missing, and the dead-letter topic must hold exactly the poison records.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { consumerGroupName } from '../../../src/topics/registry.ts'
import { createTopics, testCluster } from '../helpers.ts'
import { cliEnv, committedInput, deleteTopics, produceInput, startProcessor, until, verifyOutputs } from './support.ts'

const COUNT = 100_000

describe('exactly-once processor', { timeout: 600_000 }, () => {
  test('100,000 transactions with 1% poison: exact aggregates, every poison record dead-lettered, lag 0', async () => {
    const cluster = testCluster('eos-clean')
    await createTopics(cluster, ['transactions', 'accountEvents'])
    produceInput(cluster, COUNT, 21, 0.01)
    const run = startProcessor(cluster, ['--until-caught-up'])
    assert.equal(await run.exited, 0, run.output())
    assert.match(run.output(), /processed 100,000, dead-lettered \d+/)
    const result = await verifyOutputs(cluster)
    assert.ok(result.deadLetters >= 900, `about 1% dead-lettered (${result.deadLetters})`)
    const admin = createKafkaAdmin(cluster.config.kafka)
    const [transactions, events] = await admin.describeTopics([cluster.topics.transactions.name, cluster.topics.accountEvents.name])
    const ends = await admin.endOffsets([transactions!, events!])
    const committed = await admin.groupOffsets(consumerGroupName(cluster.config.topics.prefix, 'pipeline'), [transactions!.name, events!.name])
    await admin.close()
    for (const [partition, end] of ends) assert.equal(committed.get(partition) ?? 0n, end, `lag 0 on ${partition}`)
    const inspect = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'dlq', 'inspect', '--json', '--limit', '100000'], { encoding: 'utf8', env: cliEnv(cluster) })
    assert.equal(inspect.status, 0, inspect.stderr)
    const lines = inspect.stdout.trim().split('\n')
    assert.equal(lines.length - 1, result.deadLetters, 'dlq inspect lists every dead letter')
    assert.match(lines[lines.length - 1] ?? '', new RegExp(`^${result.deadLetters} dead letter`))
    assert.doesNotMatch(inspect.stdout, /(?<!\d)254[17]\d{8}(?!\d)/, 'no full phone number in dlq inspect')
    await deleteTopics(cluster)
  })

  test('killed with kill -9 three times mid-stream and restarted: the output is still exact', async () => {
    const cluster = testCluster('eos-kill')
    await createTopics(cluster, ['transactions', 'accountEvents'])
    produceInput(cluster, COUNT, 22, 0.005)
    for (const fraction of [0.17, 0.43, 0.71]) {
      const run = startProcessor(cluster)
      await until(async () => (await committedInput(cluster)) >= BigInt(Math.floor(COUNT * fraction)), run.output)
      run.child.kill('SIGKILL')
      assert.equal(await run.exited, null)
    }
    const last = startProcessor(cluster, ['--until-caught-up'])
    assert.equal(await last.exited, 0, last.output())
    await verifyOutputs(cluster)
    await deleteTopics(cluster)
  })

  test('two processors in the group, one killed: the other takes its partitions, restores their state, output exact', async () => {
    const cluster = testCluster('eos-pair')
    await createTopics(cluster, ['transactions', 'accountEvents'])
    produceInput(cluster, COUNT, 23, 0.005)
    const groupId = consumerGroupName(cluster.config.topics.prefix, 'pipeline')
    const first = startProcessor(cluster)
    const second = startProcessor(cluster)
    const admin = createKafkaAdmin(cluster.config.kafka)
    await until(async () => ((await admin.describeGroup(groupId))?.members.filter((m) => m.partitions.length > 0).length ?? 0) === 2)
    await until(async () => (await committedInput(cluster)) >= BigInt(COUNT / 4))
    first.child.kill('SIGKILL')
    await first.exited
    const [transactions, events] = await admin.describeTopics([cluster.topics.transactions.name, cluster.topics.accountEvents.name])
    const ends = await admin.endOffsets([transactions!, events!])
    const total = [...ends.values()].reduce((a, b) => a + b, 0n)
    await until(async () => (await committedInput(cluster)) === total)
    // The survivor owns every partition once the group noticed the death (session timeout) and rebalanced.
    await until(async () => (await admin.describeGroup(groupId))?.members.map((m) => m.partitions.length).join() === String(3 * 3))
    await until(() => second.output().split('"msg":"state restored"').length > 2, second.output)
    await admin.close()
    second.child.kill('SIGTERM')
    assert.equal(await second.exited, 0, second.output())
    assert.match(second.output(), /state restored|processed/)
    await verifyOutputs(cluster)
    await deleteTopics(cluster)
  })
  test('two stream threads in one process (--threads 2), killed with kill -9 and restarted: output exact, both threads stop together', async () => {
    const cluster = testCluster('eos-threads')
    await createTopics(cluster, ['transactions', 'accountEvents'])
    produceInput(cluster, COUNT, 24, 0.005)
    const groupId = consumerGroupName(cluster.config.topics.prefix, 'pipeline')
    const admin = createKafkaAdmin(cluster.config.kafka)
    const first = startProcessor(cluster, ['--threads', '2', '--metrics-port', '0'])
    // Two members of the group in one process, each with partitions of its own.
    await until(async () => ((await admin.describeGroup(groupId))?.members.filter((m) => m.partitions.length > 0).length ?? 0) === 2, first.output)
    await until(async () => (await committedInput(cluster)) >= BigInt(Math.floor(COUNT / 3)), first.output)
    // The process's /metrics counts both threads' work.
    const metricsUrl = /"url":"(http:\/\/[^"]+\/metrics)"/.exec(first.output())?.[1] ?? ''
    const metric = async (name: string): Promise<number> => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(metricsUrl)).text())?.[1])
    await until(async () => (await metric('pesaflow_records_in_total')) > 0, first.output)
    assert.ok((await metric('pesaflow_records_in_total')) <= COUNT)
    assert.ok((await metric('pesaflow_rebalances_total')) >= 2, 'both threads\' assignments counted')
    assert.ok((await metric('pesaflow_transaction_commit_seconds_count')) >= 2, 'both threads\' commits timed')
    first.child.kill('SIGKILL')
    assert.equal(await first.exited, null)
    await admin.close()
    const last = startProcessor(cluster, ['--until-caught-up', '--threads', '2'])
    assert.equal(await last.exited, 0, last.output())
    // Each thread restored the state of the partitions it was given; the process stopped once the whole group was caught up.
    assert.match(last.output(), /"processorId":"[^"]+-t1","partitions":\[[\d,]+\],"records":\d+.*"state restored"/)
    assert.match(last.output(), /"processorId":"[^"]+-t2","partitions":\[[\d,]+\],"records":\d+.*"state restored"/)
    await verifyOutputs(cluster)
    await deleteTopics(cluster)
  })
})
