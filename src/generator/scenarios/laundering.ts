// Money-movement scenarios: mule fan-in with fast cash-out, and structuring just below limits and band edges.

import { LIMITS } from '../../domain/limits.ts'
import {
  MINUTE,
  affordableAmount,
  agentIn,
  depositAt,
  everyday,
  pickCustomer,
  sendMoney,
  spreadOffsets,
  withdrawAt
} from './context.ts'
import type { ScenarioBuilder, ScenarioEnv, ScenarioStep } from './context.ts'

/**
 * MULE_FAN_IN: a never-seen account receives from 8-20 distinct senders within 20-90 minutes, then cashes
 * everything out at an agent 2-12 minutes after the last inflow (inflow ≈ outflow).
 */
export const muleFanIn: ScenarioBuilder = (env) => {
  const mule = env.takeMuleAccount()
  if (mule < 0) return undefined
  const senders = env.rng.between(8, 20)
  const window = env.rng.between(20, 90) * MINUTE
  const offsets = spreadOffsets(env, senders, 0, window)
  offsets[0] = 0
  const steps: ScenarioStep[] = []
  const used = new Set<number>([mule])
  for (const offset of offsets) {
    const victim = pickCustomer(env, 6, (c) => (used.has(c) ? -1 : Math.min(env.pop.wallets.balance(c), everyday(env, 5000))))
    if (victim < 0 || used.has(victim)) continue
    used.add(victim)
    const amount = Math.round(everyday(env, env.rng.between(5, 40))) * 100
    steps.push({
      offset,
      fill: (draft, at) => {
        const affordable = affordableAmount(env, victim, 'SEND_MONEY', env.pop.wallets.balance(victim), at)
        sendMoney(draft, env, victim, mule, Math.min(amount, Math.max(100, affordable)), env.rng.chance(0.5) ? 'APP' : 'USSD')
      }
    })
  }
  const agent = agentIn(env, env.pop.wallets.county(mule))
  steps.push({
    offset: (offsets[offsets.length - 1] ?? 0) + env.rng.between(2, 12) * MINUTE,
    fill: (draft, at) => withdrawAt(draft, env, mule, agent, affordableAmount(env, mule, 'WITHDRAW', env.pop.wallets.balance(mule), at))
  })
  return { typology: 'MULE_FAN_IN', account: mule, steps }
}

/** Two agent deposits that take the balance close to the 500,000 maximum, each itself just under the 250,000 limit. */
function fundingSteps(env: ScenarioEnv, account: number): ScenarioStep[] {
  const agent = agentIn(env, env.pop.wallets.county(account))
  const firstAmount = env.rng.between(2450, 2499) * 100
  return [
    { offset: 0, fill: (draft) => depositAt(draft, env, account, agent, firstAmount) },
    {
      offset: env.rng.between(3, 30) * MINUTE,
      fill: (draft) => {
        const room = LIMITS.maxBalance - env.pop.wallets.balance(account)
        depositAt(draft, env, account, agent, Math.max(1, Math.min(env.rng.between(2450, 2499) * 100, room)))
      }
    }
  ]
}

/**
 * STRUCTURING: after funding, either two transfers of 249,000-249,999 (just under the per-transaction limit) or
 * 8-10 transfers of 48,500-49,999 (just under the 50,000 line), so the day's debits end close to 500,000.
 */
export const structuring: ScenarioBuilder = (env, now) => {
  // A wallet with little money and no debits yet today, so the funding fits the balance cap and the transfers the daily limit.
  const account = pickCustomer(env, 16, (c) => (env.ledger.debitedToday(c, now) > 5_000 ? -Infinity : -env.pop.wallets.balance(c)))
  if (account < 0) return undefined
  const steps = fundingSteps(env, account)
  const nearLimit = env.rng.chance(0.5)
  const count = nearLimit ? 2 : env.rng.between(8, 10)
  const low = nearLimit ? 249_000 : 48_500
  const high = nearLimit ? 249_999 : 49_999
  const collaborators = Array.from({ length: nearLimit ? 2 : env.rng.between(3, 5) }, () =>
    pickCustomer(env, 8, (c) => (c === account ? -Infinity : -env.pop.wallets.balance(c)))
  ).filter((c) => c >= 0)
  if (collaborators.length === 0) return undefined
  let offset = steps[steps.length - 1]!.offset + env.rng.between(20, 90) * MINUTE
  for (let i = 0; i < count; i++) {
    const payee = collaborators[i % collaborators.length]!
    const wanted = env.rng.between(low, high)
    steps.push({
      offset,
      fill: (draft, at) => {
        // Stay under both limits: if the balance or the day's room is short, the amount shrinks rather than failing.
        const amount = Math.min(wanted, affordableAmount(env, account, 'SEND_MONEY', env.pop.wallets.balance(account), at))
        sendMoney(draft, env, account, payee, amount, 'APP')
      }
    })
    offset += nearLimit ? env.rng.between(30, 180) * MINUTE : env.rng.between(10, 40) * MINUTE
  }
  return { typology: 'STRUCTURING', account, steps }
}

