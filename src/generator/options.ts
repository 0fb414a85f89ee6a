// Generator options: one validated, frozen object with defaults, so a bad option names itself before anything runs.

import { z } from 'zod'
import { FRAUD_TYPOLOGIES } from '../domain/labels.ts'
import type { FraudTypology } from '../domain/labels.ts'
import { LIMITS } from '../domain/limits.ts'

export const MAX_ACCOUNTS = 5_000_000

/** Event time: a simulated span (count transactions spread over days) or real time from a clock the caller controls. */
export type TimeOptions =
  | { readonly mode: 'simulated'; readonly start: Date; readonly days: number; readonly count: number }
  | { readonly mode: 'simulated'; readonly start: Date; readonly eventsPerSimulatedSecond: number; readonly count: number }
  | { readonly mode: 'realtime'; readonly now: () => number; readonly count?: number }

export interface GeneratorOptions {
  readonly seed: number
  /** Ordinary customer accounts (default 100,000, up to 5,000,000). */
  readonly accounts?: number
  readonly agents?: number
  readonly tills?: number
  readonly paybills?: number
  /** Businesses paying B2C (salaries, business payments). */
  readonly employers?: number
  /** Reserved never-seen accounts for mule scenarios (default 1% of accounts, at least 256). */
  readonly mulePool?: number
  /** Fraction of background transactions that start a fraud scenario (default 0.001). */
  readonly fraudRate?: number
  /** Relative weights of the typologies that start (default: all equal). */
  readonly typologyWeights?: Partial<Record<FraudTypology, number>>
  /** Fraction of background transactions followed by a poison record (default 0). */
  readonly poisonRate?: number
  /** Fraction of background transactions followed by a benign account event, e.g. a lost phone's SIM swap (default 0.0005). */
  readonly accountEventRate?: number
  /** Transactions at or above this amount get a HIGH_VALUE_TRANSFER label (default 100,000). */
  readonly highValueThreshold?: number
  /** Multiplies background amounts and opening balances (default 1; see docs/generator.md for what else follows). */
  readonly amountScale?: number
  /** Moves the daily activity cycle this many whole hours later (negative: earlier; default 0). */
  readonly activeHoursShift?: number
  readonly time: TimeOptions
}

/** Bounds of the background variations: beyond 10× most amounts would sit at the 250,000 cap. */
export const AMOUNT_SCALE_RANGE = { min: 0.1, max: 10 } as const
export const MAX_ACTIVE_HOURS_SHIFT = 23

/** What --amount-scale and amountScale accept, for error messages. */
export const AMOUNT_SCALE_EXPECTED = `expected a multiplier from ${AMOUNT_SCALE_RANGE.min} to ${AMOUNT_SCALE_RANGE.max}`
/** What --active-hours-shift and activeHoursShift accept. */
export const ACTIVE_HOURS_SHIFT_EXPECTED = `expected whole hours from -${MAX_ACTIVE_HOURS_SHIFT} to ${MAX_ACTIVE_HOURS_SHIFT}`

const positiveInt = (max: number) => z.number().int().min(1).max(max)
const rate = z.number().min(0).max(1)

const TimeSchema = z.union([
  z.strictObject({ mode: z.literal('simulated'), start: z.date(), days: z.number().positive().max(3660), count: positiveInt(1e12) }),
  z.strictObject({
    mode: z.literal('simulated'),
    start: z.date(),
    eventsPerSimulatedSecond: z.number().positive(),
    count: positiveInt(1e12)
  }),
  z.strictObject({ mode: z.literal('realtime'), now: z.custom<() => number>((v) => typeof v === 'function'), count: positiveInt(1e15).optional() })
])

const OptionsSchema = z.strictObject({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  accounts: positiveInt(MAX_ACCOUNTS).optional(),
  agents: positiveInt(400_000).optional(),
  tills: positiveInt(9_000_000).optional(),
  paybills: positiveInt(400_000).optional(),
  employers: positiveInt(100_000).optional(),
  mulePool: positiveInt(1_000_000).optional(),
  fraudRate: rate.optional(),
  typologyWeights: z.partialRecord(z.enum(FRAUD_TYPOLOGIES), z.number().min(0)).optional(),
  poisonRate: rate.optional(),
  accountEventRate: rate.optional(),
  highValueThreshold: positiveInt(LIMITS.maxPerTransaction).optional(),
  amountScale: z.number(AMOUNT_SCALE_EXPECTED).min(AMOUNT_SCALE_RANGE.min, AMOUNT_SCALE_EXPECTED).max(AMOUNT_SCALE_RANGE.max, AMOUNT_SCALE_EXPECTED).optional(),
  activeHoursShift: z.number(ACTIVE_HOURS_SHIFT_EXPECTED).int(ACTIVE_HOURS_SHIFT_EXPECTED).min(-MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).max(MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).optional(),
  time: TimeSchema
})

export interface ResolvedOptions {
  readonly seed: number
  readonly accounts: number
  readonly agents: number
  readonly tills: number
  readonly paybills: number
  readonly employers: number
  readonly mulePool: number
  readonly fraudRate: number
  readonly typologyWeights: Readonly<Record<FraudTypology, number>>
  readonly poisonRate: number
  readonly accountEventRate: number
  readonly highValueThreshold: number
  readonly amountScale: number
  readonly activeHoursShift: number
  readonly time: TimeOptions
}

/** How the background differs from the defaults (issue 5: the detector measured on another background). */
export type BackgroundVariation = Pick<ResolvedOptions, 'amountScale' | 'activeHoursShift'>

export const DEFAULT_VARIATION: BackgroundVariation = Object.freeze({ amountScale: 1, activeHoursShift: 0 })

const clamp = (value: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(value)))

/** Validates options and fills defaults scaled to the population (about 1 agent per 120 customers, as in FY24). */
export function resolveOptions(options: GeneratorOptions): ResolvedOptions {
  const parsed = OptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`invalid generator option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  const accounts = options.accounts ?? 100_000
  const weights = Object.fromEntries(FRAUD_TYPOLOGIES.map((t) => [t, options.typologyWeights?.[t] ?? 1])) as Record<FraudTypology, number>
  return Object.freeze({
    seed: options.seed,
    accounts,
    agents: options.agents ?? clamp(accounts / 120, 50, 400_000),
    tills: options.tills ?? clamp(accounts / 50, 50, 9_000_000),
    paybills: options.paybills ?? clamp(accounts / 100, 50, 20_000),
    employers: options.employers ?? clamp(accounts / 500, 20, 5_000),
    mulePool: options.mulePool ?? Math.max(256, Math.ceil(accounts * 0.01)),
    fraudRate: options.fraudRate ?? 0.001,
    typologyWeights: Object.freeze(weights),
    poisonRate: options.poisonRate ?? 0,
    accountEventRate: options.accountEventRate ?? 0.0005,
    highValueThreshold: options.highValueThreshold ?? 100_000,
    amountScale: options.amountScale ?? DEFAULT_VARIATION.amountScale,
    activeHoursShift: options.activeHoursShift ?? DEFAULT_VARIATION.activeHoursShift,
    time: options.time
  })
}
