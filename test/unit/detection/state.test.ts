// Tests the compact state pieces: receipt ids as numbers, the account array (flags, sections, ring horizons and cap), payee memory, home vote, old layouts.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TRANSACTION_TYPES } from '../../../src/domain/transaction-types.ts'
import { typeIndex } from '../../../src/detection/context.ts'
import { CREDIT, INFLOW, LARGE, RING_CAP, RING_STRIDE, isOutflow, outflowCode, outflowFailed, outflowType, ringHas } from '../../../src/detection/ring.ts'
import {
  ACCOUNT, AGENT, ANOMALY_SIZE, FIRED_SIZE, FIRST, HEADER, LEVEL, PAYEE_CAP, SEEN, TASK, agentCounty, anomalyStart, eventType, firedAt, firedStart, homeCounty,
  isIdle, kindOf, knowsPayee, packFlags, partyHash, payeeCount, ringStart, unpackFlags, upgrade
} from '../../../src/detection/state.ts'
import type { AccountFlags, DetectionStateValue } from '../../../src/detection/state.ts'
import { idNumber, idText } from '../../../src/detection/tx-id.ts'
import { AccountDraft } from '../../../src/detection/updates.ts'

test('receipt ids round-trip through numbers exactly, the largest included', () => {
  for (const id of ['UKAYU3NJLM', 'AA10000000', 'ZLVZZZZZZZ', 'UKA0000001', 'ZZZZZZZZZZ']) {
    assert.ok(Number.isSafeInteger(idNumber(id)), id)
    assert.equal(idNumber(id), Number.parseInt(id, 36), id)
    assert.equal(idText(idNumber(id)), id)
  }
})

test('typeIndex follows TRANSACTION_TYPES', () => {
  assert.deepEqual(TRANSACTION_TYPES.map(typeIndex), TRANSACTION_TYPES.map((_, i) => i))
})

test('ring codes: outflow type, failure and flags; inflows and credits are not outflows', () => {
  const code = outflowCode(3, true, true, false)
  assert.deepEqual([outflowType(code), outflowFailed(code), (code & LARGE) !== 0, isOutflow(code)], [3, true, true, true])
  assert.deepEqual([isOutflow(INFLOW), isOutflow(CREDIT)], [false, false])
})

test('the small fields pack into element 0 and back, the kind kept in its low bits', () => {
  const flags: AccountFlags = { payeeCount: 12, hasFired: true, hasAnomaly: true, homeVotes: 8, homeCounty: 46, agentCounty: -1, eventType: 2 }
  const value = [packFlags(flags)]
  const back: AccountFlags = { payeeCount: 0, hasFired: false, hasAnomaly: false, homeVotes: 0, homeCounty: 0, agentCounty: 0, eventType: 0 }
  unpackFlags(value, back)
  assert.deepEqual(back, flags)
  assert.ok(Number.isSafeInteger(value[0]) && value[0]! < 2 ** 27)
  assert.deepEqual([kindOf(value), homeCounty(value), agentCounty(value), eventType(value), payeeCount(value)], [ACCOUNT, 46, -1, 2, 12])
})

const NO_HORIZON = { outflow: 0, large: 0, inflow: 0 }

/** The ring part of an account value. */
const ringOf = (account: readonly number[]): number[] => account.slice(ringStart(account))

test('the ring drops entries past their kind’s horizon when one is added, keeps large outflows longer, and caps the length', () => {
  const draft = new AccountDraft()
  let account = draft.load(undefined, 40).build()
  const add = (time: number, code: number, id: number, h = NO_HORIZON): void => {
    draft.load(account, time).append(time, id, 7, code, id, h)
    account = draft.build()
  }
  add(40, outflowCode(0, false, false, false), 11)
  add(60, outflowCode(0, false, true, false), 12)
  add(80, INFLOW, 13)
  add(120, CREDIT, 14, { outflow: 100, large: 50, inflow: 90 })
  assert.deepEqual(ringOf(account), [60, 12, 7, LARGE, 12, 120, 14, 7, CREDIT, 14])
  assert.ok(ringHas(account, ringStart(account), 14) && !ringHas(account, ringStart(account), 11))
  assert.deepEqual([account[FIRST], account[SEEN]], [40, 120])
  for (let i = 0; i < RING_CAP + 5; i++) add(1_000 + i, INFLOW, 100 + i, { outflow: 100, large: 50, inflow: 90 })
  assert.equal(ringOf(account).length, RING_CAP * RING_STRIDE)
  assert.equal(ringOf(account)[4], 105, 'the oldest entries went first')
  assert.equal(account.length, HEADER + RING_CAP * RING_STRIDE, 'an exact-size array')
})

test('recent payees: the most recent distinct ones, most recent last, at most PAYEE_CAP', () => {
  const draft = new AccountDraft().load(undefined, 0)
  for (let i = 0; i < PAYEE_CAP + 3; i++) draft.rememberPayee(i)
  let account = draft.build()
  assert.deepEqual(account.slice(HEADER, HEADER + payeeCount(account)), Array.from({ length: PAYEE_CAP }, (_, i) => i + 3))
  draft.load(account, 1).rememberPayee(5)
  account = draft.build()
  assert.equal(account[HEADER + PAYEE_CAP - 1], 5)
  assert.equal(payeeCount(account), PAYEE_CAP)
  assert.ok(knowsPayee(account, 5) && knowsPayee(account, 14) && !knowsPayee(account, 2))
})

test('sections: alert times and a pending anomaly come and go without disturbing the ring', () => {
  const draft = new AccountDraft().load(undefined, 0)
  draft.append(0, 500, 1, outflowCode(0, false, false, false), 99, NO_HORIZON)
  draft.rememberPayee(1)
  const plain = draft.build()
  assert.deepEqual([firedStart(plain), anomalyStart(plain)], [-1, -1])
  assert.equal(firedAt(plain, 2), Number.NEGATIVE_INFINITY)
  draft.load(plain, 10).markFired(2, 10)
  draft.setAnomaly(10, 9_000, 30, 77, 0)
  const both = draft.build()
  assert.deepEqual([firedStart(both), anomalyStart(both), ringStart(both)], [HEADER + 1, HEADER + 1 + FIRED_SIZE, HEADER + 1 + FIRED_SIZE + ANOMALY_SIZE])
  assert.equal(firedAt(both, 2), 10)
  assert.deepEqual(ringOf(both), ringOf(plain))
  draft.load(both, 20).hasAnomaly = false
  const done = draft.build()
  assert.deepEqual([anomalyStart(done), firedAt(done, 2), ringOf(done)], [-1, 10, ringOf(plain)])
})

test('the home county is the majority of the account’s transaction counties', () => {
  const draft = new AccountDraft().load(undefined, 0)
  for (const county of [46, 46, 0, 46, 12, 46]) draft.voteHome(county)
  assert.equal(homeCounty(draft.build()), 46)
  assert.equal(partyHash('254712345678'), partyHash('254712345678'))
  assert.ok(partyHash('254712345678') >= 0 && partyHash('254712345678') < 2 ** 31)
})

test('values of the first layout (objects in an older changelog) are read in the current layout', () => {
  const legacy = {
    kind: 'account', first: 5, seen: 50, last_tx: 40, n: 7, level: 0.25, payees: [3, 4], recent: [40, 500, 4, 0, 123],
    event_time: 30, event_type: 1, agent_time: 20, agent_county: 9, agent_tx: 456, home_county: 12, home_votes: 3,
    anomaly_time: -1, anomaly_amount: 0, anomaly_ratio: 0, anomaly_tx: 0, fired: []
  } as unknown as DetectionStateValue
  const account = upgrade(legacy)!
  assert.equal(kindOf(account), ACCOUNT)
  assert.deepEqual([account[FIRST], account[SEEN], account[LEVEL], homeCounty(account), agentCounty(account), eventType(account)], [5, 50, 0.25, 12, 9, 1])
  assert.ok(knowsPayee(account, 4) && !knowsPayee(account, 5))
  assert.deepEqual(ringOf(account), [40, 500, 4, 0, 123])
  assert.deepEqual(upgrade({ kind: 'task', since: 1, baseline: [2, 3] } as unknown as DetectionStateValue), [TASK, 1, 2, 3])
  assert.deepEqual(upgrade({ kind: 'agent', seen: 9, deposits: [1, 2, 3, 0, 4] } as unknown as DetectionStateValue), [AGENT, 9, 1, 2, 3, 0, 4])
  assert.equal(upgrade({ kind: 'account', seen: 1 } as unknown as DetectionStateValue), undefined, 'an older layout still is none')
  assert.equal(isIdle(legacy, 51), true)
})
