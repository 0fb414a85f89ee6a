// How errors become HTTP answers: store codes to statuses, framework 4xx kept, server faults never leak details.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { errorReply, HttpError, parseInput } from '../../../src/dashboard/http-errors.ts'
import { StoreError } from '../../../src/store/store.ts'

test('store codes map to 404, 409, 400 and 503 with their message', () => {
  assert.deepEqual(errorReply(new StoreError('ALERT_NOT_FOUND', 'Alert A does not exist.')), { status: 404, body: { code: 'ALERT_NOT_FOUND', message: 'Alert A does not exist.' } })
  assert.equal(errorReply(new StoreError('TRIAGE_TRANSITION_REFUSED', 'x')).status, 409)
  assert.equal(errorReply(new StoreError('STORE_QUERY_INVALID', 'x')).status, 400)
  assert.deepEqual(errorReply(new StoreError('STORE_UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.5:5432')),
    { status: 503, body: { code: 'STORE_UNAVAILABLE', message: 'The alert store failed; see the server log.' } })
  assert.equal(errorReply(new StoreError('STORE_QUERY_FAILED', 'syntax')).status, 500)
})

test('phone numbers in error messages are masked', () => {
  assert.equal(errorReply(new HttpError('INVALID_REQUEST', 'bad account 254712345678')).body.message, 'bad account 2547****5678')
})

test('framework client errors keep their status and code; anything else is a bare 500', () => {
  const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
  assert.deepEqual(errorReply(tooLarge), { status: 413, body: { code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' } })
  assert.deepEqual(errorReply(new Error('secret internals')), { status: 500, body: { code: 'INTERNAL', message: 'Internal error; see the server log.' } })
  assert.equal(errorReply(Object.assign(new Error('x'), { statusCode: 502 })).status, 500)
})

test('parseInput names every bad field in one 400', () => {
  const schema = z.strictObject({ limit: z.number().max(5), name: z.string() })
  assert.deepEqual(parseInput(schema, { limit: 3, name: 'a' }, 'query'), { limit: 3, name: 'a' })
  assert.throws(() => parseInput(schema, { limit: 9, extra: 1 }, 'query'), (error: unknown) => {
    assert.ok(error instanceof HttpError)
    assert.equal(error.statusCode, 400)
    assert.equal(error.message, 'Invalid query: limit: Too big: expected number to be <=5; name: Invalid input: expected string, received undefined; (value): Unrecognized key: "extra".')
    return true
  })
})
