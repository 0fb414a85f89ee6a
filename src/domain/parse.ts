// Fast validating parsers for record values from Kafka or files: bytes in, a typed record or an error code out.

import type { z } from 'zod'
import { isValidAccountEvent, isValidTransaction } from './compiled-validators.ts'
import { maskMsisdnsInText } from './msisdn.ts'
import { AccountEventSchema, TransactionSchema } from './schema.ts'
import type { AccountEvent, Transaction } from './schema.ts'

export const PARSE_ERROR_CODES = [
  'EMPTY_VALUE',
  'RECORD_TOO_LARGE',
  'INVALID_UTF8',
  'INVALID_JSON',
  'SCHEMA_VIOLATION'
] as const
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number]

/** Values above this are rejected before decoding: real records are ~400 bytes, and parsing 1 MB per record would stall a consumer. */
export const MAX_RECORD_BYTES = 64 * 1024

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ParseErrorCode; readonly message: string }

// fatal: true makes malformed UTF-8 throw instead of silently becoming U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true })

function fail(code: ParseErrorCode, message: string): { ok: false; code: ParseErrorCode; message: string } {
  return { ok: false, code, message: maskMsisdnsInText(message) }
}

/** Bytes to a JSON value, or the reason they are not one (empty, too large, not UTF-8, not JSON); never throws. */
export function decodeJson(bytes: Uint8Array | null | undefined, maxBytes = MAX_RECORD_BYTES): ParseResult<unknown> {
  if (bytes === null || bytes === undefined || bytes.length === 0) return fail('EMPTY_VALUE', 'record value is empty')
  if (bytes.length > maxBytes) {
    return fail('RECORD_TOO_LARGE', `record value is ${bytes.length} bytes, limit ${maxBytes}`)
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return fail('INVALID_UTF8', 'record value is not valid UTF-8')
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return fail('INVALID_JSON', error instanceof Error ? error.message : 'record value is not JSON')
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0]
  if (first === undefined) return 'schema violation'
  const path = first.path.length > 0 ? first.path.join('.') : '(record)'
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : ''
  return `${path}: ${first.message}${more}`
}

function parseWith<T>(schema: z.ZodType<T>, isValid: (value: unknown) => value is T, bytes: Uint8Array | null | undefined, maxBytes: number): ParseResult<T> {
  const decoded = decodeJson(bytes, maxBytes)
  if (!decoded.ok) return decoded
  if (isValid(decoded.value)) return { ok: true, value: decoded.value }
  const result = schema.safeParse(decoded.value)
  if (!result.success) return fail('SCHEMA_VIOLATION', describeIssues(result.error.issues))
  return { ok: true, value: result.data }
}

/** Parses and validates one mpesa-transactions value (at most maxBytes long); never throws. */
export function parseTransaction(bytes: Uint8Array | null | undefined, maxBytes = MAX_RECORD_BYTES): ParseResult<Transaction> {
  return parseWith(TransactionSchema, isValidTransaction, bytes, maxBytes)
}

/** Parses and validates one mpesa-account-events value (at most maxBytes long); never throws. */
export function parseAccountEvent(bytes: Uint8Array | null | undefined, maxBytes = MAX_RECORD_BYTES): ParseResult<AccountEvent> {
  return parseWith(AccountEventSchema, isValidAccountEvent, bytes, maxBytes)
}
