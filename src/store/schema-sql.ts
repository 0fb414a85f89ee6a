// The store's schema as numbered migrations: plain SQL that PostgreSQL and PGlite both run unchanged.

export interface Migration {
  /** Applied in ascending order; never renumber or edit a migration once released, add a new one. */
  readonly version: number
  readonly name: string
  readonly sql: string
}

const alerts = `
CREATE TABLE alerts (
  alert_id        text PRIMARY KEY,
  rule_id         text NOT NULL,
  rule_version    integer NOT NULL,
  typology        text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  score           double precision NOT NULL,
  account         text NOT NULL,
  transaction_ids text[] NOT NULL,
  event_time      timestamptz NOT NULL,
  detected_at     timestamptz NOT NULL,
  explanation     text NOT NULL,
  status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
  triaged_by      text,
  triaged_at      timestamptz,
  note            text,
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_recent ON alerts (event_time DESC, alert_id DESC);
CREATE INDEX alerts_by_account ON alerts (account, event_time DESC);
CREATE INDEX alerts_by_status ON alerts (status, event_time DESC);
CREATE INDEX alerts_by_typology ON alerts (typology, event_time DESC);
`

// One row per window, market, type and source partition: each input partition emits its own share of a window,
// and the dashboard sums the shares.
const hourlyAggregates = `
CREATE TABLE hourly_aggregates (
  window_name      text NOT NULL,
  window_start     timestamptz NOT NULL,
  window_end       timestamptz NOT NULL,
  market           text NOT NULL,
  transaction_type text NOT NULL DEFAULT '',
  source_partition integer NOT NULL,
  count            bigint NOT NULL,
  sum_amount       bigint NOT NULL,
  sum_fee          bigint NOT NULL,
  failed_count     bigint NOT NULL,
  final            boolean NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (window_name, window_start, market, transaction_type, source_partition)
);
CREATE INDEX hourly_aggregates_by_start ON hourly_aggregates (window_name, window_start);
`

const sinkOffsets = `
CREATE TABLE sink_offsets (
  sink_name   text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL CHECK (next_offset >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sink_name, topic, partition)
);
`

const triageEvents = `
CREATE TABLE alert_triage_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  actor       text NOT NULL,
  at          timestamptz NOT NULL,
  note        text
);
CREATE INDEX alert_triage_events_by_alert ON alert_triage_events (alert_id, id);
`

export const migrations: readonly Migration[] = [
  { version: 1, name: 'alerts', sql: alerts },
  { version: 2, name: 'hourly_aggregates', sql: hourlyAggregates },
  { version: 3, name: 'sink_offsets', sql: sinkOffsets },
  { version: 4, name: 'alert_triage_events', sql: triageEvents }
]
