// The detector's state keys: MSISDNs as small integers in memory, the same text keys in the changelog.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'
import { accountKey, keyText, stateKeys } from '../../../src/detection/state-keys.ts'
import type { StateKey } from '../../../src/detection/state-keys.ts'

test('an MSISDN becomes its nine digits after 254; every other key stays text; the text comes back exactly', () => {
  assert.equal(accountKey('254712345678'), 712345678)
  assert.equal(accountKey('254110000001'), 110000001)
  assert.equal(accountKey('254999999999'), 999999999)
  for (const text of ['#task', 'agent|123456', '254012345678', '25471234567', '2547123456789', '25471234567x', '354712345678', '']) {
    assert.equal(accountKey(text), text, text)
  }
  for (const text of ['254712345678', '254110000001', '254999999999', '#task', 'agent|123456', '254012345678']) {
    assert.equal(keyText(accountKey(text)), text)
  }
})

test('a store with these keys writes text keys to its changelog and restores them to the same in-memory keys', () => {
  const store = new TransactionalStore<number, StateKey>('accounts', jsonCodec(), stateKeys)
  store.put(accountKey('254712345678'), 1)
  store.put('agent|42', 2)
  assert.deepEqual([...store.pendingChanges()], [['254712345678', 1], ['agent|42', 2]])
  const restored = new TransactionalStore<number, StateKey>('accounts', jsonCodec(), stateKeys)
  restored.restore('254712345678', Buffer.from('1'))
  restored.restore('agent|42', Buffer.from('2'))
  assert.equal(restored.get(712345678), 1)
  assert.equal(restored.get('agent|42'), 2)
  restored.restore('254712345678', null)
  assert.equal(restored.get(712345678), undefined)
  assert.equal(restored.size, 1)
})
