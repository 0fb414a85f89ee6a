// Account-takeover scenarios: SIM swap then drain, dormant wallet reactivation, and bot-like velocity bursts.

import { DORMANT_PROFILE } from '../profiles.ts'
import {
  HOUR,
  MINUTE,
  affordableAmount,
  agentIn,
  everyday,
  firstTimePayee,
  pickCustomer,
  randomCounty,
  roundLike,
  sendMoney,
  withdrawAt
} from './context.ts'
import type { ScenarioBuilder, ScenarioEnv, ScenarioStep } from './context.ts'

const DORMANT_AFTER_MS = 90 * 24 * HOUR

/**
 * Drain steps: each takes an equal share of what is left at the time it runs, the last one everything
 * (minus its fee), to first-time payees or, for the last, an agent in the fraudster's county.
 */
function drainSteps(env: ScenarioEnv, victim: number, county: number, offsets: readonly number[]): ScenarioStep[] {
  return offsets.map((offset, i) => {
    const left = offsets.length - i
    const last = left === 1
    const cashOut = last && env.rng.chance(0.5)
    const payee = firstTimePayee(env, victim)
    const agent = agentIn(env, county)
    return {
      offset,
      fill: (draft, at) => {
        const budget = env.pop.wallets.balance(victim) / left
        if (cashOut) {
          withdrawAt(draft, env, victim, agent, affordableAmount(env, victim, 'WITHDRAW', budget, at))
        } else {
          sendMoney(draft, env, victim, payee, affordableAmount(env, victim, 'SEND_MONEY', last ? budget : roundLike(env, budget), at), 'APP')
          draft.market = county
        }
      }
    }
  })
}

/** SIM_SWAP_TAKEOVER: SIM swap, PIN reset (and often a new device), then 2-4 outflows within 15 min to 3 h that empty the wallet. */
export const simSwapTakeover: ScenarioBuilder = (env) => {
  const victim = pickCustomer(env, 24, (c) => env.pop.wallets.balance(c))
  if (victim < 0) return undefined
  const county = randomCounty(env)
  const steps: ScenarioStep[] = [
    { offset: 0, accountEvent: 'SIM_SWAP', market: county },
    { offset: env.rng.between(2, 10) * MINUTE, accountEvent: 'PIN_RESET', market: county }
  ]
  if (env.rng.chance(0.5)) steps.push({ offset: env.rng.between(11, 15) * MINUTE, accountEvent: 'DEVICE_CHANGE', market: county })
  const first = env.rng.between(15, 90) * MINUTE
  const offsets = [first]
  const outflows = env.rng.between(2, 4)
  for (let i = 1; i < outflows; i++) offsets.push(offsets[i - 1]! + env.rng.between(2, 30) * MINUTE)
  steps.push(...drainSteps(env, victim, county, offsets))
  return { typology: 'SIM_SWAP_TAKEOVER', account: victim, steps }
}

/** A dormant ordinary wallet (idle at least 90 days of event time) with the most money among a few probes. */
function pickDormant(env: ScenarioEnv, now: number): number {
  const from = env.pop.profileStart[DORMANT_PROFILE]!
  const size = env.pop.profileStart[DORMANT_PROFILE + 1]! - from
  let best = -1
  for (let t = 0; t < 16 && size > 0; t++) {
    const candidate = from + env.rng.below(size)
    const idleMs = now - env.pop.wallets.lastActive(candidate) * 1000
    if (env.pop.busy[candidate] === 1 || idleMs < DORMANT_AFTER_MS) continue
    if (best < 0 || env.pop.wallets.balance(candidate) > env.pop.wallets.balance(best)) best = candidate
  }
  return best
}

/** DORMANT_REACTIVATION: after 90+ idle days (often right after a SIM swap) the wallet sends or cashes out most of its money. */
export const dormantReactivation: ScenarioBuilder = (env, now) => {
  const account = pickDormant(env, now)
  if (account < 0) return undefined
  const steps: ScenarioStep[] = []
  let offset = 0
  if (env.rng.chance(0.5)) {
    steps.push({ offset: 0, accountEvent: 'SIM_SWAP', market: randomCounty(env) })
    offset = env.rng.between(10, 120) * MINUTE
  }
  const cashOut = env.rng.chance(0.4)
  const payee = firstTimePayee(env, account)
  const agent = agentIn(env, env.pop.wallets.county(account))
  const share = 0.8 + env.rng.float() * 0.2
  steps.push({
    offset,
    fill: (draft, at) => {
      const budget = env.pop.wallets.balance(account) * share
      if (cashOut) withdrawAt(draft, env, account, agent, affordableAmount(env, account, 'WITHDRAW', budget, at))
      else sendMoney(draft, env, account, payee, affordableAmount(env, account, 'SEND_MONEY', budget, at), 'APP')
    }
  })
  return { typology: 'DORMANT_REACTIVATION', account, steps }
}

/** VELOCITY_BURST: 8-16 transfers a few seconds apart to as many distinct new payees, far above any baseline. */
export const velocityBurst: ScenarioBuilder = (env) => {
  const account = pickCustomer(env, 8, (c) => Math.min(env.pop.wallets.balance(c), everyday(env, 20_000)))
  if (account < 0) return undefined
  const count = env.rng.between(8, 16)
  const steps: ScenarioStep[] = []
  let offset = 0
  for (let i = 0; i < count; i++) {
    const payee = firstTimePayee(env, account)
    const amount = roundLike(env, everyday(env, 100 + env.rng.float() * 1400))
    steps.push({ offset, fill: (draft) => sendMoney(draft, env, account, payee, amount, 'APP') })
    offset += env.rng.between(3, 15) * 1000
  }
  return { typology: 'VELOCITY_BURST', account, steps }
}
