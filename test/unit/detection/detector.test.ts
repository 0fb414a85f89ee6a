// Tests the detector as a whole: shadow mode, rule swaps without state loss, JSON state round trips, older layouts, copy-on-write, expiry, determinism.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAccountEvent, parseTransaction } from '../../../src/domain/parse.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { Alert } from '../../../src/detection/alert.ts'
import { FraudDetector } from '../../../src/detection/detector.ts'
import { defaultRuleSet } from '../../../src/detection/rule-set.ts'
import { MemoryDetectionStore, TASK_KEY, isIdle, partyHash } from '../../../src/detection/state.ts'
import { accountKey } from '../../../src/detection/state-keys.ts'
import type { StateKey } from '../../../src/detection/state-keys.ts'
import { idNumber } from '../../../src/detection/tx-id.ts'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'
import type { DetectionStateValue, DetectionStore } from '../../../src/detection/state.ts'
import { ALICE, DAY, Harness, SECOND, T0, customer, rulesWith, tx } from './fixtures.ts'

function burst(h: Harness, from: number, sender = ALICE): void {
  for (let i = 0; i < 5; i++) h.send(tx({ at: from + i * SECOND, sender, receiver: customer(i) }))
}

test('shadow mode: the rule is evaluated and counted, its hits kept aside, no alert returned', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: { shadow: true } }))
  burst(h, T0)
  assert.equal(h.alerts.length, 0)
  assert.deepEqual([h.detector.counters.shadow.VELOCITY_BURST, h.detector.counters.fired.VELOCITY_BURST, h.detector.counters.evaluated.VELOCITY_BURST], [1, 0, 5])
  const shadow = h.detector.takeShadowAlerts()
  assert.equal(shadow.dropped, 0)
  assert.deepEqual(shadow.alerts.map((a) => a.rule_id), ['VELOCITY_BURST'])
  assert.deepEqual(h.detector.takeShadowAlerts().alerts, [])
})

test('setRules swaps rules without losing state; alerts name the new version', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: { min_transactions: 8 } }, 1))
  for (let i = 0; i < 4; i++) h.send(tx({ at: T0 + i * SECOND, receiver: customer(i) }))
  h.detector.setRules(rulesWith({ VELOCITY_BURST: {} }, 2))
  h.send(tx({ at: T0 + 5 * SECOND, receiver: customer(9) }))
  assert.deepEqual(h.alerts.map((a) => [a.rule_id, a.rule_version, a.transaction_ids.length]), [['VELOCITY_BURST', 2, 5]])
  assert.equal(h.detector.ruleSet.version, 2)
})

test('a rule switched off is not evaluated', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: { enabled: false }, HIGH_VALUE_TRANSFER: {} }))
  burst(h, T0)
  assert.equal(h.detector.counters.evaluated.VELOCITY_BURST, 0)
  assert.equal(h.detector.counters.evaluated.HIGH_VALUE_TRANSFER, 5)
})

test('state survives a JSON round trip (the changelog): the same alerts follow', () => {
  const direct = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  for (let i = 0; i < 4; i++) direct.send(tx({ at: T0 + i * SECOND, receiver: customer(i) }))
  const restored = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  for (const [key, value] of direct.store.map) restored.store.put(key, JSON.parse(JSON.stringify(value)) as DetectionStateValue)
  const last = tx({ at: T0 + 5 * SECOND, receiver: customer(9) })
  assert.deepEqual(restored.send(last), direct.send(last))
  assert.equal(restored.alerts.length, 1)
})

test('a changelog of the first layout (objects) is read on: the account keeps its recent activity', () => {
  const h = new Harness(rulesWith({ VELOCITY_BURST: {} }))
  const earlier = [0, 1, 2, 3].map((i) => tx({ at: T0 + i * SECOND, receiver: customer(i) }))
  const recent = earlier.flatMap((t, i) => [T0 + i * SECOND, t.amount, partyHash(t.receiver), 0, idNumber(t.transaction_id)])
  const legacy = {
    kind: 'account', first: T0, seen: T0 + 3 * SECOND, last_tx: T0 + 3 * SECOND, n: 4, level: 0, payees: [], recent, event_time: -1, event_type: 0,
    agent_time: -1, agent_county: -1, agent_tx: 0, home_county: -1, home_votes: 0, anomaly_time: -1, anomaly_amount: 0, anomaly_ratio: 0, anomaly_tx: 0, fired: []
  }
  h.store.put(accountKey(ALICE), legacy as unknown as DetectionStateValue)
  h.send(tx({ at: T0 + 5 * SECOND, receiver: customer(9) }))
  assert.deepEqual(h.alerts.map((a) => a.transaction_ids.length), [5])
  assert.ok(Array.isArray(h.store.get(accountKey(ALICE))), 'written back in the current layout')
})

test('isIdle: accounts and agents expire after the horizon, the task state never', () => {
  const h = new Harness()
  h.send(tx({ at: T0 }))
  const account = h.store.get(accountKey(ALICE))!
  assert.equal(isIdle(account, T0), false)
  assert.equal(isIdle(account, T0 + 1), true)
  assert.equal(isIdle(h.store.get(TASK_KEY)!, T0 + 365 * DAY), false)
})

/** A store that freezes every value put into it: the detector must never write to a value it read back. */
class FreezingStore implements DetectionStore<DetectionStateValue> {
  readonly inner = new MemoryDetectionStore<DetectionStateValue>()
  get(key: StateKey): DetectionStateValue | undefined {
    return this.inner.get(key)
  }

  put(key: StateKey, value: DetectionStateValue): void {
    deepFreeze(value)
    this.inner.put(key, value)
  }

  delete(key: StateKey): void {
    this.inner.delete(key)
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  for (const inner of Object.values(value)) deepFreeze(inner)
  Object.freeze(value)
}

/** Runs the detector over a small generated stream (inflows delivered 16 records later) and returns its alerts; `unit` runs before each record. */
function runStream(store: DetectionStore<DetectionStateValue>, unit: (index: number) => void = () => {}): Alert[] {
  const generator = createGenerator({ seed: 11, accounts: 3_000, fraudRate: 0.02, time: { mode: 'simulated', start: new Date(T0), days: 2, count: 20_000 } })
  const detector = new FraudDetector(defaultRuleSet(), store)
  const alerts: Alert[] = []
  const inflows: [number, Parameters<FraudDetector['onInflow']>[0]][] = []
  let index = 0
  for (const record of generator) {
    index++
    unit(index)
    if (record.topic === 'account-events') {
      const parsed = parseAccountEvent(record.value)
      if (parsed.ok) alerts.push(...detector.onAccountEvent(parsed.value, record.timestamp, record.timestamp))
    } else {
      const parsed = parseTransaction(record.value)
      if (!parsed.ok) continue
      alerts.push(...detector.onTransaction(parsed.value, record.timestamp, record.timestamp))
      const inflow = detector.inflowOf(parsed.value)
      if (inflow !== undefined) inflows.push([index + 16, inflow])
    }
    while (inflows.length > 0 && inflows[0]![0] <= index) alerts.push(...detector.onInflow(inflows.shift()![1], record.timestamp))
  }
  return alerts
}

test('deterministic and copy-on-write: a generated stream gives identical alerts twice, never writing to stored values', () => {
  const first = runStream(new FreezingStore())
  const second = runStream(new MemoryDetectionStore())
  assert.ok(first.length > 20, `${first.length} alerts`)
  assert.deepEqual(first, second)
  assert.equal(new Set(first.map((a) => a.alert_id)).size, first.length, 'alert ids are unique')
  for (const alert of first) {
    assert.doesNotMatch(alert.explanation, /254\d{9}/, alert.explanation)
    assert.ok(alert.transaction_ids.includes(alert.alert_id.slice(alert.rule_id.length + 1)), alert.alert_id)
    assert.ok(alert.score >= 0 && alert.score <= 1)
  }
})

test('on the processor’s transactional store, committing every 100 records, the same alerts; an aborted transaction leaves no trace', () => {
  const expected = runStream(new MemoryDetectionStore())
  const store = new TransactionalStore<DetectionStateValue>('account-state', jsonCodec())
  const committed = runStream(store, (index) => {
    if (index % 100 === 0) store.commit()
  })
  assert.deepEqual(committed, expected)
  // Every third transaction aborted after its work: the store must be exactly as it was committed before it.
  const aborting = new TransactionalStore<DetectionStateValue>('account-state', jsonCodec())
  const snapshot = (): string => JSON.stringify([...aborting.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
  let before = ''
  let aborts = 0
  runStream(aborting, (index) => {
    if (index % 100 !== 0) return
    if (index % 300 === 0) {
      aborting.abort()
      assert.equal(snapshot(), before, `state after the abort at record ${index}`)
      aborts++
      return
    }
    aborting.commit()
    if (index % 300 === 200) before = snapshot()
  })
  assert.ok(aborts > 50)
})
