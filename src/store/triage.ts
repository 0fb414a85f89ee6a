// Alert triage: the allowed status transitions in one table, and the updates that persist who moved an alert and when.
import type { Queryable } from './database.ts'
import { StoreError } from './errors.ts'

export const TRIAGE_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const
export type TriageStatus = (typeof TRIAGE_STATUSES)[number]

/** Target status → the statuses it may be reached from. RESOLVED is terminal. */
export const TRIAGE_TRANSITIONS: Readonly<Record<TriageStatus, readonly TriageStatus[]>> = {
  OPEN: [],
  ACKNOWLEDGED: ['OPEN'],
  RESOLVED: ['OPEN', 'ACKNOWLEDGED']
}

export interface TriageResult {
  readonly alertId: string
  readonly from: TriageStatus
  readonly to: TriageStatus
  readonly by: string
  /** When the transition happened (stored as triaged_at). */
  readonly at: Date
}

const MAX_ACTOR = 200
const MAX_NOTE = 4000

// One statement: the status check and the update cannot be separated by another analyst's click.
const TRANSITION = `
WITH moved AS (
  UPDATE alerts AS a SET status = $2, triaged_by = $3, triaged_at = $4, note = COALESCE($5, a.note)
  FROM (SELECT alert_id, status FROM alerts WHERE alert_id = $1 FOR UPDATE) AS before
  WHERE a.alert_id = before.alert_id AND before.status = ANY($6::text[])
  RETURNING a.alert_id, before.status AS from_status
)
INSERT INTO alert_triage_events (alert_id, from_status, to_status, actor, at, note)
SELECT alert_id, from_status, $2, $3, $4, $5 FROM moved
RETURNING from_status`

function checkActor (by: string, note: string | undefined): void {
  if (by.trim().length === 0 || by.length > MAX_ACTOR) {
    throw new StoreError('STORE_QUERY_INVALID', `The analyst's name must have 1 to ${MAX_ACTOR} characters.`)
  }
  if (note !== undefined && note.length > MAX_NOTE) {
    throw new StoreError('STORE_QUERY_INVALID', `A triage note may have at most ${MAX_NOTE} characters.`)
  }
}

async function explainRefusal (db: Queryable, alertId: string, to: TriageStatus): Promise<StoreError> {
  const rows = await db.query<{ status: TriageStatus }>('SELECT status FROM alerts WHERE alert_id = $1', [alertId])
  const current = rows[0]?.status
  if (current === undefined) return new StoreError('ALERT_NOT_FOUND', `Alert ${alertId} does not exist.`)
  const allowed = TRIAGE_TRANSITIONS[to]
  return new StoreError('TRIAGE_TRANSITION_REFUSED',
    `Alert ${alertId} is ${current}; it can become ${to} only from ${allowed.join(' or ')}.`)
}

async function transition (db: Queryable, alertId: string, to: TriageStatus, by: string, note: string | undefined, at: Date): Promise<TriageResult> {
  checkActor(by, note)
  const rows = await db.query<{ from_status: TriageStatus }>(TRANSITION, [alertId, to, by.trim(), at, note ?? null, TRIAGE_TRANSITIONS[to]])
  const from = rows[0]?.from_status
  if (from === undefined) throw await explainRefusal(db, alertId, to)
  return { alertId, from, to, by: by.trim(), at }
}

/** OPEN → ACKNOWLEDGED: an analyst has taken the alert. */
export function acknowledge (db: Queryable, alertId: string, by: string, at: Date = new Date()): Promise<TriageResult> {
  return transition(db, alertId, 'ACKNOWLEDGED', by, undefined, at)
}

/** OPEN or ACKNOWLEDGED → RESOLVED, with an optional note (kept on the alert and in its history). */
export function resolve (db: Queryable, alertId: string, by: string, note?: string, at: Date = new Date()): Promise<TriageResult> {
  return transition(db, alertId, 'RESOLVED', by, note, at)
}
