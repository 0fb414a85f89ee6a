// Tests the compact state pieces: receipt ids as numbers, the recent-activity ring (horizons, cap), payee memory, home vote, type index.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TRANSACTION_TYPES } from '../../../src/domain/transaction-types.ts'
import { typeIndex } from '../../../src/detection/context.ts'
import { CREDIT, INFLOW, LARGE, RING_CAP, RING_STRIDE, isOutflow, outflowCode, outflowFailed, outflowType, ringAppend, ringHas } from '../../../src/detection/ring.ts'
import { PAYEE_CAP, newAccountState, partyHash, rememberPayee, voteHome } from '../../../src/detection/state.ts'
import { idNumber, idText } from '../../../src/detection/tx-id.ts'

test('receipt ids round-trip through numbers exactly, the largest included', () => {
  for (const id of ['UKAYU3NJLM', 'AA10000000', 'ZLVZZZZZZZ', 'UKA0000001']) {
    assert.ok(Number.isSafeInteger(idNumber(id)), id)
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

test('ringAppend drops entries past their kind’s horizon, keeps large outflows longer, and caps the length', () => {
  const h = { outflow: 100, large: 50, inflow: 90 }
  let ring: number[] = []
  ring = ringAppend(ring, { outflow: 0, large: 0, inflow: 0 }, 40, 1, 7, outflowCode(0, false, false, false), 11)
  ring = ringAppend(ring, { outflow: 0, large: 0, inflow: 0 }, 60, 2, 7, outflowCode(0, false, true, false), 12)
  ring = ringAppend(ring, { outflow: 0, large: 0, inflow: 0 }, 80, 3, 7, INFLOW, 13)
  ring = ringAppend(ring, h, 120, 4, 7, CREDIT, 14)
  assert.deepEqual(ring, [60, 2, 7, LARGE, 12, 120, 4, 7, CREDIT, 14])
  assert.ok(ringHas(ring, 14) && !ringHas(ring, 11))
  let full: number[] = []
  for (let i = 0; i < RING_CAP + 5; i++) full = ringAppend(full, h, 1_000 + i, i, 0, INFLOW, i)
  assert.equal(full.length, RING_CAP * RING_STRIDE)
  assert.equal(full[4], 5, 'the oldest entries went first')
})

test('rememberPayee keeps the most recent distinct payees, most recent last', () => {
  let payees: readonly number[] = []
  for (let i = 0; i < PAYEE_CAP + 3; i++) payees = rememberPayee(payees, i)
  assert.deepEqual(payees, Array.from({ length: PAYEE_CAP }, (_, i) => i + 3))
  payees = rememberPayee(payees, 5)
  assert.equal(payees.at(-1), 5)
  assert.equal(payees.length, PAYEE_CAP)
  assert.equal(payees.filter((p) => p === 5).length, 1)
})

test('the home county is the majority of the account’s transaction counties', () => {
  const state = newAccountState(0)
  for (const county of [46, 46, 0, 46, 12, 46]) voteHome(state, county)
  assert.equal(state.home_county, 46)
  assert.equal(partyHash('254712345678'), partyHash('254712345678'))
  assert.ok(partyHash('254712345678') >= 0 && partyHash('254712345678') < 2 ** 31)
})
