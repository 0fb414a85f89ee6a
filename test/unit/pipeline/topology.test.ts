// The M-Pesa topology on the pure engine (arrays and a virtual clock, as Kafka Streams' TopologyTestDriver):
// exact aggregates, dead letters byte for byte, state restored after a crash, aborts that leave no trace, lateness.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseTransaction } from '../../../src/domain/parse.ts'
import { DeadLetterHeaders } from '../../../src/engine/dead-letter.ts'
import type { IncomingRecord } from '../../../src/engine/records.ts'
import { generatedInput, isHighValue, newEngine, runCommitted, settings, topics, transactionAt, type CommittedLog } from '../../support/engine-driver.ts'
import { latestAggregates, recompute } from '../../support/recompute.ts'

const start = new Date('2026-11-02T00:00:00.000+03:00')
const input = generatedInput({ seed: 11, poisonRate: 0.01, fraudRate: 0.002, time: { mode: 'simulated', start, days: 1, count: 20_000 } })
const transactions = input.filter((r) => r.topic === topics.transactions.name)
const expected = recompute(transactions, settings.allowedLatenessMs, settings.graceMs)

function alertIds (log: CommittedLog): string[] {
  return log.values(topics.alerts.name).map((v) => (JSON.parse(v.toString()) as { alert_id: string }).alert_id)
}

describe('M-Pesa topology on the engine', () => {
  const clock = { now: Date.parse('2026-11-29T12:00:00Z') }
  const engine = newEngine(clock)
  const log = runCommitted(engine, input, 500, clock)

  test('records in = processed + dead-lettered, and aggregates equal a batch recomputation', () => {
    const routed = (log.byTopic.get(topics.inflowRepartition.name) ?? []).length
    assert.ok(routed > 0, 'inflows were routed to the receivers\' tasks')
    assert.equal(engine.counters.processed, input.length, 'every input record')
    assert.equal(engine.counters.internal, routed, 'every routed inflow read back')
    assert.equal(engine.counters.deadLettered, expected.invalid + input.filter((r) => r.topic === topics.accountEvents.name && !r.value?.length).length)
    assert.ok(expected.invalid > 100, `poison records present (${expected.invalid})`)
    const actual = latestAggregates(log.values(topics.aggregates.name))
    assert.equal(actual.size, expected.aggregates.size)
    for (const [key, totals] of expected.aggregates) assert.deepEqual(actual.get(key), totals, key)
  })

  test('inflows handed over within the engine (it owns every partition): none through Kafka, the same aggregates and high-value alerts', () => {
    const c = { now: Date.parse('2026-11-29T12:00:00Z') }
    const direct = newEngine(c, {}, true)
    const handed = runCommitted(direct, input, 500, c)
    assert.equal((handed.byTopic.get(topics.inflowRepartition.name) ?? []).length, 0)
    assert.ok(direct.counters.internal > 0, 'inflows were delivered to the receivers\' tasks')
    assert.equal(direct.counters.processed, input.length)
    assert.deepEqual(latestAggregates(handed.values(topics.aggregates.name)), latestAggregates(log.values(topics.aggregates.name)))
    const highValue = (l: CommittedLog): string[] => alertIds(l).filter((id) => id.startsWith('HIGH_VALUE_TRANSFER')).sort()
    assert.ok(highValue(log).length > 10, `high-value alerts present (${highValue(log).length})`)
    assert.deepEqual(highValue(handed), highValue(log))
  })

  test('without the detector: the same aggregates and dead letters, and no alerts, account state or inflows', () => {
    const c = { now: Date.parse('2026-11-29T12:00:00Z') }
    const bare = newEngine(c, { detection: false })
    const out = runCommitted(bare, input, 500, c)
    assert.equal(bare.counters.processed, input.length)
    assert.equal(bare.counters.internal, 0)
    assert.equal(bare.counters.deadLettered, engine.counters.deadLettered)
    assert.equal((out.byTopic.get(topics.alerts.name) ?? []).length, 0)
    assert.equal((out.byTopic.get(topics.accountStateChangelog.name) ?? []).length, 0)
    assert.deepEqual(latestAggregates(out.values(topics.aggregates.name)), latestAggregates(log.values(topics.aggregates.name)))
  })

  test('every dead letter is the failed record, byte for byte, with its provenance headers', () => {
    const deadLetters = log.byTopic.get(topics.deadLetters.name) ?? []
    const failed = transactions.filter((r) => !parseTransaction(r.value).ok)
    assert.equal(deadLetters.length, failed.length)
    for (const [i, letter] of deadLetters.entries()) {
      const source = failed[i] as IncomingRecord
      assert.ok(letter.value === null ? source.value === null || source.value.length === 0 : letter.value.equals(source.value ?? Buffer.alloc(0)))
      assert.equal(letter.headers?.[DeadLetterHeaders.offset], source.offset.toString())
      assert.equal(letter.headers?.[DeadLetterHeaders.partition], String(source.partition))
      assert.equal(letter.headers?.[DeadLetterHeaders.topic], topics.transactions.name)
      assert.match(String(letter.headers?.[DeadLetterHeaders.code]), /^(EMPTY_VALUE|RECORD_TOO_LARGE|INVALID_UTF8|INVALID_JSON|SCHEMA_VIOLATION)$/)
    }
  })

  test('one HIGH_VALUE_TRANSFER alert per successful transfer at or above the threshold', () => {
    const highValue = transactions.map((r) => parseTransaction(r.value)).filter((p) => p.ok && isHighValue(p.value))
    const ids = alertIds(log)
    assert.equal(ids.filter((id) => id.startsWith('HIGH_VALUE_TRANSFER:')).length, highValue.length)
    assert.equal(new Set(ids).size, ids.length, 'no alert twice')
  })

  test('a crash after uncommitted work, then a restore from the changelog, gives exactly the fault-free output', () => {
    const crashClock = { now: Date.parse('2026-11-29T12:00:00Z') }
    const first = newEngine(crashClock)
    const half = 9_000
    const committed = runCommitted(first, input.slice(0, half), 500, crashClock)
    first.process(input.slice(half, half + 700))
    first.prepareCommit()
    // the process dies here: that unit of work never reaches Kafka

    const second = newEngine(crashClock)
    for (const store of ['account-state', 'window-state', 'task-meta']) {
      for (const record of committed.byTopic.get(second.topology.changelogTopic(store)) ?? []) {
        second.restore(record.partition ?? 0, store, String(record.key), record.value)
      }
    }
    for (const p of [0, 1, 2]) second.reloaded(p)
    runCommitted(second, input.slice(half), 500, crashClock, committed)

    const actual = latestAggregates(committed.values(topics.aggregates.name))
    for (const [key, totals] of expected.aggregates) assert.deepEqual(actual.get(key), totals, key)
    assert.deepEqual(alertIds(committed).sort(), alertIds(log).sort())
    assert.equal(committed.values(topics.deadLetters.name).length + (committed.byTopic.get(topics.deadLetters.name) ?? []).filter((r) => r.value === null).length,
      (log.byTopic.get(topics.deadLetters.name) ?? []).length)
  })

  test('an aborted unit of work leaves no trace: re-processing it gives the same output as one clean pass', () => {
    const c1 = { now: 0 }
    const clean = newEngine(c1)
    clean.process(input.slice(0, 3000))
    const expectedUnit = clean.prepareCommit(true)

    const c2 = { now: 0 }
    const retried = newEngine(c2)
    retried.process(input.slice(0, 3000))
    retried.prepareCommit(true)
    retried.aborted()
    retried.process(input.slice(0, 3000))
    const unit = retried.prepareCommit(true)
    assert.deepEqual(unit.outputs.map((o) => o.value?.toString()), expectedUnit.outputs.map((o) => o.value?.toString()))
    assert.deepEqual(unit.changelog.length, expectedUnit.changelog.length)
  })
})

test('out-of-order events within grace count in their window; beyond grace they are counted as late and kept', () => {
  const clock = { now: 0 }
  const engine = newEngine(clock, { allowedLatenessMs: 0, graceMs: 60_000, earlyUpdatesMs: 0 })
  const template = transactions.find((r) => { const p = parseTransaction(r.value); return p.ok && p.value.status === 'SUCCESS' && p.value.transaction_type !== 'REVERSAL' }) as IncomingRecord
  const t0 = Date.parse('2026-11-02T10:00:00.000+03:00')
  const at = (offset: number, minutes: number, id: string): IncomingRecord => ({ ...template, partition: 0, offset: BigInt(offset), value: transactionAt(template.value as Buffer, t0 + minutes * 60_000, id) })
  const records = [at(0, 30, 'UKB0000001'), at(1, 10, 'UKB0000002'), at(2, 29.5, 'UKB0000003'), at(3, 29.2, 'UKB0000004'), at(4, 90, 'UKB0000005'), at(5, 89.5, 'UKB0000006'), at(6, 50, 'UKB0000007')]
  const log = runCommitted(engine, records, 100, clock)
  // max 30: 10 is 20 min behind (late), 29.5 and 29.2 are within the minute of grace; max 90: 89.5 is within, 50 is late.
  assert.equal((log.byTopic.get(topics.lateEvents.name) ?? []).length, 2)
  const lateIds = (log.byTopic.get(topics.lateEvents.name) ?? []).map((r) => (JSON.parse(String(r.value)) as { transaction_id: string }).transaction_id)
  assert.deepEqual(lateIds, ['UKB0000002', 'UKB0000007'])
  const expectedTotals = recompute(records, 0, 60_000)
  assert.equal(expectedTotals.late, 2)
  const actual = latestAggregates(log.values(topics.aggregates.name))
  for (const [key, totals] of expectedTotals.aggregates) assert.deepEqual(actual.get(key), totals, key)
  const hourly = [...actual].filter(([k]) => k.startsWith('hourly_market|')).map(([, v]) => v.count).sort()
  assert.deepEqual(hourly, [2, 3])
})
