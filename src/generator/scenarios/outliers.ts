// Agent and amount scenarios: agent split deposits/withdrawals, impossible travel, amount anomalies, high-value transfers.

import { TARIFF_BANDS, sendMoneyFee, withdrawFee } from '../../domain/tariff.ts'
import type { TxDraft } from '../draft.ts'
import { PROFILES } from '../profiles.ts'
import {
  MINUTE,
  affordableAmount,
  agentIn,
  depositAt,
  everyday,
  farCounty,
  firstTimePayee,
  pickCustomer,
  roundLike,
  sendMoney,
  withdrawAt
} from './context.ts'
import type { ScenarioBuilder, ScenarioEnv, ScenarioStep } from './context.ts'

// Withdrawal bands from 3,501 to 35,000: wide enough to split into 3-5 parts of at least 50.
const SPLIT_BANDS = TARIFF_BANDS.filter((b) => b.from >= 3_501 && b.to <= 35_000)

/** Splits total into `parts` positive integers that sum to it, roughly equal with some jitter. */
function splitAmount(env: ScenarioEnv, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.7 + env.rng.float() * 0.6)
  const sum = weights.reduce((a, b) => a + b, 0)
  const out = weights.map((w) => Math.max(50, Math.floor((total * w) / sum)))
  out[parts - 1] = total - out.slice(0, parts - 1).reduce((a, b) => a + b, 0)
  return out
}

/**
 * AGENT_SPLIT: the same customer at the same agent, 3-5 withdrawals (or deposits when the wallet is thin)
 * 1-4 minutes apart whose sum falls inside one tariff band, i.e. one transaction's worth split for commission.
 */
export const agentSplit: ScenarioBuilder = (env) => {
  const account = pickCustomer(env, 8, (c) => env.pop.wallets.balance(c))
  if (account < 0) return undefined
  const band = env.rng.pick(SPLIT_BANDS)
  const total = env.rng.between(band.from, band.to)
  // Splitting must not save the customer fees (the point is the agent's commission per transaction): redraw splits that would.
  const feesOf = (parts: readonly number[]): number => parts.reduce((sum, p) => sum + withdrawFee(p), 0)
  let parts = splitAmount(env, total, env.rng.between(3, 5))
  for (let tries = 0; tries < 16 && feesOf(parts) < withdrawFee(total); tries++) parts = splitAmount(env, total, env.rng.between(3, 5))
  if (feesOf(parts) < withdrawFee(total)) return undefined
  const fees = feesOf(parts)
  const withdraw = env.pop.wallets.balance(account) >= total + fees
  const agent = env.pop.agents.usualFor(account, env.pop.wallets.county(account), 0)
  let offset = 0
  const steps: ScenarioStep[] = parts.map((amount) => {
    const step: ScenarioStep = {
      offset,
      fill: (draft) => (withdraw ? withdrawAt : depositAt)(draft, env, account, agent, amount)
    }
    offset += env.rng.between(1, 4) * MINUTE
    return step
  })
  return { typology: 'AGENT_SPLIT', account, steps }
}

/** IMPOSSIBLE_TRAVEL: two agent transactions, at home and then 400+ km away, 5-40 minutes apart. */
export const impossibleTravel: ScenarioBuilder = (env) => {
  const account = pickCustomer(env, 8, (c) => Math.min(env.pop.wallets.balance(c), everyday(env, 10_000)))
  if (account < 0) return undefined
  const home = env.pop.wallets.county(account)
  const nearAgent = env.pop.agents.usualFor(account, home, 0)
  const farAgent = agentIn(env, farCounty(env, home))
  const cashAt = (agent: number) => (draft: TxDraft, at: number): void => {
    const balance = env.pop.wallets.balance(account)
    if (balance < everyday(env, 600)) depositAt(draft, env, account, agent, roundLike(env, everyday(env, 500 + env.rng.float() * 2000)))
    else withdrawAt(draft, env, account, agent, roundLike(env, affordableAmount(env, account, 'WITHDRAW', balance * 0.4, at)))
  }
  return {
    typology: 'IMPOSSIBLE_TRAVEL',
    account,
    steps: [
      { offset: 0, fill: cashAt(nearAgent) },
      { offset: env.rng.between(5, 40) * MINUTE, fill: cashAt(farAgent) }
    ]
  }
}

/**
 * AMOUNT_ANOMALY: one transfer 25-80 times the account's typical amount (kept under 95,000 so it is not merely
 * high-value); when the wallet cannot cover it, a B2C credit (a loan or payout) lands first.
 */
export const amountAnomaly: ScenarioBuilder = (env) => {
  const account = pickCustomer(env, 8, (c) => (env.pop.profile[c] === 0 || env.pop.profile[c] === 1 ? 1 : 0) + env.rng.float())
  if (account < 0) return undefined
  const typical = everyday(env, 520 * PROFILES[env.pop.profile[account]!]!.amountScale)
  const amount = Math.min(95_000, roundLike(env, typical * (25 + env.rng.float() * 55)))
  const payee = firstTimePayee(env, account)
  const steps: ScenarioStep[] = []
  let offset = 0
  if (env.pop.wallets.balance(account) < amount + sendMoneyFee(amount)) {
    const employers = env.pop.employers
    const lender = employers.pick(env.rng.float())
    const credit = amount + sendMoneyFee(amount) - env.pop.wallets.balance(account) + env.rng.between(0, 20) * 10
    steps.push({
      offset: 0,
      fill: (draft) => draft.reset('B2C', credit, env.pop.wallets.county(account), 'APP').fromBusiness('BUSINESS', employers.numbers[lender]!, employers.values[lender]!).toCustomer(account)
    })
    offset = env.rng.between(10, 90) * MINUTE
  }
  steps.push({ offset, fill: (draft) => sendMoney(draft, env, account, payee, amount, 'APP') })
  return { typology: 'AMOUNT_ANOMALY', account, steps }
}

/**
 * HIGH_VALUE_TRANSFER (not fraud by itself): a transfer of 100,000-200,000, preceded by a cash deposit under
 * 100,000 when the wallet needs topping up, so that the transfer usually succeeds.
 */
export const highValueTransfer: ScenarioBuilder = (env) => {
  const account = pickCustomer(env, 16, (c) => env.pop.wallets.balance(c))
  if (account < 0) return undefined
  const threshold = env.highValueThreshold
  const balance = env.pop.wallets.balance(account)
  const wanted = env.rng.between(threshold, Math.max(threshold, 200_000))
  const topUpCap = threshold - 1
  const amount = Math.max(threshold, Math.min(wanted, balance + topUpCap - sendMoneyFee(wanted)))
  const need = amount + sendMoneyFee(amount) - balance
  const payee = firstTimePayee(env, account)
  const steps: ScenarioStep[] = []
  let offset = 0
  if (need > 0) {
    const agent = env.pop.agents.usualFor(account, env.pop.wallets.county(account), 0)
    steps.push({ offset: 0, fill: (draft) => depositAt(draft, env, account, agent, Math.min(need, topUpCap)) })
    offset = env.rng.between(5, 60) * MINUTE
  }
  steps.push({ offset, fill: (draft) => sendMoney(draft, env, account, payee, amount, env.rng.chance(0.7) ? 'APP' : 'USSD') })
  return { typology: 'HIGH_VALUE_TRANSFER', account, steps }
}
