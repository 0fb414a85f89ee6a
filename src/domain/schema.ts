// The one wire schema (zod) for both topics: TypeScript types, validation, and the source of the published JSON Schemas.

import { z } from 'zod'
import { COUNTY_NAMES } from './counties.ts'
import { EAT_TIMESTAMP_REGEX, parseEat } from './eat-time.ts'
import { LIMITS } from './limits.ts'
import { SAFARICOM_MSISDN_REGEX } from './msisdn.ts'
import { RECEIPT_ID_REGEX } from './receipt.ts'
import {
  ACCOUNT_EVENT_TYPES,
  CHANNELS,
  CURRENCY,
  PARTY_TYPES,
  TRANSACTION_SCHEMA_VERSION,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES
} from './transaction-types.ts'

/** Paybill and till shortcodes, agent numbers and business shortcodes: 5 to 7 digits (Daraja BusinessShortCode). */
export const BUSINESS_NUMBER_REGEX = /^\d{5,7}$/

// A party is either a Safaricom customer number or a business number; which one must match the party type (checked below).
const PARTY_ID_REGEX = new RegExp(`^(?:${SAFARICOM_MSISDN_REGEX.source.slice(1, -1)}|\\d{5,7})$`)

// The highest fee in the tariff is 309 KES; business Pay Bill tariffs can be higher, so allow headroom but no nonsense.
const MAX_FEE = 10_000

/** The calendar check JSON Schema cannot express (the pattern admits 30 February). */
export const isRealEatInstant = (text: string): boolean => !Number.isNaN(parseEat(text))

const eatTimestamp = z
  .string()
  .regex(EAT_TIMESTAMP_REGEX, 'must be ISO-8601 EAT with milliseconds, e.g. 2026-11-29T14:03:07.123+03:00')
  .refine(isRealEatInstant, 'is not a real calendar date')
  .describe('Event time, ISO-8601 in East Africa Time with milliseconds and +03:00 offset; equals the Kafka record timestamp')

const receiptId = z
  .string()
  .regex(RECEIPT_ID_REGEX, 'must be a 10-character M-Pesa receipt id')
  .describe('M-Pesa receipt id: year letter, month letter, day character, then 7 of [A-Z0-9]')

const market = z.enum(COUNTY_NAMES).describe("County where the transaction happened, as named in the 2019 census")

const partyId = z
  .string()
  .regex(PARTY_ID_REGEX, 'must be a 12-digit Safaricom MSISDN or a 5-7 digit business number')
  .describe('Safaricom MSISDN (2547XXXXXXXX / 2541XXXXXXXX) for CUSTOMER, else a 5-7 digit shortcode or agent number')

// The contract allows extra fields (other tools add their own): accepted and kept, never relied upon.
const TransactionObject = z.looseObject({
  schema_version: z.literal(TRANSACTION_SCHEMA_VERSION),
  transaction_id: receiptId,
  transaction_type: z.enum(TRANSACTION_TYPES),
  timestamp: eatTimestamp,
  amount: z.number().int().min(1).max(LIMITS.maxPerTransaction).describe('Whole Kenya shillings'),
  fee: z.number().int().min(0).max(MAX_FEE).describe('Whole Kenya shillings charged to the customer, from the tariff'),
  currency: z.literal(CURRENCY),
  sender: partyId,
  receiver: partyId,
  sender_type: z.enum(PARTY_TYPES),
  receiver_type: z.enum(PARTY_TYPES),
  market,
  channel: z.enum(CHANNELS),
  status: z.enum(TRANSACTION_STATUSES),
  reverses: receiptId.optional().describe('Only on REVERSAL: the transaction_id being reversed')
})

function partyMatchesType(id: string, type: string): boolean {
  return type === 'CUSTOMER' ? SAFARICOM_MSISDN_REGEX.test(id) : BUSINESS_NUMBER_REGEX.test(id)
}

export interface FieldIssue { readonly path: string; readonly message: string }

type PartyFields = Pick<z.infer<typeof TransactionObject>, 'sender' | 'sender_type' | 'receiver' | 'receiver_type' | 'transaction_type' | 'reverses'>

/** Rules across fields, which JSON Schema cannot express (documented in the schema description); none = valid. */
export function crossFieldIssues(tx: PartyFields): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!partyMatchesType(tx.sender, tx.sender_type)) issues.push({ path: 'sender', message: `does not match sender_type ${tx.sender_type}` })
  if (!partyMatchesType(tx.receiver, tx.receiver_type)) issues.push({ path: 'receiver', message: `does not match receiver_type ${tx.receiver_type}` })
  if ((tx.transaction_type === 'REVERSAL') !== (tx.reverses !== undefined)) {
    issues.push({ path: 'reverses', message: 'must be present exactly when transaction_type is REVERSAL' })
  }
  return issues
}

export const TransactionSchema = TransactionObject.superRefine((tx, ctx) => {
  for (const issue of crossFieldIssues(tx)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
}).meta({
  title: 'M-Pesa transaction',
  description:
    'One record of topic mpesa-transactions (key = sender). Also enforced in code: a CUSTOMER party is a Safaricom MSISDN ' +
    'and other party types are 5-7 digit numbers; reverses is present exactly on REVERSAL.'
})

export type Transaction = z.infer<typeof TransactionSchema>

export const AccountEventSchema = z
  .looseObject({
    event_id: z
      .string()
      .regex(/^[A-Z0-9]{12}$/, 'must be 12 characters [A-Z0-9]')
      .describe('Unique id of the account event'),
    msisdn: z.string().regex(SAFARICOM_MSISDN_REGEX, 'must be a 12-digit Safaricom MSISDN'),
    event_type: z.enum(ACCOUNT_EVENT_TYPES),
    timestamp: eatTimestamp,
    market: market.describe('County where the event happened (the shop or device location)')
  })
  .meta({ title: 'M-Pesa account event', description: 'One record of topic mpesa-account-events (key = msisdn).' })

export type AccountEvent = z.infer<typeof AccountEventSchema>
