// The compiled (ajv) validators must give zod's verdict on every value: generated traffic with poison, and
// thousands of single-field mutations of valid records around every rule's edge.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AccountEventSchema, TransactionSchema } from '../../../src/domain/schema.ts'
import { isValidAccountEvent, isValidTransaction } from '../../../src/domain/compiled-validators.ts'
import { decodeJson } from '../../../src/domain/parse.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { VALID_TRANSACTION } from './fixtures.ts'

const VALID_EVENT = Object.freeze({ event_id: 'AB12CD34EF56', msisdn: '254712345678', event_type: 'SIM_SWAP', timestamp: '2026-11-29T14:03:07.123+03:00', market: 'Nairobi' })

const EDGE_VALUES: readonly unknown[] = [
  undefined, null, true, 0, -1, 1, 1.5, 250_000, 250_001, 10_000, 10_001, Number.MAX_SAFE_INTEGER, '', '1500', [], {},
  'KES', 'USD', 'REVERSAL', 'SEND_MONEY', 'CUSTOMER', 'AGENT', 'TILL', 'Nairobi', 'nairobi', "Murang'a", 'APP', 'SUCCESS', 'FAILED',
  '254712345678', '254112345678', '254812345678', '25471234567', '12345', '1234567', '12345678', '0712345678',
  'UKT4ZQ81XM', 'ukt4zq81xm', 'UKT4ZQ81X', 'UMT4ZQ81XM', 'AB12CD34EF56',
  '2026-11-29T14:03:07.123+03:00', '2026-02-29T10:00:00.000+03:00', '2028-02-29T10:00:00.000+03:00', '2026-04-31T10:00:00.000+03:00',
  '2026-11-29T14:03:07.123Z', '2026-11-29T24:00:00.000+03:00', '2026-11-29 14:03:07.123+03:00'
]

function mutations(base: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ ...base }, { ...base, extra_field: 'kept' }]
  for (const field of [...Object.keys(base), 'reverses']) {
    for (const value of EDGE_VALUES) {
      const record: Record<string, unknown> = { ...base }
      if (value === undefined) delete record[field]
      else record[field] = value
      out.push(record)
    }
  }
  return out
}

function assertSameVerdicts(values: readonly unknown[], fast: (v: unknown) => boolean, zod: { safeParse: (v: unknown) => { success: boolean } }): number {
  let valid = 0
  for (const value of values) {
    const expected = zod.safeParse(value).success
    assert.equal(fast(value), expected, `verdicts differ on ${JSON.stringify(value)}`)
    if (expected) valid++
  }
  return valid
}

test('transactions: the compiled validator agrees with zod on every single-field mutation, reversals included', () => {
  const reversal = { ...VALID_TRANSACTION, transaction_type: 'REVERSAL', reverses: 'UKT4ZQ81XA' }
  const agent = { ...VALID_TRANSACTION, transaction_type: 'WITHDRAW', receiver: '123456', receiver_type: 'AGENT' }
  const values = [...mutations(VALID_TRANSACTION), ...mutations(reversal), ...mutations(agent), null, 1, 'x', []]
  const valid = assertSameVerdicts(values, isValidTransaction, TransactionSchema)
  assert.ok(valid > 20 && valid < values.length - 500, `both accept some and reject most: ${valid} of ${values.length}`)
})

test('account events: the compiled validator agrees with zod on every single-field mutation', () => {
  const values = mutations(VALID_EVENT)
  const valid = assertSameVerdicts(values, isValidAccountEvent, AccountEventSchema)
  assert.ok(valid > 5 && valid < values.length - 100)
})

test('generated traffic with poison: the same verdict as zod on every record', () => {
  const generator = createGenerator({ seed: 31, accounts: 5_000, fraudRate: 0.01, poisonRate: 0.02, time: { mode: 'simulated', start: new Date('2026-11-10T00:00:00.000+03:00'), days: 1, count: 20_000 } })
  const transactions: unknown[] = []
  const events: unknown[] = []
  for (const record of generator) {
    const decoded = decodeJson(record.value)
    if (!decoded.ok) continue
    if (record.topic === 'account-events') events.push(decoded.value)
    else transactions.push(decoded.value)
  }
  const valid = assertSameVerdicts(transactions, isValidTransaction, TransactionSchema)
  assert.ok(valid > 19_000 && valid < transactions.length, `poison is rejected, traffic accepted: ${valid} of ${transactions.length}`)
  assert.equal(assertSameVerdicts(events, isValidAccountEvent, AccountEventSchema), events.length)
})
