// The dashboard's HTTP errors: one list of codes with their status, and the mapping of store and framework errors to them.
import type { z } from 'zod'
import { maskMsisdnsInText } from '../domain/msisdn.ts'
import { isStoreError, type StoreErrorCode } from '../store/store.ts'

/** The dashboard's own codes and their HTTP status. */
export const DashboardErrorCodes = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503
} as const

export type DashboardErrorCode = keyof typeof DashboardErrorCodes

/** What the store's codes mean over HTTP. */
export const STORE_ERROR_STATUS: Readonly<Record<StoreErrorCode, number>> = {
  STORE_QUERY_INVALID: 400,
  ALERT_NOT_FOUND: 404,
  TRIAGE_TRANSITION_REFUSED: 409,
  STORE_UNAVAILABLE: 503,
  STORE_CONFLICT: 503,
  STORE_QUERY_FAILED: 500,
  STORE_MIGRATION_FAILED: 500
}

export class HttpError extends Error {
  readonly code: DashboardErrorCode
  readonly statusCode: number

  constructor (code: DashboardErrorCode, message: string) {
    super(message)
    this.name = 'HttpError'
    this.code = code
    this.statusCode = DashboardErrorCodes[code]
  }
}

/** Every error answer's body. */
export interface ErrorBody { readonly code: string; readonly message: string }

export interface ErrorReply { readonly status: number; readonly body: ErrorBody }

function frameworkStatus (error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined
  const status = error.statusCode
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

function frameworkCode (error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  return typeof code === 'string' ? code : 'INVALID_REQUEST'
}

/** The status and JSON body for any error a route threw; server faults (5xx) keep their details out of the body. */
export function errorReply (error: unknown): ErrorReply {
  if (error instanceof HttpError) return { status: error.statusCode, body: { code: error.code, message: maskMsisdnsInText(error.message) } }
  if (isStoreError(error)) {
    const status = STORE_ERROR_STATUS[error.code]
    const message = status >= 500 ? 'The alert store failed; see the server log.' : maskMsisdnsInText(error.message)
    return { status, body: { code: error.code, message } }
  }
  const status = frameworkStatus(error)
  if (status !== undefined) {
    const message = error instanceof Error ? error.message : 'Bad request.'
    return { status, body: { code: frameworkCode(error), message: maskMsisdnsInText(message) } }
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal error; see the server log.' } }
}

/** One line naming each bad field, e.g. "limit: Too big: expected number to be <=500". */
export function describeIssues (issues: readonly z.core.$ZodIssue[]): string {
  return issues.slice(0, 5).map((issue) => {
    const where = issue.path.length === 0 ? '(value)' : issue.path.map(String).join('.')
    return `${where}: ${issue.message}`
  }).join('; ')
}

/** Parses input with a zod schema, or throws a 400 naming what was wrong (`what`: "query", "body"…). */
export function parseInput<T> (schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new HttpError('INVALID_REQUEST', `Invalid ${what}: ${maskMsisdnsInText(describeIssues(result.error.issues))}.`)
}
