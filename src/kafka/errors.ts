// Translates the Kafka client's errors into PesaFlow error codes that say whether to retry.
import { PesaflowError, describeError } from '../errors.ts'

const transientPattern = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|NOT_LEADER|LEADER_NOT_AVAILABLE|NOT_COORDINATOR|COORDINATOR_NOT_AVAILABLE|COORDINATOR_LOAD_IN_PROGRESS|REBALANCE_IN_PROGRESS|NOT_ENOUGH_REPLICAS|REQUEST_TIMED_OUT|CONCURRENT_TRANSACTIONS|UNKNOWN_TOPIC_OR_PARTITION|NETWORK_EXCEPTION/

/** The client's message plus the broker error codes buried in its nested errors (e.g. PRODUCER_FENCED). */
export function describeKafkaError (error: unknown): string {
  const codes = [...new Set(collectCodes(error))].filter((c) => !/^PLT_KFK_(RESPONSE|MULTIPLE)/.test(c))
  return describeError(error) + (codes.length > 0 ? ` [${codes.join(', ')}]` : '')
}

export function toPesaflowError (error: unknown, doing: string): PesaflowError {
  if (error instanceof PesaflowError) return error
  const text = describeKafkaError(error)
  if (/SASL|AUTHENTICATION|Authentication/.test(text)) {
    return new PesaflowError('KAFKA_AUTHENTICATION', `${doing}: authentication failed (${describeError(error)})`, { cause: error })
  }
  if (/timed out|Timeout|TIMEOUT/.test(text)) {
    return new PesaflowError('KAFKA_TIMEOUT', `${doing}: timed out (${describeError(error)})`, { cause: error })
  }
  if (transientPattern.test(text) || hasRetriableFlag(error)) {
    return new PesaflowError('KAFKA_TRANSIENT', `${doing}: ${describeKafkaError(error)}`, { cause: error })
  }
  return new PesaflowError('KAFKA_FATAL', `${doing}: ${describeKafkaError(error)}`, { cause: error })
}

function collectCodes (error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return []
  const record = error as { code?: unknown; apiCode?: unknown; apiId?: unknown; errors?: unknown; cause?: unknown; response?: unknown }
  const own = [record.code, record.apiId].filter((c): c is string | number => typeof c === 'string' || typeof c === 'number').map(String)
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => collectCodes(e, depth + 1)) : []
  return [...own, ...nested, ...collectCodes(record.cause, depth + 1)]
}

function hasRetriableFlag (error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { canRetry?: unknown }).canRetry === true
}
