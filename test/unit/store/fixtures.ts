// Alerts, aggregate rows and record bytes for the store tests, shared by the PGlite and PostgreSQL suites.
import type { Alert, Severity } from '../../../src/pipeline/alerts.ts'
import type { AggregateRow } from '../../../src/store/store.ts'

export function alertFixture (n: number, overrides: Partial<Alert> = {}): Alert {
  const minute = String(n % 60).padStart(2, '0')
  return {
    alert_id: `HV-1:SLK${String(n).padStart(7, '0')}`,
    rule_id: 'HV-1',
    rule_version: 1,
    typology: 'HIGH_VALUE_TRANSFER',
    severity: 'MEDIUM',
    score: 0.5,
    account: `2547120${String(n).padStart(5, '0')}`,
    transaction_ids: [`SLK${String(n).padStart(7, '0')}`],
    event_time: `2026-11-29T14:${minute}:05.123+03:00`,
    detected_at: `2026-11-29T14:${minute}:05.200+03:00`,
    explanation: `SEND_MONEY of KES 150,000 at or above the high-value threshold of KES 100,000 (#${n})`,
    ...overrides
  }
}

export function aggregateFixture (overrides: Partial<AggregateRow> = {}): AggregateRow {
  return {
    window: 'hourly_market',
    window_start: '2026-11-29T14:00:00.000+03:00',
    window_end: '2026-11-29T15:00:00.000+03:00',
    market: 'Nairobi',
    count: 10,
    sum_amount: 50_000,
    sum_fee: 300,
    failed_count: 1,
    emit: 'EARLY',
    partition: 0,
    ...overrides
  }
}

/** An hourly_market row for the hour starting at `hour` (EAT, "2026-11-29T14"). */
export function hourRow (hour: string, market: string, count: number, overrides: Partial<AggregateRow> = {}): AggregateRow {
  const start = Date.parse(`${hour}:00:00.000+03:00`)
  const eat = (ms: number): string => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 23) + '+03:00'
  return aggregateFixture({
    window_start: eat(start), window_end: eat(start + 3_600_000), market: market as AggregateRow['market'],
    count, sum_amount: count * 1000, sum_fee: count * 10, failed_count: 0, emit: 'FINAL', ...overrides
  })
}

const SEVERITY_CYCLE: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
const TYPOLOGY_CYCLE = ['HIGH_VALUE_TRANSFER', 'SIM_SWAP_TAKEOVER', 'STRUCTURING'] as const

/**
 * 30 alerts over 30 minutes of one hour: severity cycles every 4, typology every 3, account every 5 (6 accounts),
 * and every 10th explanation mentions "50% of balance".
 */
export function alertDataset (): Alert[] {
  return Array.from({ length: 30 }, (_, n) => alertFixture(n, {
    severity: SEVERITY_CYCLE[n % 4] as Severity,
    typology: TYPOLOGY_CYCLE[n % 3] ?? 'HIGH_VALUE_TRANSFER',
    account: `25471200000${n % 5}`,
    event_time: `2026-11-29T14:${String(n).padStart(2, '0')}:05.123+03:00`,
    explanation: n % 10 === 0 ? `Moved 50% of balance after a SIM swap (#${n})` : `Pattern number ${n}`
  }))
}

export const toBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
