// The store sink against the real broker and the real PostgreSQL: the processor's alerts and hourly aggregates land
// in the database once each; a restart resumes from the offsets stored with the rows; a full replay duplicates
// nothing and keeps the analysts' triage.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runStoreSink } from '../../../src/app/store-sink.ts'
import { createKafkaAdmin } from '../../../src/kafka/admin.ts'
import { waitUntilSettled } from '../../../src/kafka/topic-reader.ts'
import { acknowledge, alertById, loadOffsets, openStore, type Database } from '../../../src/store/store.ts'
import { latestAggregates } from '../../support/recompute.ts'
import { TEST_DATABASE_URL, uniqueSchema } from '../../unit/store/store-fixture.ts'
import { createTopics, testCluster, type TestCluster } from '../helpers.ts'
import { deleteTopics, produceInput, readAll, startProcessor, until } from '../processor/support.ts'

async function sinkToEnd (cluster: TestCluster, db: Database): Promise<number> {
  await waitUntilSettled(cluster.config.kafka, [cluster.topics.alerts.name, cluster.topics.aggregates.name], [0, 1, 2])
  const admin = createKafkaAdmin(cluster.config.kafka)
  const described = await admin.describeTopics([cluster.topics.alerts.name, cluster.topics.aggregates.name])
  const ends = await admin.endOffsets(described, true)
  await admin.close()
  const stop = new AbortController()
  let batches = 0
  const running = runStoreSink({
    kafka: cluster.config.kafka, db, sinkName: 'test-sink', alertsTopic: cluster.topics.alerts.name, aggregatesTopic: cluster.topics.aggregates.name,
    partitions: cluster.topics.alerts.partitions, log: () => {}, onCommitted: () => { batches++ }
  }, stop.signal)
  await until(async () => {
    const stored = new Map((await loadOffsets(db, 'test-sink')).map((o) => [`${o.topic}:${o.partition}`, o.nextOffset]))
    // Transaction markers take offsets too: the sink is done once no committed record lies beyond its position.
    return [...ends].every(([key, end]) => (stored.get(key) ?? 0n) >= end - 1n || end === 0n)
  })
  stop.abort()
  await running
  return batches
}

test('alerts and hourly aggregates reach PostgreSQL exactly once, across restarts and a full replay', { timeout: 300_000 }, async () => {
  const cluster = testCluster('sink')
  await createTopics(cluster, ['transactions', 'accountEvents'])
  produceInput(cluster, 20_000, 51, 0)
  const run = startProcessor(cluster, ['--until-caught-up'])
  assert.equal(await run.exited, 0, run.output())
  const alertRecords = await readAll(cluster, cluster.topics.alerts.name)
  const alertIds = new Set(alertRecords.map((r) => (JSON.parse(String(r.value)) as { alert_id: string }).alert_id))
  assert.ok(alertIds.size > 0)
  const expected = latestAggregates((await readAll(cluster, cluster.topics.aggregates.name)).map((r) => r.value as Buffer))

  const db = await openStore({ url: TEST_DATABASE_URL, schema: uniqueSchema('sink') })
  try {
    await sinkToEnd(cluster, db)
    const count = async (): Promise<number> => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM alerts'))[0]?.n)
    assert.equal(await count(), alertIds.size, 'one row per alert')
    const hourly = await db.query<{ window_name: string; window_start: Date; market: string; transaction_type: string; count: string; sum_amount: string }>(
      `SELECT window_name, window_start, market, transaction_type, sum(count) AS count, sum(sum_amount) AS sum_amount
       FROM hourly_aggregates GROUP BY window_name, window_start, market, transaction_type`)
    const expectedHourly = [...expected].filter(([key]) => key.startsWith('hourly_'))
    assert.equal(hourly.length, expectedHourly.length, 'one row set per hourly window and group')
    for (const row of hourly.filter((r) => r.window_name === 'hourly_market').slice(0, 50)) {
      const match = [...expected].find(([key]) => key.startsWith(`hourly_market|`) && key.endsWith(`|${row.market}`) && Date.parse(key.split('|')[1] ?? '') === row.window_start.getTime())
      assert.equal(Number(row.count), match?.[1].count, `${row.market} ${row.window_start.toISOString()}`)
      assert.equal(Number(row.sum_amount), match?.[1].sum_amount)
    }

    const [first] = alertIds
    await acknowledge(db, first ?? '', 'analyst-1')
    assert.equal(await sinkToEnd(cluster, db), 0, 'a restart resumes after the stored offsets: nothing to write')
    await db.query('DELETE FROM sink_offsets')
    assert.ok(await sinkToEnd(cluster, db) > 0, 'a full replay reads everything again')
    assert.equal(await count(), alertIds.size, 'the replay duplicated no alert')
    assert.equal((await alertById(db, first ?? ''))?.status, 'ACKNOWLEDGED', 'triage survives the replay')
  } finally {
    await db.exec(`DROP SCHEMA "${db.schema ?? 'missing'}" CASCADE`).catch(() => {})
    await db.close()
    await deleteTopics(cluster)
  }
})
