// Turns the dashboard's alert filter into a parameterised WHERE clause: values only ever travel as $n parameters.
import type { Severity } from '../pipeline/alerts.ts'
import { StoreError } from './errors.ts'
import { toDate, type TimeBound } from './rows.ts'
import { TRIAGE_STATUSES, type TriageStatus } from './triage.ts'

export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

export interface AlertFilter {
  readonly severity?: Severity | readonly Severity[] | undefined
  readonly typology?: string | readonly string[] | undefined
  readonly status?: TriageStatus | readonly TriageStatus[] | undefined
  /** One account, exactly (2547…, 07…, or +2547… forms are accepted). */
  readonly account?: string | undefined
  /** Words to find anywhere in the explanation, case-insensitive. */
  readonly text?: string | undefined
  /** Event time at or after this. */
  readonly from?: TimeBound | undefined
  /** Event time before this. */
  readonly to?: TimeBound | undefined
}

/** SQL conditions over the alerts table and the parameters their $n placeholders refer to. */
export interface SqlConditions {
  readonly conditions: string[]
  readonly params: unknown[]
  /** Adds a parameter and returns its placeholder. */
  readonly param: (value: unknown) => string
}

export const whereSql = (conditions: readonly string[]): string => conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value as readonly T[] : [value as T]

function checkedList<T extends string> (name: string, value: T | readonly T[] | undefined, allowed?: readonly T[]): readonly T[] | undefined {
  const list = asList(value)
  if (list === undefined || list.length === 0) return undefined
  const bad = allowed === undefined ? list.find((v) => v.length === 0 || v.length > 100) : list.find((v) => !allowed.includes(v))
  if (bad !== undefined) {
    throw new StoreError('STORE_QUERY_INVALID', `Filter ${name} ${JSON.stringify(bad)} is not allowed${allowed === undefined ? '' : `: use ${allowed.join(', ')}`}.`)
  }
  return list
}

/** The stored form of an account typed by an analyst: 0712… and +254712… become 254712…. */
export function normaliseAccount (account: string): string {
  const compact = account.replace(/[\s-]/g, '')
  if (/^0[17]\d{8}$/.test(compact)) return `254${compact.slice(1)}`
  return compact.startsWith('+') ? compact.slice(1) : compact
}

/** Escapes LIKE's wildcards so a search for "50%" means the text "50%". */
export function likePattern (text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** The filter's conditions; callers may push more (pagination) through the same param(). */
export function alertConditions (filter: AlertFilter): SqlConditions {
  const conditions: string[] = []
  const params: unknown[] = []
  const param = (value: unknown): string => { params.push(value); return `$${params.length}` }
  const severities = checkedList('severity', filter.severity, SEVERITIES)
  if (severities !== undefined) conditions.push(`severity = ANY(${param(severities)}::text[])`)
  const typologies = checkedList('typology', filter.typology)
  if (typologies !== undefined) conditions.push(`typology = ANY(${param(typologies)}::text[])`)
  const statuses = checkedList('status', filter.status, TRIAGE_STATUSES)
  if (statuses !== undefined) conditions.push(`status = ANY(${param(statuses)}::text[])`)
  if (filter.account !== undefined && filter.account.trim() !== '') conditions.push(`account = ${param(normaliseAccount(filter.account))}`)
  if (filter.text !== undefined && filter.text.trim() !== '') conditions.push(`explanation ILIKE ${param(likePattern(filter.text.trim()))}`)
  if (filter.from !== undefined) conditions.push(`event_time >= ${param(toDate(filter.from, 'from'))}`)
  if (filter.to !== undefined) conditions.push(`event_time < ${param(toDate(filter.to, 'to'))}`)
  return { conditions, params, param }
}
