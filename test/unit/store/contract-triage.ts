// Triage's contract on any engine: the allowed transitions, the refusals with their codes, and the recorded history.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { acknowledge, alertById, applyBatch, resolve, StoreError, type StoreErrorCode } from '../../../src/store/store.ts'
import { alertFixture } from './fixtures.ts'
import { withStore, type StoreFixture } from './store-fixture.ts'

const withCode = (code: StoreErrorCode) => (error: unknown): boolean => error instanceof StoreError && error.code === code

const T1 = new Date('2026-11-29T11:00:00.000Z')
const T2 = new Date('2026-11-29T11:30:00.000Z')

export function triageContract (fixture: StoreFixture): void {
  describe(`triage on ${fixture.engine}`, () => {
    const ids = [0, 1, 2].map((n) => alertFixture(n).alert_id)
    const seed = { alerts: [0, 1, 2].map((n) => alertFixture(n)), aggregates: [], offsets: [] }

    test('OPEN → ACKNOWLEDGED → RESOLVED records who and when, with the history in order', () => withStore(fixture, async (db) => {
      await applyBatch(db, 'sink', seed)
      const id = ids[0] as string
      assert.deepEqual(await acknowledge(db, id, ' otieno ', T1), { alertId: id, from: 'OPEN', to: 'ACKNOWLEDGED', by: 'otieno', at: T1 })
      assert.deepEqual(await resolve(db, id, 'akinyi', 'customer confirmed the transfer', T2),
        { alertId: id, from: 'ACKNOWLEDGED', to: 'RESOLVED', by: 'akinyi', at: T2 })
      const alert = await alertById(db, id)
      assert.equal(alert?.status, 'RESOLVED')
      assert.equal(alert?.triaged_by, 'akinyi')
      assert.equal(alert?.triaged_at, '2026-11-29T14:30:00.000+03:00')
      assert.equal(alert?.note, 'customer confirmed the transfer')
      assert.deepEqual(alert?.history, [
        { from_status: 'OPEN', to_status: 'ACKNOWLEDGED', by: 'otieno', at: '2026-11-29T14:00:00.000+03:00', note: null },
        { from_status: 'ACKNOWLEDGED', to_status: 'RESOLVED', by: 'akinyi', at: '2026-11-29T14:30:00.000+03:00', note: 'customer confirmed the transfer' }
      ])
    }))

    test('OPEN → RESOLVED directly is allowed', () => withStore(fixture, async (db) => {
      await applyBatch(db, 'sink', seed)
      const result = await resolve(db, ids[1] as string, 'otieno', undefined, T1)
      assert.equal(result.from, 'OPEN')
      assert.equal((await alertById(db, ids[1] as string))?.note, null)
    }))

    test('other transitions are refused and change nothing', () => withStore(fixture, async (db) => {
      await applyBatch(db, 'sink', seed)
      const [open, acked, resolved] = ids as [string, string, string]
      await acknowledge(db, acked, 'otieno', T1)
      await resolve(db, resolved, 'otieno', 'false positive', T1)
      await assert.rejects(acknowledge(db, acked, 'akinyi', T2), withCode('TRIAGE_TRANSITION_REFUSED'))
      await assert.rejects(acknowledge(db, resolved, 'akinyi', T2), /is RESOLVED; it can become ACKNOWLEDGED only from OPEN/)
      await assert.rejects(resolve(db, resolved, 'akinyi', 'again', T2), withCode('TRIAGE_TRANSITION_REFUSED'))
      const unchanged = await alertById(db, resolved)
      assert.equal(unchanged?.triaged_by, 'otieno')
      assert.equal(unchanged?.note, 'false positive')
      assert.equal(unchanged?.history.length, 1)
      assert.equal((await alertById(db, acked))?.history.length, 1)
      assert.equal((await alertById(db, open))?.status, 'OPEN')
    }))

    test('an unknown alert is not found; an empty analyst name or an oversized note is refused', () => withStore(fixture, async (db) => {
      await applyBatch(db, 'sink', seed)
      await assert.rejects(acknowledge(db, 'HV-1:NOPE', 'otieno'), withCode('ALERT_NOT_FOUND'))
      await assert.rejects(resolve(db, 'HV-1:NOPE', 'otieno'), withCode('ALERT_NOT_FOUND'))
      await assert.rejects(acknowledge(db, ids[0] as string, '   '), withCode('STORE_QUERY_INVALID'))
      await assert.rejects(resolve(db, ids[0] as string, 'otieno', 'x'.repeat(4001)), withCode('STORE_QUERY_INVALID'))
      assert.equal((await alertById(db, ids[0] as string))?.status, 'OPEN')
    }))

    test('two analysts acknowledging at once: exactly one succeeds', () => withStore(fixture, async (db) => {
      await applyBatch(db, 'sink', seed)
      const results = await Promise.allSettled([acknowledge(db, ids[2] as string, 'otieno', T1), acknowledge(db, ids[2] as string, 'akinyi', T1)])
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
      assert.equal(results.filter((r) => r.status === 'rejected' && withCode('TRIAGE_TRANSITION_REFUSED')(r.reason)).length, 1)
      assert.equal((await alertById(db, ids[2] as string))?.history.length, 1)
    }))
  })
}
