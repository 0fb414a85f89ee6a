// The alert API over a real (in-memory PGlite) store: search with filters and pages, masked rows, the full detail,
// triage with its refusals, and a clear 4xx for every bad input.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { applyBatch, openStore, type AlertListItem, type Database } from '../../../src/store/store.ts'
import { alertDataset, alertFixture } from '../store/fixtures.ts'
import { testServer, type TestServer } from './helpers.ts'

interface Page { items: AlertListItem[]; nextCursor?: string }
interface ErrorBody { code: string; message: string }

describe('alert routes', () => {
  let db: Database
  let t: TestServer

  before(async () => {
    db = await openStore()
    t = testServer({ store: db })
  })
  after(async () => {
    await t?.server.close()
    await db?.close()
  })
  beforeEach(async () => {
    await db.exec('TRUNCATE alert_triage_events, alerts, hourly_aggregates, sink_offsets RESTART IDENTITY')
    await applyBatch(db, 'sink', { alerts: alertDataset(), aggregates: [], offsets: [] })
  })

  const get = (url: string) => t.server.app.inject({ url })
  const post = (url: string, payload: unknown) => t.server.app.inject({ method: 'POST', url, payload: payload as object })

  test('the list is newest first, 50 by default, with masked accounts and explanations', async () => {
    const response = await get('/api/alerts')
    assert.equal(response.statusCode, 200)
    const page = response.json<Page>()
    assert.equal(page.items.length, 30)
    assert.equal(page.nextCursor, undefined)
    assert.equal(page.items[0]?.event_time, '2026-11-29T14:29:05.123+03:00')
    assert.equal(page.items[0]?.account_masked, '2547****0004')
    assert.equal(response.body.includes('254712000004'), false)
  })

  test('filters combine: repeated or comma-separated lists, status, account in 07… form, text, time range', async () => {
    const bySeverity = (await get('/api/alerts?severity=CRITICAL&severity=HIGH&limit=100')).json<Page>()
    assert.equal(bySeverity.items.length, 14)
    assert.deepEqual((await get('/api/alerts?severity=CRITICAL,HIGH')).json<Page>().items.length, 14)
    const account = (await get('/api/alerts?account=0712000002')).json<Page>()
    assert.deepEqual(account.items.map((i) => i.alert_id), [27, 22, 17, 12, 7, 2].map((n) => alertDataset()[n]?.alert_id))
    const text = (await get('/api/alerts?text=50%25%20of%20balance')).json<Page>()
    assert.equal(text.items.length, 3)
    const range = (await get('/api/alerts?from=2026-11-29T14:10:00%2B03:00&to=2026-11-29T14:20:00%2B03:00')).json<Page>()
    assert.equal(range.items.length, 10)
    const combined = (await get('/api/alerts?typology=STRUCTURING&status=OPEN&severity=')).json<Page>()
    assert.equal(combined.items.length, 10)
  })

  test('pages follow the cursor without gaps or repeats', async () => {
    const first = (await get('/api/alerts?limit=12')).json<Page>()
    const second = (await get(`/api/alerts?limit=12&cursor=${first.nextCursor ?? ''}`)).json<Page>()
    const third = (await get(`/api/alerts?limit=12&cursor=${second.nextCursor ?? ''}`)).json<Page>()
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.alert_id)
    assert.equal(third.nextCursor, undefined)
    assert.equal(ids.length, 30)
    assert.equal(new Set(ids).size, 30)
  })

  test('bad filters are a 400 naming the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/alerts?severity=URGENT', 'INVALID_REQUEST', /severity\.0: Invalid option/],
      ['/api/alerts?status=CLOSED', 'INVALID_REQUEST', /status\.0: Invalid option/],
      ['/api/alerts?typology=SMURFING', 'INVALID_REQUEST', /typology\.0: Invalid option: expected one of "SIM_SWAP_TAKEOVER"/],
      ['/api/alerts?limit=0', 'INVALID_REQUEST', /limit: Too small/],
      ['/api/alerts?limit=501', 'INVALID_REQUEST', /limit: Too big/],
      ['/api/alerts?limit=ten', 'INVALID_REQUEST', /limit: Invalid input: expected number/],
      ['/api/alerts?from=yesterday', 'INVALID_REQUEST', /from: must be an ISO-8601 time/],
      ['/api/alerts?account=DROP%20TABLE', 'INVALID_REQUEST', /account: must be a phone number/],
      ['/api/alerts?colour=red', 'INVALID_REQUEST', /Unrecognized key: "colour"/],
      ['/api/alerts?text=a&text=b', 'INVALID_REQUEST', /text: Invalid input: expected string/],
      ['/api/alerts?cursor=not-a-cursor', 'STORE_QUERY_INVALID', /The page cursor is not one this store returned/]
    ]
    for (const [url, code, message] of cases) {
      const response = await get(url)
      assert.equal(response.statusCode, 400, url)
      const body = response.json<ErrorBody>()
      assert.equal(body.code, code, url)
      assert.match(body.message, message, url)
    }
  })

  test('counts by status, severity and typology honour the filters', async () => {
    const all = (await get('/api/alerts/counts')).json<{ total: number; byStatus: Record<string, number>; byTypology: { typology: string; total: number }[] }>()
    assert.equal(all.total, 30)
    assert.deepEqual(all.byStatus, { OPEN: 30, ACKNOWLEDGED: 0, RESOLVED: 0 })
    assert.deepEqual(all.byTypology.map((t) => [t.typology, t.total]), [['HIGH_VALUE_TRANSFER', 10], ['SIM_SWAP_TAKEOVER', 10], ['STRUCTURING', 10]])
    assert.equal((await get('/api/alerts/counts?severity=LOW')).json<{ total: number }>().total, 8)
    assert.equal((await get('/api/alerts/counts?limit=5')).statusCode, 400)
  })

  test('the detail shows the full account, transactions and history; an unknown id is a 404', async () => {
    const id = alertFixture(3).alert_id
    const response = await get(`/api/alerts/${encodeURIComponent(id)}`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['cache-control'], 'no-store')
    const detail = response.json<{ account: string; transaction_ids: string[]; history: unknown[]; status: string }>()
    assert.equal(detail.account, '254712000003')
    assert.deepEqual(detail.transaction_ids, ['SLK0000003'])
    assert.deepEqual(detail.history, [])
    const missing = await get('/api/alerts/HV-1%3ANOPE')
    assert.equal(missing.statusCode, 404)
    assert.deepEqual(missing.json(), { code: 'ALERT_NOT_FOUND', message: 'Alert HV-1:NOPE does not exist.' })
    assert.equal((await get(`/api/alerts/${'x'.repeat(201)}`)).statusCode, 400)
  })

  test('acknowledge then resolve with a note; the store and the detail agree', async () => {
    const id = alertFixture(5).alert_id
    const url = `/api/alerts/${encodeURIComponent(id)}`
    const ack = await post(`${url}/acknowledge`, { by: ' Wanjiku ' })
    assert.equal(ack.statusCode, 200)
    const acked = ack.json<{ alert_id: string; from: string; status: string; triaged_by: string; triaged_at: string }>()
    assert.deepEqual([acked.alert_id, acked.from, acked.status, acked.triaged_by], [id, 'OPEN', 'ACKNOWLEDGED', 'Wanjiku'])
    assert.match(acked.triaged_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+03:00$/)
    const resolved = await post(`${url}/resolve`, { by: 'Otieno', note: 'customer confirmed' })
    assert.equal(resolved.statusCode, 200)
    assert.equal(resolved.json<{ from: string }>().from, 'ACKNOWLEDGED')
    const detail = (await get(url)).json<{ status: string; note: string; history: { by: string; to_status: string }[] }>()
    assert.equal(detail.status, 'RESOLVED')
    assert.equal(detail.note, 'customer confirmed')
    assert.deepEqual(detail.history.map((h) => [h.by, h.to_status]), [['Wanjiku', 'ACKNOWLEDGED'], ['Otieno', 'RESOLVED']])
  })

  test('refused transitions are 409, unknown alerts 404, bad bodies 400', async () => {
    const id = encodeURIComponent(alertFixture(6).alert_id)
    assert.equal((await post(`/api/alerts/${id}/resolve`, { by: 'a' })).statusCode, 200)
    const again = await post(`/api/alerts/${id}/acknowledge`, { by: 'b' })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json<ErrorBody>().code, 'TRIAGE_TRANSITION_REFUSED')
    assert.match(again.json<ErrorBody>().message, /is RESOLVED; it can become ACKNOWLEDGED only from OPEN/)
    const unknown = await post('/api/alerts/NOPE/acknowledge', { by: 'b' })
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.json<ErrorBody>().code, 'ALERT_NOT_FOUND')

    const other = encodeURIComponent(alertFixture(7).alert_id)
    const bodies: [unknown, RegExp][] = [
      [{}, /by: Invalid input: expected string/],
      [{ by: '   ' }, /by: Too small/],
      [{ by: 'x'.repeat(201) }, /by: Too big/],
      [{ by: 'a', note: 'acknowledge takes no note' }, /Unrecognized key: "note"/],
      [[1, 2], /must be a JSON object/]
    ]
    for (const [body, message] of bodies) {
      const response = await post(`/api/alerts/${other}/acknowledge`, body)
      assert.equal(response.statusCode, 400, JSON.stringify(body))
      assert.match(response.json<ErrorBody>().message, message)
    }
    const longNote = await post(`/api/alerts/${other}/resolve`, { by: 'a', note: 'n'.repeat(4001) })
    assert.match(longNote.json<ErrorBody>().message, /note: Too big/)
    const noBody = await t.server.app.inject({ method: 'POST', url: `/api/alerts/${other}/acknowledge` })
    assert.equal(noBody.statusCode, 400)
    const notJson = await t.server.app.inject({ method: 'POST', url: `/api/alerts/${other}/acknowledge`, headers: { 'content-type': 'application/json' }, payload: '{by:' })
    assert.equal(notJson.statusCode, 400)
    assert.equal(notJson.json<ErrorBody>().code, 'FST_ERR_CTP_INVALID_JSON_BODY')
    const tooLarge = await post(`/api/alerts/${other}/resolve`, { by: 'a', note: 'n'.repeat(20_000) })
    assert.equal(tooLarge.statusCode, 413)
    assert.equal((await db.query<{ status: string }>('SELECT status FROM alerts WHERE alert_id = $1', [alertFixture(7).alert_id]))[0]?.status, 'OPEN')
  })
})
