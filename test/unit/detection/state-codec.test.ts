// Tests the state's changelog codec: exact round trips of every value a generated stream leaves (and of extreme numbers), JSON still read, fewer bytes.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAccountEvent, parseTransaction } from '../../../src/domain/parse.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { FraudDetector } from '../../../src/detection/detector.ts'
import { defaultRuleSet } from '../../../src/detection/rule-set.ts'
import { decodeState, encodeState } from '../../../src/detection/state-codec.ts'
import { MemoryDetectionStore } from '../../../src/detection/state.ts'
import type { DetectionStateValue } from '../../../src/detection/state.ts'
import { T0 } from './fixtures.ts'

function sameNumbers(actual: DetectionStateValue, expected: readonly number[]): boolean {
  return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => Object.is(actual[i], x === 0 ? 0 : x))
}

test('every state value of a generated stream round-trips exactly, in about half the bytes of its JSON', () => {
  const store = new MemoryDetectionStore<DetectionStateValue>()
  const detector = new FraudDetector(defaultRuleSet(), store)
  const generator = createGenerator({ seed: 3, accounts: 2_000, fraudRate: 0.02, time: { mode: 'simulated', start: new Date(T0), days: 2, count: 10_000 } })
  for (const record of generator) {
    if (record.topic === 'account-events') {
      const parsed = parseAccountEvent(record.value)
      if (parsed.ok) detector.onAccountEvent(parsed.value, record.timestamp, record.timestamp)
      continue
    }
    const parsed = parseTransaction(record.value)
    if (!parsed.ok) continue
    detector.onTransaction(parsed.value, record.timestamp, record.timestamp)
    const inflow = detector.inflowOf(parsed.value)
    if (inflow !== undefined) detector.onInflow(inflow, record.timestamp)
  }
  let binary = 0
  let json = 0
  for (const value of store.map.values()) {
    const bytes = encodeState(value)
    assert.ok(sameNumbers(decodeState(bytes), value as readonly number[]), JSON.stringify(value))
    binary += bytes.length
    json += JSON.stringify(value).length
  }
  assert.ok(store.size > 1_000)
  assert.ok(binary < 0.6 * json, `${binary} bytes against ${json} in JSON`)
})

test('extreme numbers round-trip exactly: limits of the integer form, fractions, infinities, NaN', () => {
  const value = [0, -1, 1, 127, 128, 2 ** 32 - 1, 2 ** 32, -(2 ** 32), 2 ** 52 - 1, -(2 ** 52) + 1, 2 ** 52, -(2 ** 52), 2 ** 53, 36 ** 10 - 1, 0.1, -2.5e-300, 1e300, Infinity, -Infinity, Number.NaN]
  assert.ok(sameNumbers(decodeState(encodeState(value)), value))
  for (let i = 0; i < 2_000; i++) {
    const x = Math.floor((i % 2 === 0 ? 1 : -1) * 2 ** ((i * 53) / 2_000) + i)
    assert.deepEqual(decodeState(encodeState([x])), [x])
  }
})

test('JSON values (what a JSON codec wrote, either layout) are still read', () => {
  const array = [1, 1785943205150, 0.25]
  assert.deepEqual(decodeState(Buffer.from(JSON.stringify(array))), array)
  const legacy = { kind: 'task', since: 5, baseline: [1, 2] }
  assert.deepEqual(decodeState(Buffer.from(JSON.stringify(legacy))), legacy)
  assert.deepEqual(decodeState(encodeState(legacy as unknown as DetectionStateValue)), legacy)
})
