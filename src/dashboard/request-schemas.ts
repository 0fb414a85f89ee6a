// The dashboard API's inputs as zod schemas: alert filters, triage bodies, volume ranges. Unknown fields are refused.
import { z } from 'zod'
import { FRAUD_TYPOLOGIES } from '../domain/labels.ts'
import { SEVERITIES } from '../store/alert-filter.ts'
import { TRIAGE_STATUSES } from '../store/store.ts'

// A form sends empty fields as "": they mean "no filter".
const blankless = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

// ?severity=HIGH&severity=CRITICAL and ?severity=HIGH,CRITICAL both give a list.
const list = <T extends z.ZodType<unknown, string>>(item: T) => blankless(z.union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))
  .pipe(z.array(item).max(20, 'at most 20 values')))

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time with a zone, e.g. 2026-11-29T14:00:00+03:00' })

/** The filter fields shared by the list and the counts. `token` is the credential, not a filter. */
const filterFields = {
  severity: list(z.enum(SEVERITIES as [string, ...string[]])),
  typology: list(z.enum(FRAUD_TYPOLOGIES)),
  status: list(z.enum(TRIAGE_STATUSES)),
  account: blankless(z.string().trim().regex(/^\+?\d[\d -]{5,19}$/, 'must be a phone number such as 0712345678 or 254712345678')),
  text: blankless(z.string().max(200, 'at most 200 characters')),
  from: blankless(isoTime),
  to: blankless(isoTime),
  token: z.string().optional()
}

export const AlertFilterQuery = z.strictObject(filterFields)

export const AlertListQuery = z.strictObject({
  ...filterFields,
  limit: blankless(z.coerce.number().int().min(1).max(500)),
  cursor: blankless(z.string().max(500))
})

export const AlertIdParams = z.strictObject({ id: z.string().min(1).max(200) })

// A body that is not an object at all gets an example; other issues keep zod's own message.
const objectExpected = (example: string) => ({
  error: (issue: { code: string }) => (issue.code === 'invalid_type' ? `must be a JSON object such as ${example}` : undefined)
})

export const AcknowledgeBody = z.strictObject({ by: z.string().trim().min(1).max(200) }, objectExpected('{"by": "analyst name"}'))

export const ResolveBody = z.strictObject({
  by: z.string().trim().min(1).max(200),
  note: z.string().max(4000).optional()
}, objectExpected('{"by": "analyst name", "note": "why"}'))

export const VolumesQuery = z.strictObject({
  range: z.enum(['24h', 'hour']).default('24h'),
  at: blankless(isoTime),
  token: z.string().optional()
})

export type VolumeRange = z.output<typeof VolumesQuery>['range']
