// Event time against the real broker: events out of order within the grace period count in their windows; events
// beyond it are counted as late, written to the late-events topic once each, and never silently dropped.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatEat } from '../../../src/domain/eat-time.ts'
import { createRecordProducer } from '../../../src/kafka/producer.ts'
import { defaultPipelineSettings } from '../../../src/pipeline/settings.ts'
import { VALID_TRANSACTION } from '../../unit/domain/fixtures.ts'
import { createTopics, recentStart, testCluster } from '../helpers.ts'
import { deleteTopics, readAll, startProcessor, verifyOutputs } from './support.ts'

const MIN = 60_000
const SEC = 1000

test('out-of-order events within grace are counted in their window; those beyond grace are late, exactly', { timeout: 300_000 }, async () => {
  const { allowedLatenessMs, graceMs } = defaultPipelineSettings
  assert.equal(allowedLatenessMs + graceMs, 65 * SEC, 'the offsets below assume 5 s of lateness and 60 s of grace')
  const cluster = testCluster('eos-late')
  await createTopics(cluster, ['transactions', 'accountEvents'])
  const hour = Date.parse(recentStart())
  // Minutes:seconds after the hour, in arrival order, all from one sender (one partition), with the verdict the
  // watermark (highest event time − 5 s) and the 60 s grace give each one.
  const arrivals: [number, boolean][] = [
    [10 * MIN, false], [20 * MIN, false], [30 * MIN, false],
    [29 * MIN + 30 * SEC, false], // 30 s behind the highest: within grace
    [40 * MIN, false],
    [39 * MIN, false], // 60 s behind: within 65 s
    [38 * MIN, true], // 120 s behind: late
    [5 * MIN, true], // 35 minutes behind: late
    [41 * MIN, false],
    [39 * MIN + 54 * SEC, true] // 66 s behind: just beyond
  ]
  const records = arrivals.map(([offset], i) => {
    const time = hour + offset
    const value = { ...VALID_TRANSACTION, transaction_id: `UKT4ZQ8${String(100 + i)}`, timestamp: formatEat(time), amount: 100 + i }
    return { topic: cluster.topics.transactions.name, key: VALID_TRANSACTION.sender, value: Buffer.from(JSON.stringify(value)), timestamp: time }
  })
  const producer = createRecordProducer(cluster.config.kafka)
  for (const record of records) await producer.send([record]) // one at a time: arrival order is the point
  await producer.close()

  const run = startProcessor(cluster, ['--until-caught-up'])
  assert.equal(await run.exited, 0, run.output())

  const late = await readAll(cluster, cluster.topics.lateEvents.name)
  const expectedLate = records.filter((_, i) => arrivals[i]?.[1] === true)
  assert.deepEqual(late.map((r) => String(r.value)), expectedLate.map((r) => String(r.value)), 'exactly the three late events, byte for byte, in order')
  const aggregates = (await readAll(cluster, cluster.topics.aggregates.name)).map((r) => JSON.parse(String(r.value)) as { window: string; count: number; sum_amount: number; emit: string })
  const hourly = aggregates.filter((a) => a.window === 'hourly_market')
  const last = hourly[hourly.length - 1]
  assert.equal(last?.count, 7, 'the hour counts the seven events that were on time or within grace')
  assert.equal(last?.sum_amount, [0, 1, 2, 3, 4, 5, 8].reduce((sum, i) => sum + 100 + i, 0))
  const result = await verifyOutputs(cluster)
  assert.equal(result.late, 3)
  await deleteTopics(cluster)
})
