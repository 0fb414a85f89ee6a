// The pieces of the alert filter that need no database: account normalisation, LIKE escaping, errors and their codes.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { alertConditions, likePattern, normaliseAccount } from '../../../src/store/alert-filter.ts'
import { quotedSchema } from '../../../src/store/database.ts'
import { toStoreError } from '../../../src/store/errors.ts'

test('accounts typed in local or international form become the stored 254… form', () => {
  assert.equal(normaliseAccount('0712345678'), '254712345678')
  assert.equal(normaliseAccount('0110 345-678'), '254110345678')
  assert.equal(normaliseAccount('+254712345678'), '254712345678')
  assert.equal(normaliseAccount('254712345678'), '254712345678')
  assert.equal(normaliseAccount('522533'), '522533')
})

test('LIKE wildcards in a search are literal', () => {
  assert.equal(likePattern('50%_off\\'), '%50\\%\\_off\\\\%')
})

test('filter values travel as parameters, never in the SQL text', () => {
  const filter = { severity: 'HIGH' as const, typology: "x'; DROP TABLE alerts; --", account: '0712345678', text: 'swap', from: '2026-11-29T14:00:00.000+03:00' }
  const { conditions, params } = alertConditions(filter)
  assert.equal(conditions.length, 5)
  assert.ok(!conditions.join(' ').includes('DROP'))
  assert.deepEqual(params.slice(0, 4), [['HIGH'], ["x'; DROP TABLE alerts; --"], '254712345678', '%swap%'])
  assert.deepEqual(params[4], new Date('2026-11-29T11:00:00.000Z'))
  assert.throws(() => alertConditions({ from: 'yesterday' }), /from is not a valid time/)
  assert.throws(() => alertConditions({ status: 'CLOSED' as 'OPEN' }), /use OPEN, ACKNOWLEDGED, RESOLVED/)
})

test('schema names are plain lower-case identifiers', () => {
  assert.equal(quotedSchema('pf_test_1'), '"pf_test_1"')
  for (const bad of ['Public', '1abc', 'a"b', 'a;drop', '', 'x'.repeat(64)]) assert.throws(() => quotedSchema(bad), /is not allowed/)
})

test('driver errors are classified: connection and conflict errors retry, the rest are terminal', () => {
  const withCode = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code })
  const cases: [unknown, string, boolean][] = [
    [withCode('ECONNREFUSED'), 'STORE_UNAVAILABLE', true],
    [withCode('57P01'), 'STORE_UNAVAILABLE', true],
    [withCode('08006'), 'STORE_UNAVAILABLE', true],
    [new Error('Connection terminated unexpectedly'), 'STORE_UNAVAILABLE', true],
    [withCode('40001'), 'STORE_CONFLICT', true],
    [withCode('40P01'), 'STORE_CONFLICT', true],
    [withCode('23514'), 'STORE_QUERY_FAILED', false],
    ['a string', 'STORE_QUERY_FAILED', false]
  ]
  for (const [error, code, retryable] of cases) {
    const wrapped = toStoreError(error, 'writing')
    assert.equal(wrapped.code, code)
    assert.equal(wrapped.retryable, retryable)
    assert.match(wrapped.message, /^writing: /)
  }
})
