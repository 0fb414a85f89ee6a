// Validating parsers for the values the sink consumes (mpesa-alerts, mpesa-aggregates): bytes in, a typed record or a clear error out.
import { z } from 'zod'
import { FRAUD_TYPOLOGIES } from '../domain/labels.ts'
import { COUNTY_NAMES } from '../domain/counties.ts'
import { EAT_TIMESTAMP_REGEX, parseEat } from '../domain/eat-time.ts'
import { maskMsisdnsInText } from '../domain/msisdn.ts'
import { decodeJson, type ParseResult } from '../domain/parse.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { Alert } from '../pipeline/alerts.ts'

const eatTimestamp = z.string()
  .regex(EAT_TIMESTAMP_REGEX, 'must be ISO-8601 EAT with milliseconds, e.g. 2026-11-29T14:03:07.123+03:00')
  .refine((text) => !Number.isNaN(parseEat(text)), 'is not a real calendar date')

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** An mpesa-alerts value. Unknown fields are ignored, so detectors may add fields without breaking the sink. */
export const AlertRecordSchema = z.object({
  alert_id: z.string().min(1).max(200),
  rule_id: z.string().min(1).max(100),
  rule_version: z.number().int().min(0).max(2_147_483_647),
  typology: z.enum(FRAUD_TYPOLOGIES),
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  score: z.number().finite(),
  account: z.string().min(1).max(32),
  transaction_ids: z.array(z.string().min(1).max(64)).max(10_000),
  event_time: eatTimestamp,
  detected_at: eatTimestamp,
  explanation: z.string().max(4000)
})

/** An mpesa-aggregates value: one input partition's share of one window for one market (and type). */
export const AggregateRecordSchema = z.object({
  window: z.string().min(1).max(64),
  window_start: eatTimestamp,
  window_end: eatTimestamp,
  market: z.enum(COUNTY_NAMES),
  transaction_type: z.enum(TRANSACTION_TYPES).optional(),
  count,
  sum_amount: count,
  sum_fee: count,
  failed_count: count,
  emit: z.enum(['EARLY', 'FINAL']),
  partition: z.number().int().min(0).max(1_000_000)
}).superRefine((row, ctx) => {
  if (parseEat(row.window_end) <= parseEat(row.window_start)) {
    ctx.addIssue({ code: 'custom', path: ['window_end'], message: 'must be after window_start' })
  }
  if (row.failed_count > row.count) {
    ctx.addIssue({ code: 'custom', path: ['failed_count'], message: 'must not exceed count' })
  }
})

export type AggregateRow = z.output<typeof AggregateRecordSchema>

function fail (code: 'EMPTY_VALUE' | 'RECORD_TOO_LARGE' | 'INVALID_UTF8' | 'INVALID_JSON' | 'SCHEMA_VIOLATION', message: string): ParseResult<never> {
  return { ok: false, code, message: maskMsisdnsInText(message) }
}

function parseWith<T> (what: string, schema: z.ZodType<T>, bytes: Uint8Array | null | undefined): ParseResult<T> {
  const decoded = decodeJson(bytes)
  if (!decoded.ok) return { ...decoded, message: `${what}: ${decoded.message}` }
  const result = schema.safeParse(decoded.value)
  if (result.success) return { ok: true, value: result.data }
  const issues = result.error.issues
  const first = issues[0]
  const where = first === undefined || first.path.length === 0 ? '(record)' : first.path.join('.')
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : ''
  return fail('SCHEMA_VIOLATION', `${what}: ${where}: ${first?.message ?? 'schema violation'}${more}`)
}

/** Parses one mpesa-alerts value; never throws (a bad record comes back with a code, for skipping or dead-lettering). */
export function parseAlertRecord (bytes: Uint8Array | null | undefined): ParseResult<Alert> {
  return parseWith('alert', AlertRecordSchema, bytes)
}

/** Parses one mpesa-aggregates value; never throws. */
export function parseAggregateRecord (bytes: Uint8Array | null | undefined): ParseResult<AggregateRow> {
  return parseWith('aggregate', AggregateRecordSchema, bytes)
}
