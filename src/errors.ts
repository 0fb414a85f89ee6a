// One registry of PesaFlow error codes; each says whether the failure is worth retrying.
export const ErrorCodes = {
  CONFIG_INVALID: { retryable: false, exitCode: 2 },
  USAGE: { retryable: false, exitCode: 2 },
  JAVA_MISSING: { retryable: false, exitCode: 1 },
  MAVEN_MISSING: { retryable: false, exitCode: 1 },
  KAFKA_JARS_MISSING: { retryable: false, exitCode: 1 },
  BROKER_PORT_TAKEN: { retryable: false, exitCode: 1 },
  BROKER_START_FAILED: { retryable: false, exitCode: 1 },
  BROKER_START_TIMEOUT: { retryable: false, exitCode: 1 },
  BROKER_STOP_TIMEOUT: { retryable: false, exitCode: 1 },
  BROKER_UNREACHABLE: { retryable: true, exitCode: 1 },
  KAFKA_TIMEOUT: { retryable: true, exitCode: 1 },
  KAFKA_TRANSIENT: { retryable: true, exitCode: 1 },
  KAFKA_FATAL: { retryable: false, exitCode: 1 },
  KAFKA_AUTHENTICATION: { retryable: false, exitCode: 1 },
  TOPIC_MISMATCH: { retryable: false, exitCode: 1 },
  PRODUCE_FAILED: { retryable: false, exitCode: 1 },
  FILE_IO: { retryable: false, exitCode: 1 },
  STORE_UNAVAILABLE: { retryable: true, exitCode: 1 },
  STORE_CONFLICT: { retryable: true, exitCode: 1 },
  STORE_QUERY_FAILED: { retryable: false, exitCode: 1 },
  STORE_MIGRATION_FAILED: { retryable: false, exitCode: 1 },
  STORE_QUERY_INVALID: { retryable: false, exitCode: 2 },
  ALERT_NOT_FOUND: { retryable: false, exitCode: 1 },
  TRIAGE_TRANSITION_REFUSED: { retryable: false, exitCode: 1 },
  RULES_INVALID: { retryable: false, exitCode: 2 }
} as const satisfies Record<string, { retryable: boolean; exitCode: number }>

export type ErrorCode = keyof typeof ErrorCodes

/** An error PesaFlow understands: its code decides retry, dead-letter or exit. */
export class PesaflowError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly exitCode: number

  constructor (code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PesaflowError'
    this.code = code
    this.retryable = ErrorCodes[code].retryable
    this.exitCode = ErrorCodes[code].exitCode
  }
}

export function isPesaflowError (error: unknown): error is PesaflowError {
  return error instanceof PesaflowError
}

/** A readable one-line description of any thrown value, with its cause chain. */
export function describeError (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const parts = [error.message]
  let cause: unknown = error.cause
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    parts.push(cause.message)
    cause = cause.cause
  }
  return parts.join(': ')
}
