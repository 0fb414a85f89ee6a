// Conversions between database values and the store's records: numbers from bigint/numeric, EAT text from timestamps.
import { formatEat } from '../domain/eat-time.ts'
import { StoreError } from './errors.ts'

/** pg returns bigint and numeric as text, PGlite as number: both become a safe JS number. */
export function toNumber (value: unknown, column: string): number {
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(n)) throw new StoreError('STORE_QUERY_FAILED', `Column ${column} is not a number: ${String(value)}`)
  return n
}

/** A timestamptz as EAT ISO text, the form every PesaFlow record uses. */
export function toEat (value: unknown, column: string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value))
  if (Number.isNaN(ms)) throw new StoreError('STORE_QUERY_FAILED', `Column ${column} is not a timestamp: ${String(value)}`)
  return formatEat(ms)
}

export function toEatOrNull (value: unknown, column: string): string | null {
  return value === null || value === undefined ? null : toEat(value, column)
}

/** A time bound given as a Date or as ISO-8601 text (EAT or any offset). */
export type TimeBound = Date | string

export function toDate (bound: TimeBound, name: string): Date {
  const date = typeof bound === 'string' ? new Date(bound) : bound
  if (Number.isNaN(date.getTime())) throw new StoreError('STORE_QUERY_INVALID', `${name} is not a valid time: ${String(bound)}`)
  return date
}

/** A nullable text column. */
export const textOrNull = (value: unknown): string | null => typeof value === 'string' ? value : null
