// What a fraud scenario sees and returns: the shared environment, its planned steps, and helpers for choosing parties and amounts.

import { COUNTIES, distanceKm } from '../../domain/counties.ts'
import type { FraudTypology } from '../../domain/labels.ts'
import { LIMITS } from '../../domain/limits.ts'
import { customerFee } from '../../domain/tariff.ts'
import type { AccountEventType, TransactionType } from '../../domain/transaction-types.ts'
import type { TxDraft } from '../draft.ts'
import type { Ledger } from '../ledger.ts'
import { COUNTY_CUMULATIVE } from '../population.ts'
import type { Population } from '../population.ts'
import type { Rng } from '../rng.ts'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

export interface ScenarioEnv {
  readonly rng: Rng
  readonly pop: Population
  readonly ledger: Ledger
  readonly highValueThreshold: number
  /** The background's amount scale: everyday-looking fraud amounts follow it (see docs/generator.md). */
  readonly amountScale: number
  /** Next never-used mule account, or -1 when the reserved pool is spent. */
  takeMuleAccount(): number
}

/** One record of a scenario, `offset` ms after its start; transaction steps fill the draft when they run, seeing live balances. */
export type ScenarioStep =
  | { readonly offset: number; readonly fill: (draft: TxDraft, at: number) => void }
  | { readonly offset: number; readonly accountEvent: AccountEventType; readonly market: number }

export interface ScenarioPlan {
  readonly typology: FraudTypology
  /** Customer index the label names (victim, mule or actor). */
  readonly account: number
  /** Steps with non-decreasing offsets; the first at offset 0. */
  readonly steps: readonly ScenarioStep[]
}

export type ScenarioBuilder = (env: ScenarioEnv, now: number) => ScenarioPlan | undefined

/**
 * Picks an active customer not already in a scenario: the best-scoring of `tries` random candidates,
 * which lets a scenario prefer, say, a well-funded victim without scanning the population.
 */
export function pickCustomer(env: ScenarioEnv, tries: number, score: (customer: number) => number): number {
  let best = -1
  let bestScore = Number.NEGATIVE_INFINITY
  for (let t = 0; t < tries; t++) {
    const candidate = env.pop.randomActive(env.rng.float(), -1)
    if (env.pop.busy[candidate] === 1) continue
    const s = score(candidate)
    if (s > bestScore) {
      best = candidate
      bestScore = s
    }
  }
  return best
}

/** A payee the account has never used: a random customer in another county (usual payees share the county). */
export function firstTimePayee(env: ScenarioEnv, account: number): number {
  for (let t = 0; t < 8; t++) {
    const payee = env.pop.randomActive(env.rng.float(), account)
    if (env.pop.wallets.county(payee) !== env.pop.wallets.county(account)) return payee
  }
  return env.pop.randomActive(env.rng.float(), account)
}

export function randomCounty(env: ScenarioEnv): number {
  return env.rng.weighted(COUNTY_CUMULATIVE)
}

// For each county, the counties at least FAR_KM away by headquarters; a car cannot cover that within the travel window.
export const FAR_KM = 400
const FAR_COUNTIES: readonly (readonly number[])[] = COUNTIES.map((from) => {
  const far = COUNTIES.flatMap((to, i) => (distanceKm(from, to) >= FAR_KM ? [i] : []))
  if (far.length > 0) return far
  let farthest = 0
  COUNTIES.forEach((to, i) => {
    if (distanceKm(from, to) > distanceKm(from, COUNTIES[farthest]!)) farthest = i
  })
  return [farthest]
})

export function farCounty(env: ScenarioEnv, from: number): number {
  return env.rng.pick(FAR_COUNTIES[from]!)
}


/**
 * The largest amount of `type` the customer can debit from `budget` KES of its balance: fee included,
 * within the per-transaction and remaining daily limits. At least 1, so an empty wallet gives a FAILED attempt.
 */
export function affordableAmount(env: ScenarioEnv, customer: number, type: TransactionType, budget: number, at: number): number {
  const dailyRoom = LIMITS.maxDailyDebits - env.ledger.debitedToday(customer, at)
  const whole = Math.floor(budget)
  const largest = Math.min(whole, LIMITS.maxPerTransaction)
  // Fees never fall as amounts rise, so largest - fee(largest) plus its own fee still fits the budget.
  const amount = Math.min(largest, whole - customerFee(type, largest), dailyRoom)
  return Math.max(1, amount)
}

/**
 * An amount that is ordinary in the default background, in the current background's money: fraud that imitates
 * everyday payments (or picks an everyday wallet) scales with amountScale; amounts set by limits, tariff bands or the
 * high-value threshold do not.
 */
export function everyday(env: ScenarioEnv, amount: number): number {
  return amount * env.amountScale
}

/** A nearby amount rounded the way people type them (to 10, 50 or 100). */
export function roundLike(env: ScenarioEnv, amount: number): number {
  const unit = amount >= 1000 ? 100 : amount >= 200 ? 50 : 10
  return env.rng.chance(0.6) ? Math.max(unit, Math.round(amount / unit) * unit) : Math.max(1, Math.round(amount))
}

/** Sorted random offsets in [from, to). */
export function spreadOffsets(env: ScenarioEnv, count: number, from: number, to: number): number[] {
  const out = Array.from({ length: count }, () => from + Math.floor(env.rng.float() * (to - from)))
  return out.sort((a, b) => a - b)
}

export function sendMoney(draft: TxDraft, env: ScenarioEnv, from: number, to: number, amount: number, channel: 'APP' | 'USSD'): void {
  draft.reset('SEND_MONEY', amount, env.pop.wallets.county(from), channel).fromCustomer(from).toCustomer(to)
}

/** Cash-out at an agent; the market is the agent's county. */
export function withdrawAt(draft: TxDraft, env: ScenarioEnv, customer: number, agent: number, amount: number): void {
  const agents = env.pop.agents
  draft.reset('WITHDRAW', amount, agents.county[agent]!, 'AGENT').fromCustomer(customer).toBusiness('AGENT', agents.numbers[agent]!, agents.values[agent]!)
}

/** Cash-in at an agent; the agent is the sender, so the record key is the agent number. */
export function depositAt(draft: TxDraft, env: ScenarioEnv, customer: number, agent: number, amount: number): void {
  const agents = env.pop.agents
  draft.reset('DEPOSIT', amount, agents.county[agent]!, 'AGENT').fromBusiness('AGENT', agents.numbers[agent]!, agents.values[agent]!).toCustomer(customer)
}

export function agentIn(env: ScenarioEnv, county: number): number {
  return env.pop.agents.inCounty(county, env.rng.float())
}
