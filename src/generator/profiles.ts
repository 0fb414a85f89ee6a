// Behaviour model of customers: profiles (how often, when, what and how much), per-type amount laws and channels.
//
// No public per-type M-Pesa split exists; the mix blends the PaySim proxy (cash-out 36.5%, payment 34.9%, cash-in 20%,
// transfer 8.1%) with M-Pesa's large P2P share, and amounts are log-normal, calibrated so the overall mean is near
// KES 1,400 (FY24: about KES 40 trn over 28.3 bn transactions).

import type { TransactionType } from '../domain/transaction-types.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import { AliasTable } from './sampling.ts'

/** Transaction types in TRANSACTION_TYPES order, as small integers for typed-array tables. */
export const TYPE_INDEX = Object.freeze(
  Object.fromEntries(TRANSACTION_TYPES.map((t, i) => [t, i])) as Record<TransactionType, number>
)

// Relative activity by EAT hour 0..23 for three daily rhythms.
const EVENING = [0.15, 0.08, 0.05, 0.05, 0.1, 0.35, 0.8, 1.2, 1.3, 1.2, 1.1, 1.1, 1.2, 1.15, 1.1, 1.15, 1.3, 1.6, 1.9, 1.9, 1.6, 1.1, 0.6, 0.3]
const BUSINESS = [0.05, 0.03, 0.02, 0.02, 0.05, 0.3, 0.9, 1.6, 1.9, 1.9, 1.8, 1.8, 1.9, 1.8, 1.8, 1.8, 1.8, 1.7, 1.4, 1.0, 0.6, 0.3, 0.15, 0.08]
const ALL_DAY = [0.1, 0.05, 0.04, 0.04, 0.1, 0.4, 0.9, 1.3, 1.5, 1.5, 1.4, 1.4, 1.5, 1.4, 1.4, 1.4, 1.5, 1.6, 1.7, 1.6, 1.3, 0.9, 0.5, 0.25]

export interface BehaviourProfile {
  readonly name: 'CASUAL' | 'REGULAR' | 'TRADER' | 'SALARIED' | 'DORMANT'
  /** Share of the population. */
  readonly share: number
  /** Mean transactions a day. */
  readonly txPerDay: number
  readonly hourWeights: readonly number[]
  /** Weights in TRANSACTION_TYPES order: SEND_MONEY, PAYBILL, BUY_GOODS, WITHDRAW, DEPOSIT, AIRTIME, B2C, REVERSAL. */
  readonly mix: readonly number[]
  /** Multiplies the type's median amount. */
  readonly amountScale: number
  /** Median opening balance, KES. */
  readonly balanceMedian: number
}

export const PROFILES: readonly BehaviourProfile[] = Object.freeze([
  { name: 'CASUAL', share: 0.45, txPerDay: 0.5, hourWeights: EVENING, mix: [26, 8, 14, 18, 12, 20, 1.5, 0.5], amountScale: 0.75, balanceMedian: 700 },
  { name: 'REGULAR', share: 0.35, txPerDay: 1.2, hourWeights: ALL_DAY, mix: [25, 12, 17, 17, 13, 11, 3.5, 0.5], amountScale: 1.0, balanceMedian: 2500 },
  { name: 'TRADER', share: 0.1, txPerDay: 3, hourWeights: BUSINESS, mix: [22, 10, 14, 24, 22, 5, 2.5, 0.5], amountScale: 1.4, balanceMedian: 8000 },
  { name: 'SALARIED', share: 0.06, txPerDay: 1.5, hourWeights: ALL_DAY, mix: [24, 18, 18, 15, 6, 8, 10, 0.5], amountScale: 1.6, balanceMedian: 12000 },
  { name: 'DORMANT', share: 0.04, txPerDay: 0, hourWeights: ALL_DAY, mix: [1, 0, 0, 0, 0, 0, 0, 0], amountScale: 1.0, balanceMedian: 8000 }
] as const satisfies readonly BehaviourProfile[])

export const DORMANT_PROFILE = PROFILES.findIndex((p) => p.name === 'DORMANT')
export const SALARIED_PROFILE = PROFILES.findIndex((p) => p.name === 'SALARIED')
/** Profile id of reserved mule accounts: never chosen by background traffic. */
export const MULE_PROFILE = PROFILES.length

/** Type mix per profile as alias tables; at month end salaried B2C weight is boosted (salary day). */
export function typeMixTable(monthEnd: boolean): AliasTable[] {
  return PROFILES.map(
    (p, i) => new AliasTable(p.mix.map((w, t) => (monthEnd && t === TYPE_INDEX.B2C ? w * (i === SALARIED_PROFILE ? 3 : 1.5) : w)))
  )
}

/** The hour of the default rhythms that plays at EAT hour h when the daily cycle is shifted `shift` hours later. */
export function rhythmHour(h: number, shift: number): number {
  return (((h - shift) % 24) + 24) % 24
}

/** Weight of each active profile at each EAT hour: share × rate × rhythm (shifted `shift` hours later); 24 alias tables. */
export function profileByHourTable(shift = 0): AliasTable[] {
  return Array.from({ length: 24 }, (_, h) => new AliasTable(PROFILES.map((p) => p.share * p.txPerDay * p.hourWeights[rhythmHour(h, shift)]!)))
}

/** Overall relative intensity at each EAT hour (the mixture of the profiles' rhythms, shifted `shift` hours later). */
export function hourlyIntensity(shift = 0): number[] {
  return Array.from({ length: 24 }, (_, h) => PROFILES.reduce((sum, p) => sum + p.share * p.txPerDay * p.hourWeights[rhythmHour(h, shift)]!, 0))
}

/** Log-normal amount law of a type: median KES, sigma of log, and the floor. */
export interface AmountLaw {
  readonly median: number
  readonly sigma: number
  readonly min: number
}

// In TRANSACTION_TYPES order; REVERSAL copies the reversed amount so its law is unused.
export const AMOUNT_LAWS: readonly AmountLaw[] = Object.freeze([
  { median: 520, sigma: 1.3, min: 10 }, // SEND_MONEY
  { median: 700, sigma: 1.2, min: 10 }, // PAYBILL
  { median: 240, sigma: 1.1, min: 10 }, // BUY_GOODS
  { median: 950, sigma: 1.05, min: 50 }, // WITHDRAW (agent minimum)
  { median: 700, sigma: 1.1, min: 50 }, // DEPOSIT
  { median: 45, sigma: 0.85, min: 5 }, // AIRTIME
  { median: 1500, sigma: 1.3, min: 50 }, // B2C business and promotion payments
  { median: 500, sigma: 1, min: 10 } // REVERSAL (unused)
])

/** Month-end salary payments (B2C SalaryPayment). */
export const SALARY_LAW: AmountLaw = Object.freeze({ median: 24_000, sigma: 0.6, min: 3000 })

// Channel weights per type, in CHANNELS order (USSD, APP, STK, AGENT).
const CHANNEL_WEIGHTS: readonly (readonly number[])[] = [
  [65, 35, 0, 0], // SEND_MONEY
  [25, 20, 55, 0], // PAYBILL: mostly STK push from the biller
  [25, 20, 55, 0], // BUY_GOODS
  [0, 0, 0, 1], // WITHDRAW at an agent
  [0, 0, 0, 1], // DEPOSIT at an agent
  [50, 40, 10, 0], // AIRTIME
  [0, 1, 0, 0], // B2C: initiated by the business's system; APP is the closest channel in the contract
  [1, 0, 0, 0] // REVERSAL: requested by the customer from the phone
]
/** Channel code (index into CHANNELS) per type, as alias tables. */
export const CHANNEL_TABLE: readonly AliasTable[] = CHANNEL_WEIGHTS.map((w) => new AliasTable(w))

/** Synthetic shortcode that receives airtime purchases (not a real Safaricom number). */
export const AIRTIME_SHORTCODE = '99999'
export const AIRTIME_SHORTCODE_VALUE = 99_999
