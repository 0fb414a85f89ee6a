// Errors of the alert store: a code from one list, retryable or terminal, and a classifier for driver errors.

import { ErrorCodes, PesaflowError } from '../errors.ts'

/** The store's codes, from the one registry in src/errors.ts: unavailable and conflict are retryable, the rest terminal. */
export const StoreErrorCodes = {
  STORE_UNAVAILABLE: ErrorCodes.STORE_UNAVAILABLE,
  STORE_CONFLICT: ErrorCodes.STORE_CONFLICT,
  STORE_QUERY_FAILED: ErrorCodes.STORE_QUERY_FAILED,
  STORE_MIGRATION_FAILED: ErrorCodes.STORE_MIGRATION_FAILED,
  STORE_QUERY_INVALID: ErrorCodes.STORE_QUERY_INVALID,
  ALERT_NOT_FOUND: ErrorCodes.ALERT_NOT_FOUND,
  TRIAGE_TRANSITION_REFUSED: ErrorCodes.TRIAGE_TRANSITION_REFUSED
} as const

export type StoreErrorCode = keyof typeof StoreErrorCodes

export class StoreError extends PesaflowError {
  declare readonly code: StoreErrorCode

  constructor (code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'StoreError'
  }
}

export function isStoreError (error: unknown): error is StoreError {
  return error instanceof StoreError
}

// SQLSTATE classes that mean "try again": connection exceptions, operator intervention, insufficient resources.
const RETRYABLE_SQLSTATE_CLASSES = new Set(['08', '53', '57'])
// Serialisation failure and deadlock: the transaction lost a race and can be replayed as a whole.
const CONFLICT_SQLSTATES = new Set(['40001', '40P01'])
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])

function errorCodeOf (error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = error.code
  return typeof code === 'string' ? code : undefined
}

/** Wraps any error thrown by a database call into a StoreError whose code says whether to retry. */
export function toStoreError (error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error
  const code = errorCodeOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  const message = `${doing}: ${detail}${code === undefined ? '' : ` (${code})`}`
  if (code !== undefined && CONFLICT_SQLSTATES.has(code)) return new StoreError('STORE_CONFLICT', message, { cause: error })
  if (code !== undefined && (NETWORK_ERRNOS.has(code) || RETRYABLE_SQLSTATE_CLASSES.has(code.slice(0, 2)))) {
    return new StoreError('STORE_UNAVAILABLE', message, { cause: error })
  }
  if (code === undefined && /Connection terminated|connection (was )?closed|timeout exceeded/i.test(detail)) {
    return new StoreError('STORE_UNAVAILABLE', message, { cause: error })
  }
  return new StoreError('STORE_QUERY_FAILED', message, { cause: error })
}
