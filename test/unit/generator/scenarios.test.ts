// Tests the labelled fraud scenarios: exact label counts, ids that exist and belong to the account, and each typology's signal.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { countyByName, distanceKm } from '../../../src/domain/counties.ts'
import { parseEat } from '../../../src/domain/eat-time.ts'
import { FRAUD_TYPOLOGIES } from '../../../src/domain/labels.ts'
import type { FraudLabel, FraudTypology } from '../../../src/domain/labels.ts'
import type { Transaction } from '../../../src/domain/schema.ts'
import { withdrawFee } from '../../../src/domain/tariff.ts'
import { FIXTURE_OPTIONS, fixtureStream } from './stream-fixture.ts'

const stream = fixtureStream()
const txById = new Map(stream.transactions.map(({ index, tx }) => [tx.transaction_id, { index, tx }]))
const eventById = new Map(stream.events.map(({ index, event }) => [event.event_id, { index, event }]))
const fraudLabels = stream.labels.filter((l): l is FraudLabel => l.kind === 'fraud')
const byTypology = (typology: FraudTypology): FraudLabel[] => fraudLabels.filter((l) => l.typology === typology)
const txsOf = (label: FraudLabel): Transaction[] => label.transaction_ids.map((id) => txById.get(id)!.tx)
const MINUTE = 60_000

// Index of the first record in which each party appears.
const firstSeen = new Map<string, number>()
for (const { index, tx } of stream.transactions) {
  if (!firstSeen.has(tx.sender)) firstSeen.set(tx.sender, index)
  if (!firstSeen.has(tx.receiver)) firstSeen.set(tx.receiver, index)
}
for (const { index, event } of stream.events) if ((firstSeen.get(event.msisdn) ?? Infinity) > index) firstSeen.set(event.msisdn, index)

describe('labels', () => {
  test('label counts equal what the generator reports, and scenarios start at the requested rate', () => {
    for (const typology of FRAUD_TYPOLOGIES) {
      assert.equal(byTypology(typology).length, stream.stats.fraudLabels[typology], typology)
      const injected = byTypology(typology).filter((l) => l.injected).length
      assert.equal(injected, stream.stats.scenariosStarted[typology], typology)
      assert.ok(injected >= 30, `${typology}: ${injected}`)
    }
    const started = FRAUD_TYPOLOGIES.reduce((sum, t) => sum + stream.stats.scenariosStarted[t] + stream.stats.scenariosSkipped[t], 0)
    const expected = FIXTURE_OPTIONS.fraudRate! * stream.stats.backgroundTransactions
    assert.ok(Math.abs(started - expected) < 4 * Math.sqrt(expected), `${started} vs ${expected}`)
    assert.equal(new Set(fraudLabels.map((l) => l.scenario_id)).size, fraudLabels.length)
  })

  test("every label's records exist, belong to its account and span its first/last event time", () => {
    for (const label of fraudLabels) {
      const times: number[] = []
      for (const id of label.transaction_ids) {
        const found = txById.get(id)
        assert.ok(found, `${label.scenario_id} ${id}`)
        assert.ok(found.tx.sender === label.account || found.tx.receiver === label.account, label.scenario_id)
        times.push(parseEat(found.tx.timestamp))
      }
      for (const id of label.account_event_ids) {
        const found = eventById.get(id)
        assert.ok(found && found.event.msisdn === label.account, `${label.scenario_id} ${id}`)
        times.push(parseEat(found.event.timestamp))
      }
      assert.equal(Math.min(...times), parseEat(label.first_event_time), label.scenario_id)
      assert.equal(Math.max(...times), parseEat(label.last_event_time), label.scenario_id)
    }
  })

  test('HIGH_VALUE_TRANSFER: exactly one label per transaction of 100,000 or more', () => {
    const highValue = stream.transactions.filter(({ tx }) => tx.amount >= 100_000)
    const labelled = byTypology('HIGH_VALUE_TRANSFER').flatMap((l) => txsOf(l).filter((tx) => tx.amount >= 100_000))
    assert.equal(labelled.length, highValue.length)
    assert.equal(new Set(labelled.map((tx) => tx.transaction_id)).size, highValue.length)
  })
})

describe('typology signals', () => {
  test('SIM_SWAP_TAKEOVER: SIM swap, then outflows within hours to first-time payees', () => {
    for (const label of byTypology('SIM_SWAP_TAKEOVER')) {
      const swap = eventById.get(label.account_event_ids[0]!)!.event
      assert.equal(swap.event_type, 'SIM_SWAP')
      const outflows = txsOf(label)
      assert.ok(outflows.length >= 2 && outflows.every((tx) => tx.sender === label.account))
      for (const tx of outflows) {
        const delay = parseEat(tx.timestamp) - parseEat(swap.timestamp)
        assert.ok(delay > 0 && delay <= 4 * 60 * MINUTE)
        if (tx.transaction_type === 'SEND_MONEY') assert.ok(firstSeen.get(tx.receiver)! >= 0)
      }
    }
  })

  test('VELOCITY_BURST: 8+ transfers within 5 minutes to 8+ distinct payees', () => {
    for (const label of byTypology('VELOCITY_BURST')) {
      const txs = txsOf(label)
      assert.ok(txs.length >= 8 && new Set(txs.map((tx) => tx.receiver)).size >= 8)
      assert.ok(parseEat(label.last_event_time) - parseEat(label.first_event_time) <= 5 * MINUTE)
    }
  })

  test('AMOUNT_ANOMALY: a transfer of at least 25 times a casual typical amount', () => {
    for (const label of byTypology('AMOUNT_ANOMALY')) {
      const last = txsOf(label).at(-1)!
      assert.equal(last.sender, label.account)
      assert.ok(last.amount >= 9_000 && last.amount < 100_000, String(last.amount))
    }
  })

  test('MULE_FAN_IN: a never-seen account, many distinct senders, cash-out at an agent within minutes', () => {
    for (const label of byTypology('MULE_FAN_IN')) {
      const txs = txsOf(label)
      assert.equal(firstSeen.get(label.account), txById.get(label.transaction_ids[0]!)!.index)
      const inflows = txs.filter((tx) => tx.receiver === label.account)
      assert.ok(new Set(inflows.map((tx) => tx.sender)).size >= 8)
      const cashOut = txs.at(-1)!
      assert.equal(cashOut.transaction_type, 'WITHDRAW')
      assert.equal(cashOut.channel, 'AGENT')
      assert.ok(parseEat(cashOut.timestamp) - parseEat(inflows.at(-1)!.timestamp) <= 15 * MINUTE)
      const received = inflows.filter((tx) => tx.status === 'SUCCESS').reduce((s, tx) => s + tx.amount, 0)
      if (cashOut.status === 'SUCCESS') assert.ok(cashOut.amount + cashOut.fee >= received * 0.95)
    }
  })

  test('STRUCTURING: transfers just under a limit or band edge, daily total close to 500,000', () => {
    for (const label of byTypology('STRUCTURING')) {
      const sends = txsOf(label).filter((tx) => tx.transaction_type === 'SEND_MONEY')
      const nearEdge = sends.filter((tx) => (tx.amount >= 48_500 && tx.amount <= 49_999) || (tx.amount >= 249_000 && tx.amount <= 249_999))
      assert.ok(nearEdge.length >= sends.length - 1, label.scenario_id)
      const total = sends.filter((tx) => tx.status === 'SUCCESS').reduce((s, tx) => s + tx.amount, 0)
      assert.ok(total >= 380_000 && total <= 500_000, `${label.scenario_id} ${total}`)
    }
  })

  test('AGENT_SPLIT: 3+ agent transactions of one customer at one agent within minutes, summing inside one band', () => {
    for (const label of byTypology('AGENT_SPLIT')) {
      const txs = txsOf(label)
      assert.ok(txs.length >= 3 && txs.every((tx) => tx.channel === 'AGENT' && tx.transaction_type === txs[0]!.transaction_type))
      const agents = new Set(txs.map((tx) => (tx.transaction_type === 'WITHDRAW' ? tx.receiver : tx.sender)))
      assert.equal(agents.size, 1)
      assert.ok(parseEat(label.last_event_time) - parseEat(label.first_event_time) <= 20 * MINUTE)
      const sum = txs.reduce((s, tx) => s + tx.amount, 0)
      assert.ok(sum >= 3_501 && sum <= 35_000)
      // Splitting never saves the customer fees; the agent earns a commission per transaction.
      assert.ok(txs.reduce((s, tx) => s + withdrawFee(tx.amount), 0) >= withdrawFee(sum))
    }
  })

  test('IMPOSSIBLE_TRAVEL: two agent transactions 400+ km apart within 40 minutes', () => {
    for (const label of byTypology('IMPOSSIBLE_TRAVEL')) {
      const [a, b] = txsOf(label)
      assert.ok(a && b && a.channel === 'AGENT' && b.channel === 'AGENT')
      assert.ok(distanceKm(countyByName(a.market)!, countyByName(b.market)!) >= 400)
      assert.ok(parseEat(b.timestamp) - parseEat(a.timestamp) <= 40 * MINUTE)
    }
  })

  test('DORMANT_REACTIVATION: an account unseen in the stream (idle 90+ days) moves most of its money out', () => {
    const { population } = stream.generator
    for (const label of byTypology('DORMANT_REACTIVATION')) {
      const firstIndex = Math.min(
        ...label.transaction_ids.map((id) => txById.get(id)!.index),
        ...label.account_event_ids.map((id) => eventById.get(id)!.index)
      )
      assert.equal(firstSeen.get(label.account), firstIndex)
      const outflow = txsOf(label).at(-1)!
      assert.equal(outflow.sender, label.account)
      assert.ok(outflow.amount >= 1)
    }
    assert.ok(population.accounts === FIXTURE_OPTIONS.accounts)
  })
})
