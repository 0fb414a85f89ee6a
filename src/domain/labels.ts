// Ground-truth labels that travel beside the stream (topic mpesa-fraud-labels or a labels file), never inside records.

import { z } from 'zod'
import { EAT_TIMESTAMP_REGEX } from './eat-time.ts'
import type { ParseErrorCode } from './parse.ts'

export const FRAUD_TYPOLOGIES = [
  'SIM_SWAP_TAKEOVER',
  'VELOCITY_BURST',
  'AMOUNT_ANOMALY',
  'MULE_FAN_IN',
  'STRUCTURING',
  'AGENT_SPLIT',
  'IMPOSSIBLE_TRAVEL',
  'DORMANT_REACTIVATION',
  'HIGH_VALUE_TRANSFER'
] as const
export type FraudTypology = (typeof FRAUD_TYPOLOGIES)[number]

export const POISON_KINDS = [
  'MALFORMED_JSON',
  'WRONG_TYPES',
  'MISSING_FIELDS',
  'INVALID_MSISDN',
  'NEGATIVE_AMOUNT',
  'OVERSIZED_AMOUNT',
  'NON_UTF8',
  'EMPTY_VALUE',
  'ONE_MB_RECORD'
] as const
export type PoisonKind = (typeof POISON_KINDS)[number]

/** The parse error each poison kind must produce, so tests and dead-letter checks can compare exactly. */
export const POISON_EXPECTED_CODE: Readonly<Record<PoisonKind, ParseErrorCode>> = Object.freeze({
  MALFORMED_JSON: 'INVALID_JSON',
  WRONG_TYPES: 'SCHEMA_VIOLATION',
  MISSING_FIELDS: 'SCHEMA_VIOLATION',
  INVALID_MSISDN: 'SCHEMA_VIOLATION',
  NEGATIVE_AMOUNT: 'SCHEMA_VIOLATION',
  OVERSIZED_AMOUNT: 'SCHEMA_VIOLATION',
  NON_UTF8: 'INVALID_UTF8',
  EMPTY_VALUE: 'EMPTY_VALUE',
  ONE_MB_RECORD: 'RECORD_TOO_LARGE'
})

const eatTime = z.string().regex(EAT_TIMESTAMP_REGEX)

export const FraudLabelSchema = z.strictObject({
  kind: z.literal('fraud'),
  scenario_id: z.string().min(1),
  typology: z.enum(FRAUD_TYPOLOGIES),
  account: z.string().min(1).describe('The account the scenario is about: victim, mule or actor (MSISDN or business number)'),
  transaction_ids: z.array(z.string()),
  account_event_ids: z.array(z.string()),
  first_event_time: eatTime,
  last_event_time: eatTime,
  injected: z.boolean().describe('false only for HIGH_VALUE_TRANSFER labels on organic background transactions')
})
export type FraudLabel = z.infer<typeof FraudLabelSchema>

export const PoisonLabelSchema = z.strictObject({
  kind: z.literal('poison'),
  poison_id: z.string().min(1).describe('Equals the record key of the poison record'),
  poison_kind: z.enum(POISON_KINDS),
  expected_code: z.enum(['EMPTY_VALUE', 'RECORD_TOO_LARGE', 'INVALID_UTF8', 'INVALID_JSON', 'SCHEMA_VIOLATION']),
  timestamp: eatTime,
  value_bytes: z.number().int().min(0)
})
export type PoisonLabel = z.infer<typeof PoisonLabelSchema>

export const LabelSchema = z.discriminatedUnion('kind', [FraudLabelSchema, PoisonLabelSchema])
export type Label = FraudLabel | PoisonLabel
