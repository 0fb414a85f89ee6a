// The fraud rule set as data: a versioned, validated document (JSON or YAML) of thresholds, windows, severities and switches.

import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { FRAUD_TYPOLOGIES } from '../domain/labels.ts'
import type { FraudTypology } from '../domain/labels.ts'
import { ACCOUNT_EVENT_TYPES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import { SEVERITIES } from './alert.ts'
import type { Severity } from './alert.ts'

/** One rule per typology; the rule id is the typology name. */
export type RuleId = FraudTypology
export const RULE_IDS: readonly RuleId[] = FRAUD_TYPOLOGIES

const POSITIVE_INT = 'expected a positive integer'
const positiveInt = (fallback: number) =>
  z.number({ error: POSITIVE_INT }).int({ error: POSITIVE_INT }).positive({ error: POSITIVE_INT }).default(fallback)
const positiveNumber = (fallback: number) =>
  z.number({ error: 'expected a positive number' }).positive({ error: 'expected a positive number' }).default(fallback)
const fraction = (fallback: number) =>
  z.number({ error: 'expected a number from 0 to 1' }).min(0, { error: 'expected a number from 0 to 1' }).max(1, { error: 'expected a number from 0 to 1' }).default(fallback)
const flag = (fallback: boolean) => z.boolean({ error: 'expected true or false' }).default(fallback)
const amounts = (fallback: number[]) =>
  z.array(z.number({ error: POSITIVE_INT }).int({ error: POSITIVE_INT }).positive({ error: POSITIVE_INT }), { error: 'expected a list of amounts' })
    .min(1, { error: 'expected at least one entry' })
    .default(fallback)
const PERCENT = 'expected a percentage above 0 and at most 50'
const percent = (fallback: number) => z.number({ error: PERCENT }).positive({ error: PERCENT }).max(50, { error: PERCENT }).default(fallback)
const oneOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, { error: `expected one of ${values.join(', ')}` })
const listOf = <T extends string>(values: readonly [T, ...T[]], fallback: T[]) =>
  z.array(oneOf(values), { error: `expected a list of ${values.join(', ')}` }).min(1, { error: 'expected at least one entry' }).default(fallback)

const TX_TYPES = TRANSACTION_TYPES as unknown as readonly [string, ...string[]]
const OUTFLOWS = ['SEND_MONEY', 'PAYBILL', 'BUY_GOODS', 'WITHDRAW', 'AIRTIME']

/** Fields every rule has: on/off, shadow mode (evaluated and counted, no alert) and the alerts' severity. */
function ruleSchema<S extends z.ZodRawShape>(severity: Severity, shape: S) {
  return z.strictObject({
    enabled: flag(true),
    shadow: flag(false),
    severity: oneOf(SEVERITIES as unknown as readonly [Severity, ...Severity[]]).default(severity),
    ...shape
  })
}

export const RULE_SCHEMAS = {
  HIGH_VALUE_TRANSFER: ruleSchema('MEDIUM', {
    threshold_kes: positiveInt(100_000),
    statuses: listOf(['SUCCESS', 'FAILED'], ['SUCCESS', 'FAILED'])
  }),
  VELOCITY_BURST: ruleSchema('HIGH', {
    window_seconds: positiveInt(180),
    min_transactions: positiveInt(5),
    min_distinct_payees: positiveInt(4),
    transaction_types: listOf(TX_TYPES, OUTFLOWS),
    cooldown_minutes: positiveInt(30)
  }),
  AMOUNT_ANOMALY: ruleSchema('MEDIUM', {
    min_ratio: positiveNumber(10),
    min_ratio_unfunded: positiveNumber(25),
    funding_window_minutes: positiveInt(120),
    min_funding_share: fraction(0.1),
    min_amount_kes: positiveInt(5_000),
    min_history: positiveInt(3),
    first_time_payee_only: flag(true),
    failed_needs_funding: flag(true),
    transaction_types: listOf(TX_TYPES, ['SEND_MONEY']),
    cooldown_minutes: positiveInt(1_440)
  }),
  SIM_SWAP_TAKEOVER: ruleSchema('CRITICAL', {
    trigger_events: listOf(ACCOUNT_EVENT_TYPES, ['SIM_SWAP', 'PIN_RESET']),
    window_hours: positiveNumber(4),
    min_drained_kes: positiveInt(3_000),
    min_ratio: positiveNumber(4),
    new_payee_or_cash_out_only: flag(true)
  }),
  MULE_FAN_IN: ruleSchema('HIGH', {
    window_minutes: positiveInt(120),
    min_distinct_senders: positiveInt(5),
    cash_out_within_minutes: positiveInt(30),
    min_cash_out_ratio: fraction(0.5),
    max_account_age_days: positiveInt(30),
    min_inflow_kes: positiveInt(50),
    first_time_payers_only: flag(true),
    cash_out_types: listOf(TX_TYPES, ['WITHDRAW', 'SEND_MONEY']),
    cooldown_hours: positiveNumber(6)
  }),
  STRUCTURING: ruleSchema('HIGH', {
    edges_kes: amounts([50_000, 250_000]),
    margin_pct: percent(3),
    window_hours: positiveNumber(24),
    min_repeats: positiveInt(3),
    min_total_kes: positiveInt(400_000),
    counted_from_kes: positiveInt(20_000),
    cooldown_hours: positiveNumber(24)
  }),
  AGENT_SPLIT: ruleSchema('MEDIUM', {
    window_minutes: positiveInt(20),
    min_transactions: positiveInt(3),
    min_total_kes: positiveInt(1_000),
    max_part_ratio: positiveNumber(2.5)
  }),
  IMPOSSIBLE_TRAVEL: ruleSchema('HIGH', {
    max_speed_kmh: positiveNumber(500),
    min_distance_km: positiveNumber(300),
    max_gap_hours: positiveNumber(12),
    away_from_home_only: flag(true),
    min_amount_ratio: positiveNumber(3),
    min_amount_kes: positiveInt(100),
    cooldown_minutes: positiveInt(60)
  }),
  DORMANT_REACTIVATION: ruleSchema('HIGH', {
    idle_days: positiveInt(90),
    min_amount_kes: positiveInt(500),
    transaction_types: listOf(TX_TYPES, ['SEND_MONEY', 'WITHDRAW', 'PAYBILL', 'BUY_GOODS'])
  })
} as const satisfies Record<RuleId, z.ZodType>

export type RuleConfigs = { readonly [R in RuleId]: Readonly<z.output<(typeof RULE_SCHEMAS)[R]>> }
export type RuleConfig<R extends RuleId> = RuleConfigs[R]

export interface RuleSet {
  /** Increases with every published change; each alert names the version that raised it. */
  readonly version: number
  readonly rules: RuleConfigs
}

const RulesSchema = z.strictObject(
  Object.fromEntries(RULE_IDS.map((id) => [id, RULE_SCHEMAS[id].optional()])) as { [R in RuleId]: z.ZodOptional<(typeof RULE_SCHEMAS)[R]> },
  { error: 'expected an object with one entry per rule' }
)

const RuleSetSchema = z.strictObject(
  {
    version: z.number({ error: 'expected a non-negative integer' }).int({ error: 'expected a non-negative integer' }).min(0, { error: 'expected a non-negative integer' }),
    rules: RulesSchema
  },
  { error: 'expected an object with version and rules' }
)

export type RuleSetResult = { readonly ok: true; readonly ruleSet: RuleSet } | { readonly ok: false; readonly error: string }

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    const where = path === '' ? '' : `${path}.`
    return issue.keys.map((key) => `${where}${key}: unknown field`).join('; ')
  }
  return `${path === '' ? '(rule set)' : path}: ${issue.message}`
}

/** A missing rule is switched off, with its documented defaults, so partial files are explicit opt-ins. */
function withAllRules(rules: z.output<typeof RulesSchema>): RuleConfigs {
  const filled: Record<string, unknown> = {}
  for (const id of RULE_IDS) filled[id] = rules[id] ?? RULE_SCHEMAS[id].parse({ enabled: false })
  return filled as unknown as RuleConfigs
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** Validates an already parsed document; the error names the first bad field's path. */
export function validateRuleSet(document: unknown): RuleSetResult {
  const result = RuleSetSchema.safeParse(document)
  if (!result.success) {
    const first = result.error.issues[0]
    return { ok: false, error: first === undefined ? 'invalid rule set' : describeIssue(first) }
  }
  const ruleSet: RuleSet = { version: result.data.version, rules: withAllRules(result.data.rules) }
  return { ok: true, ruleSet: deepFreeze(ruleSet) }
}

/** Parses rule set text, JSON or YAML (JSON is YAML), and validates it. Never throws. */
export function parseRuleSet(text: string): RuleSetResult {
  let document: unknown
  try {
    document = parseYaml(text, { prettyErrors: true, uniqueKeys: true })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error)
    return { ok: false, error: `not valid JSON or YAML: ${message}` }
  }
  return validateRuleSet(document)
}

/** The canonical JSON of a rule set (every rule and field spelled out): the record value on mpesa-fraud-rules. */
export function serializeRuleSet(ruleSet: RuleSet): string {
  return JSON.stringify(ruleSet)
}

/** Every rule on with its documented defaults; the same as rules/default-rules.yaml. */
export function defaultRuleSet(version = 3): RuleSet {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, {}]))
  const result = validateRuleSet({ version, rules })
  if (!result.ok) throw new Error(`built-in defaults are invalid: ${result.error}`)
  return result.ruleSet
}

export function ruleIndex(id: RuleId): number {
  return RULE_IDS.indexOf(id)
}

/** Rule indices by id (the order of RULE_IDS), for arrays indexed by rule. */
export const RULE: Readonly<Record<RuleId, number>> = Object.freeze(Object.fromEntries(RULE_IDS.map((id, i) => [id, i])) as Record<RuleId, number>)

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value)
}
