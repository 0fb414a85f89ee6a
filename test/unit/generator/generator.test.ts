// Tests the generated stream as a whole: determinism, validity, keys and timestamps, receipts, fees, limits and amounts.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { eatDayNumber, parseEat } from '../../../src/domain/eat-time.ts'
import { LIMITS } from '../../../src/domain/limits.ts'
import { parseAccountEvent, parseTransaction } from '../../../src/domain/parse.ts'
import { SAFARICOM_MSISDN_REGEX } from '../../../src/domain/msisdn.ts'
import { receiptMatchesInstant } from '../../../src/domain/receipt.ts'
import { customerFee } from '../../../src/domain/tariff.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { GeneratorOptions } from '../../../src/generator/options.ts'
import { FIXTURE_OPTIONS, START, fixtureStream } from './stream-fixture.ts'

function firstValues(options: GeneratorOptions, n: number): Buffer[] {
  const generator = createGenerator(options)
  const out: Buffer[] = []
  for (let i = 0; i < n; i++) out.push(Buffer.from(generator.next()!.value))
  return out
}

describe('determinism', () => {
  const small: GeneratorOptions = { ...FIXTURE_OPTIONS, accounts: 5_000, fraudRate: 0.02, poisonRate: 0.01 }
  test('the same seed gives byte-identical records', () => {
    assert.deepEqual(firstValues(small, 20_000), firstValues(small, 20_000))
  })
  test('a different seed gives a different stream', () => {
    const a = firstValues(small, 200)
    const b = firstValues({ ...small, seed: small.seed + 1 }, 200)
    assert.ok(a.filter((v, i) => v.equals(b[i]!)).length < 5)
  })
})

describe('fixture stream (200,000 background transactions)', () => {
  const stream = fixtureStream()
  const end = START.getTime() + 86_400_000

  test('every record on the transactions topic validates except the labelled poison', () => {
    assert.equal(stream.stats.backgroundTransactions, 200_000)
    assert.equal(stream.transactions.length, stream.stats.backgroundTransactions + stream.stats.scenarioTransactions)
    assert.equal(stream.rejected.length, stream.stats.poisonRecords)
    assert.equal(stream.events.length, stream.stats.accountEvents)
  })

  test('timestamps are non-decreasing, inside the span and equal to the JSON timestamp', () => {
    let previous = -Infinity
    for (const record of stream.records) {
      assert.ok(record.timestamp >= previous && record.timestamp >= START.getTime() && record.timestamp < end)
      previous = record.timestamp
    }
    for (const { index, tx } of stream.transactions) assert.equal(parseEat(tx.timestamp), stream.records[index]!.timestamp)
    for (const { index, event } of stream.events) assert.equal(parseEat(event.timestamp), stream.records[index]!.timestamp)
  })

  test('keys are the sender (transactions) and the msisdn (account events)', () => {
    for (const { index, tx } of stream.transactions) assert.equal(stream.records[index]!.key, tx.sender)
    for (const { index, event } of stream.events) assert.equal(stream.records[index]!.key, event.msisdn)
  })

  test('customer parties are Safaricom numbers and businesses are 5-7 digits', () => {
    for (const { tx } of stream.transactions) {
      for (const [id, type] of [[tx.sender, tx.sender_type], [tx.receiver, tx.receiver_type]] as const) {
        assert.ok(type === 'CUSTOMER' ? SAFARICOM_MSISDN_REGEX.test(id) : /^\d{5,7}$/.test(id), `${type} ${id}`)
      }
    }
  })

  test('receipt ids are unique and encode the EAT date of their timestamp', () => {
    const ids = new Set<string>()
    for (const { tx } of stream.transactions) {
      assert.ok(receiptMatchesInstant(tx.transaction_id, parseEat(tx.timestamp)), tx.transaction_id)
      ids.add(tx.transaction_id)
    }
    assert.equal(ids.size, stream.transactions.length)
    assert.ok(ids.size > 200_000)
  })

  test('fees follow the tariff for every transaction', () => {
    for (const { tx } of stream.transactions) assert.equal(tx.fee, customerFee(tx.transaction_type, tx.amount), tx.transaction_id)
  })

  test('no successful transaction breaks a limit; daily debits per customer stay within 500,000', () => {
    const debits = new Map<string, number>()
    for (const { tx } of stream.transactions) {
      assert.ok(tx.amount <= LIMITS.maxPerTransaction)
      if (tx.status !== 'SUCCESS' || tx.sender_type !== 'CUSTOMER' || tx.transaction_type === 'REVERSAL') continue
      const key = `${tx.sender}/${eatDayNumber(parseEat(tx.timestamp))}`
      const total = (debits.get(key) ?? 0) + tx.amount
      assert.ok(total <= LIMITS.maxDailyDebits, key)
      debits.set(key, total)
    }
    const { wallets } = stream.generator.population
    for (let i = 0; i < wallets.size; i++) assert.ok(wallets.balance(i) >= 0 && wallets.balance(i) <= LIMITS.maxBalance)
  })

  test('some transactions fail, each for a real reason the ledger saw', () => {
    const failed = stream.transactions.filter(({ tx }) => tx.status === 'FAILED').length
    assert.equal(failed, stream.stats.failedTransactions)
    assert.ok(failed > 0 && failed < stream.transactions.length * 0.05)
  })

  test('reversals name an earlier successful transfer of the same sender', () => {
    const transfers = new Map<string, { sender: string; receiver: string; amount: number }>()
    let reversals = 0
    for (const { tx } of stream.transactions) {
      if (tx.transaction_type === 'SEND_MONEY' && tx.status === 'SUCCESS') transfers.set(tx.transaction_id, tx)
      if (tx.transaction_type !== 'REVERSAL') continue
      reversals++
      const original = transfers.get(tx.reverses!)
      assert.ok(original, tx.reverses)
      assert.deepEqual([original.sender, original.receiver, original.amount], [tx.sender, tx.receiver, tx.amount])
    }
    assert.ok(reversals > 100)
  })

  test('mix and amounts: mean near KES 1,400, every type present, quiet nights', () => {
    const injected = new Set(stream.labels.flatMap((l) => (l.kind === 'fraud' && l.injected ? l.transaction_ids : [])))
    const organic = stream.transactions.filter(({ tx }) => !injected.has(tx.transaction_id))
    assert.equal(organic.length, 200_000)
    const mean = organic.reduce((sum, { tx }) => sum + tx.amount, 0) / organic.length
    assert.ok(mean > 1_200 && mean < 1_600, `mean ${mean}`)
    const types = new Set(organic.map(({ tx }) => tx.transaction_type))
    assert.equal(types.size, 8)
    const hour = (tx: { timestamp: string }): number => Number(tx.timestamp.slice(11, 13))
    const night = organic.filter(({ tx }) => hour(tx) >= 1 && hour(tx) < 4).length
    const evening = organic.filter(({ tx }) => hour(tx) >= 17 && hour(tx) < 20).length
    assert.ok(evening > 8 * night, `evening ${evening} night ${night}`)
  })

  test('markets follow population: Nairobi is the busiest county', () => {
    const counts = new Map<string, number>()
    for (const { tx } of stream.transactions) counts.set(tx.market, (counts.get(tx.market) ?? 0) + 1)
    const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    assert.equal(busiest, 'Nairobi')
    assert.equal(counts.size, 47)
  })
})

describe('time modes', () => {
  test('real time stamps every record with now()', () => {
    let clock = Date.parse('2026-11-29T12:00:00.000+03:00')
    const generator = createGenerator({ seed: 1, accounts: 2_000, time: { mode: 'realtime', now: () => clock, count: 50 } })
    const stamps: number[] = []
    for (let record = generator.next(); record !== undefined; record = generator.next()) {
      stamps.push(record.timestamp)
      clock += 250
    }
    assert.equal(generator.stats().backgroundTransactions, 50)
    assert.equal(stamps[0], Date.parse('2026-11-29T12:00:00.000+03:00'))
    assert.ok(stamps.every((t, i) => i === 0 || t >= stamps[i - 1]!))
  })

  test('real time with scenarios and poison: every record is stamped in order and valid or labelled poison', () => {
    let clock = Date.parse('2026-11-29T12:00:00.000+03:00')
    const generator = createGenerator({
      seed: 5, accounts: 2_000, fraudRate: 0.2, poisonRate: 0.05, time: { mode: 'realtime', now: () => (clock += 3), count: 3_000 }
    })
    let previous = -Infinity
    for (let record = generator.next(); record !== undefined; record = generator.next()) {
      assert.ok(record.timestamp >= previous)
      previous = record.timestamp
      if (record.topic === 'account-events') assert.ok(parseAccountEvent(record.value).ok)
      else assert.equal(parseTransaction(record.value).ok, !record.key.startsWith('poison-'))
    }
    const stats = generator.stats()
    assert.equal(stats.backgroundTransactions, 3_000)
    assert.ok(stats.scenarioTransactions > 0 && stats.poisonRecords > 0)
  })

  test('eventsPerSimulatedSecond sets the span', () => {
    const generator = createGenerator({ seed: 3, accounts: 2_000, time: { mode: 'simulated', start: START, eventsPerSimulatedSecond: 10, count: 1_000 } })
    assert.equal(generator.span.end - generator.span.start, 100_000)
    const records = [...generator]
    assert.ok(records.at(-1)!.timestamp < generator.span.end)
  })
})
