import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CaughtUpCoordinator } from '../../../src/app/caught-up-coordinator.ts'

/** Whether a promise has settled, without waiting for it. */
async function settled (promise: Promise<boolean>): Promise<boolean | 'pending'> {
  return await Promise.race([promise, new Promise<'pending'>((resolve) => { setImmediate(() => { resolve('pending') }) })])
}

test('a thread waits until every thread is caught up', async () => {
  const coordinator = new CaughtUpCoordinator(2)
  const first = coordinator.ask(0, { checkedAt: 10, lastWriteAt: 5 })
  assert.equal(await settled(first), 'pending')
  assert.equal(await coordinator.ask(1, { checkedAt: 12, lastWriteAt: 4 }), true)
  assert.equal(await first, true)
})

test('a check older than another thread\'s last write sends every thread back to work', async () => {
  const coordinator = new CaughtUpCoordinator(2)
  const first = coordinator.ask(0, { checkedAt: 10, lastWriteAt: 5 })
  // Thread 1 wrote at 11 (perhaps inflows for thread 0's partitions) after thread 0 checked at 10.
  assert.equal(await coordinator.ask(1, { checkedAt: 12, lastWriteAt: 11 }), false)
  assert.equal(await first, false)
  const again = coordinator.ask(0, { checkedAt: 20, lastWriteAt: 5 })
  assert.equal(await coordinator.ask(1, { checkedAt: 21, lastWriteAt: 11 }), true)
  assert.equal(await again, true)
  // Once decided, later questions are answered at once.
  assert.equal(await coordinator.ask(0, { checkedAt: 30, lastWriteAt: 29 }), true)
})

test('a repeated question replaces the thread\'s earlier one, and release() lets every waiting thread stop', async () => {
  const coordinator = new CaughtUpCoordinator(3)
  const stale = coordinator.ask(0, { checkedAt: 1, lastWriteAt: 0 })
  const fresh = coordinator.ask(0, { checkedAt: 2, lastWriteAt: 0 })
  assert.equal(await stale, false)
  const other = coordinator.ask(1, { checkedAt: 3, lastWriteAt: 0 })
  assert.equal(await settled(fresh), 'pending')
  coordinator.release()
  assert.equal(await fresh, true)
  assert.equal(await other, true)
})
