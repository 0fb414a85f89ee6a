// The transactional store: pending writes deduplicated per key, folded in on commit, dropped on abort.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TransactionalStore, jsonCodec } from '../../../src/engine/state/transactional-store.ts'

test('reads see pending writes; one pending change per key however often it is written', () => {
  const store = new TransactionalStore<{ n: number }>('s', jsonCodec())
  for (let n = 1; n <= 100; n++) store.put('a', { n })
  store.put('b', { n: 7 })
  assert.deepEqual(store.get('a'), { n: 100 })
  assert.deepEqual([...store.pendingChanges()], [['a', { n: 100 }], ['b', { n: 7 }]])
  assert.equal(store.size, 0)
  store.commit()
  assert.equal(store.size, 2)
  assert.equal(store.pendingCount, 0)
})

test('abort drops pending writes and deletions; the committed state is untouched', () => {
  const store = new TransactionalStore<number>('s', jsonCodec())
  store.put('a', 1)
  store.commit()
  store.put('a', 2)
  store.delete('a')
  store.put('c', 3)
  assert.equal(store.get('a'), undefined)
  store.abort()
  assert.equal(store.get('a'), 1)
  assert.equal(store.get('c'), undefined)
})

test('a deletion of a committed key is a tombstone; deleting an uncommitted new key leaves no change', () => {
  const store = new TransactionalStore<number>('s', jsonCodec())
  store.put('a', 1)
  store.commit()
  store.delete('a')
  store.put('x', 5)
  store.delete('x')
  assert.deepEqual([...store.pendingChanges()], [['a', undefined]])
})

test('restore loads changelog bytes, tombstones remove; expire deletes idle entries through pending changes', () => {
  const store = new TransactionalStore<{ seen: number }>('s', jsonCodec())
  store.restore('a', Buffer.from('{"seen":1}'))
  store.restore('b', Buffer.from('{"seen":50}'))
  store.restore('c', Buffer.from('{"seen":2}'))
  store.restore('c', null)
  assert.equal(store.size, 2)
  assert.equal(store.expire((v) => v.seen < 10), 1)
  assert.deepEqual([...store.pendingChanges()], [['a', undefined]])
  store.commit()
  assert.deepEqual([...store.entries()], [['b', { seen: 50 }]])
})
