// A rule set prepared for the hot path: windows in milliseconds, type lists as lookup masks, and the state horizons they imply.

import { ACCOUNT_EVENT_TYPES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { RuleConfigs, RuleSet } from './rule-set.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** One boolean per TRANSACTION_TYPES (or ACCOUNT_EVENT_TYPES) index. */
export type TypeMask = readonly boolean[]

function typeMask(types: readonly string[]): TypeMask {
  return TRANSACTION_TYPES.map((t) => types.includes(t))
}

export interface CompiledRules {
  readonly version: number
  readonly rules: RuleConfigs
  readonly velocityWindowMs: number
  readonly velocityTypes: TypeMask
  readonly anomalyTypes: TypeMask
  readonly anomalyCooldownMs: number
  readonly fundingWindowMs: number
  readonly velocityCooldownMs: number
  readonly takeoverEvents: readonly boolean[]
  readonly takeoverWindowMs: number
  readonly muleWindowMs: number
  readonly muleCashOutMs: number
  readonly muleMaxAgeMs: number
  readonly muleCooldownMs: number
  readonly muleCashOutTypes: TypeMask
  /** Lowest amount of each structuring edge's near-edge range, parallel to rules.STRUCTURING.edges_kes. */
  readonly edgeFloors: readonly number[]
  readonly structuringWindowMs: number
  readonly structuringCooldownMs: number
  readonly splitWindowMs: number
  readonly travelMaxGapMs: number
  readonly travelCooldownMs: number
  readonly dormantIdleMs: number
  readonly dormantTypes: TypeMask
  /** How long recent outflows, large outflows and inflows must be kept for the longest window that reads them. */
  readonly outHorizonMs: number
  readonly inflowHorizonMs: number
}

export function compileRules(ruleSet: RuleSet): CompiledRules {
  const r = ruleSet.rules
  const velocityWindowMs = r.VELOCITY_BURST.window_seconds * 1000
  const takeoverWindowMs = r.SIM_SWAP_TAKEOVER.window_hours * HOUR
  const muleWindowMs = r.MULE_FAN_IN.window_minutes * MINUTE
  const muleCashOutMs = r.MULE_FAN_IN.cash_out_within_minutes * MINUTE
  const splitWindowMs = r.AGENT_SPLIT.window_minutes * MINUTE
  const fundingWindowMs = r.AMOUNT_ANOMALY.funding_window_minutes * MINUTE
  return {
    version: ruleSet.version,
    rules: r,
    velocityWindowMs,
    velocityTypes: typeMask(r.VELOCITY_BURST.transaction_types),
    velocityCooldownMs: r.VELOCITY_BURST.cooldown_minutes * MINUTE,
    anomalyTypes: typeMask(r.AMOUNT_ANOMALY.transaction_types),
    anomalyCooldownMs: r.AMOUNT_ANOMALY.cooldown_minutes * MINUTE,
    fundingWindowMs,
    takeoverEvents: ACCOUNT_EVENT_TYPES.map((t) => r.SIM_SWAP_TAKEOVER.trigger_events.includes(t)),
    takeoverWindowMs,
    muleWindowMs,
    muleCashOutMs,
    muleMaxAgeMs: r.MULE_FAN_IN.max_account_age_days * DAY,
    muleCooldownMs: r.MULE_FAN_IN.cooldown_hours * HOUR,
    muleCashOutTypes: typeMask(r.MULE_FAN_IN.cash_out_types),
    edgeFloors: r.STRUCTURING.edges_kes.map((edge) => edge * (1 - r.STRUCTURING.margin_pct / 100)),
    structuringWindowMs: r.STRUCTURING.window_hours * HOUR,
    structuringCooldownMs: r.STRUCTURING.cooldown_hours * HOUR,
    splitWindowMs,
    travelMaxGapMs: r.IMPOSSIBLE_TRAVEL.max_gap_hours * HOUR,
    travelCooldownMs: r.IMPOSSIBLE_TRAVEL.cooldown_minutes * MINUTE,
    dormantIdleMs: r.DORMANT_REACTIVATION.idle_days * DAY,
    dormantTypes: typeMask(r.DORMANT_REACTIVATION.transaction_types),
    outHorizonMs: Math.max(velocityWindowMs, takeoverWindowMs, splitWindowMs, muleWindowMs + muleCashOutMs),
    inflowHorizonMs: Math.max(muleWindowMs + muleCashOutMs, fundingWindowMs)
  }
}

/** The structuring edge an amount sits just under, or -1. */
export function nearEdgeIndex(compiled: CompiledRules, amount: number): number {
  const edges = compiled.rules.STRUCTURING.edges_kes
  for (let i = 0; i < edges.length; i++) {
    if (amount < edges[i]! && amount >= compiled.edgeFloors[i]!) return i
  }
  return -1
}
