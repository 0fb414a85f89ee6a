// Shared by the processor suites: produce seeded input, run `pesaflow process` as real processes, read and check outputs.
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { projectRoot } from '../../../src/config/paths.ts'
import { parseTransaction } from '../../../src/domain/parse.ts'
import { DeadLetterHeaders } from '../../../src/engine/dead-letter.ts'
import type { IncomingRecord } from '../../../src/engine/records.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { readTopicsToEnd, waitUntilSettled } from '../../../src/kafka/topic-reader.ts'
import { defaultPipelineSettings } from '../../../src/pipeline/settings.ts'
import { consumerGroupName } from '../../../src/topics/registry.ts'
import { isHighValue } from '../../support/engine-driver.ts'
import { latestAggregates, recompute, type LimitOf } from '../../support/recompute.ts'
import { recentStart, type TestCluster } from '../helpers.ts'

const cli = join(projectRoot, 'src/cli/main.ts')

export function cliEnv (cluster: TestCluster): NodeJS.ProcessEnv {
  return { ...process.env, TOPIC_PREFIX: cluster.config.topics.prefix, LOG_LEVEL: 'info' }
}

export function produceInput (cluster: TestCluster, count: number, seed: number, poisonRate: number): void {
  const result = spawnSync(process.execPath, [cli, 'produce', '--rate', '0', '--count', String(count), '--seed', String(seed),
    '--start', recentStart(), '--days', '1', '--poison-rate', String(poisonRate), '--fraud-rate', '0.002'], { encoding: 'utf8', env: cliEnv(cluster) })
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stderr, new RegExp(`acknowledged ${count.toLocaleString('en-US')}, failed 0`))
}

export interface ProcessorRun { readonly child: ChildProcess; readonly exited: Promise<number | null>; output: () => string }

let runs = 0

/** Starts `pesaflow process`; its output is kept, and also written to test-output/ for a look after a failure. */
export function startProcessor (cluster: TestCluster, args: readonly string[] = []): ProcessorRun {
  const child = spawn(process.execPath, [cli, 'process', ...args], { env: cliEnv(cluster), stdio: ['ignore', 'pipe', 'pipe'] })
  mkdirSync(join(projectRoot, 'test-output'), { recursive: true })
  const file = join(projectRoot, 'test-output', `${cluster.config.topics.prefix}processor-${++runs}.log`)
  let output = ''
  const keep = (chunk: Buffer): void => {
    output += chunk.toString()
    appendFileSync(file, chunk)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => { child.on('exit', (code) => { resolve(code) }) })
  return { child, exited, output: () => output }
}

/** Input records the group has committed, summed over partitions. */
export async function committedInput (cluster: TestCluster): Promise<bigint> {
  const admin = createKafkaAdmin(cluster.config.kafka)
  try {
    const offsets = await admin.groupOffsets(consumerGroupName(cluster.config.topics.prefix, 'pipeline'), [cluster.topics.transactions.name, cluster.topics.accountEvents.name])
    return [...offsets.values()].reduce((a, b) => a + b, 0n)
  } finally {
    await admin.close()
  }
}

/** Polls (every 50 ms) until the condition holds; after `patienceMs` fails with what `explain` says (a guard, not a timing check). */
export async function until (condition: () => Promise<boolean> | boolean, explain: () => string = () => '', patienceMs = 180_000): Promise<void> {
  const deadline = Date.now() + patienceMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${patienceMs / 1000}s: ${explain()}`)
    await delay(50)
  }
}

/** Every committed record of the topic, once the last transactions have settled (their markers land after the commit returns). */
export async function readAll (cluster: TestCluster, topic: string): Promise<IncomingRecord[]> {
  await waitUntilSettled(cluster.config.kafka, [topic], [0, 1, 2])
  const records: IncomingRecord[] = []
  await readTopicsToEnd(cluster.config.kafka, [topic], [0, 1, 2], (r) => { records.push(r) })
  return records
}

/** Checks every committed output against a batch recomputation of the input: exact, no duplicate, nothing missing. */
export async function verifyOutputs (cluster: TestCluster, limitOf: LimitOf = () => undefined): Promise<{ transactions: number; deadLetters: number; finals: number; late: number }> {
  const { topics } = cluster
  const input = (await readAll(cluster, topics.transactions.name)).sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset))
  const expected = recompute(input, defaultPipelineSettings.allowedLatenessMs, defaultPipelineSettings.graceMs, limitOf)

  const aggregates = await readAll(cluster, topics.aggregates.name)
  const actual = latestAggregates(aggregates.map((r) => r.value as Buffer))
  assert.equal(actual.size, expected.aggregates.size, 'windows')
  for (const [key, totals] of expected.aggregates) assert.deepEqual(actual.get(key), totals, key)
  const finals = aggregates.filter((r) => r.value?.includes('"emit":"FINAL"'))
  const finalKeys = finals.map((r) => `${String(r.key)}|${r.partition}`)
  assert.equal(new Set(finalKeys).size, finalKeys.length, 'each window closes exactly once (no duplicate final result)')

  const late = await readAll(cluster, topics.lateEvents.name)
  assert.equal(late.length, expected.late, 'events beyond grace: each one in the late-events topic, exactly once')

  const deadLetters = await readAll(cluster, topics.deadLetters.name)
  const poison = input.filter((r) => !parseTransaction(r.value, limitOf(r)).ok)
  assert.equal(deadLetters.length, poison.length, 'dead letters = poison records')
  const byOrigin = new Map(deadLetters.map((d) => [`${d.headers.get(DeadLetterHeaders.partition)?.toString()}:${d.headers.get(DeadLetterHeaders.offset)?.toString()}`, d]))
  assert.equal(byOrigin.size, deadLetters.length, 'no duplicate dead letter')
  for (const p of poison) {
    const letter = byOrigin.get(`${p.partition}:${p.offset}`)
    assert.ok(letter !== undefined, `poison record ${p.partition}:${p.offset} is dead-lettered`)
    assert.ok((letter.value ?? Buffer.alloc(0)).equals(p.value ?? Buffer.alloc(0)), 'payload byte for byte')
    assert.equal(letter.headers.get(DeadLetterHeaders.topic)?.toString(), topics.transactions.name)
  }

  const alerts = await readAll(cluster, topics.alerts.name)
  const ids = alerts.map((a) => (JSON.parse(String(a.value)) as { alert_id: string }).alert_id)
  assert.equal(new Set(ids).size, ids.length, 'no duplicate alert')
  const highValue = input.map((r) => parseTransaction(r.value, limitOf(r))).filter((p) => p.ok && isHighValue(p.value))
  assert.equal(ids.filter((id) => id.startsWith('HIGH_VALUE_TRANSFER:')).length, highValue.length, 'one alert per high-value transfer')
  return { transactions: input.length, deadLetters: deadLetters.length, finals: finals.length, late: late.length }
}

export async function deleteTopics (cluster: TestCluster): Promise<void> {
  const admin = createKafkaAdmin(cluster.config.kafka)
  await admin.deleteTopics(Object.values(cluster.topics).map((t) => t.name)).catch(() => {})
  await admin.close()
}
