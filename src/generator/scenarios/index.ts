// Registry of scenario builders by fraud typology.

import type { FraudTypology } from '../../domain/labels.ts'
import type { ScenarioBuilder } from './context.ts'
import { muleFanIn, structuring } from './laundering.ts'
import { agentSplit, amountAnomaly, highValueTransfer, impossibleTravel } from './outliers.ts'
import { dormantReactivation, simSwapTakeover, velocityBurst } from './takeover.ts'

export const SCENARIO_BUILDERS: Readonly<Record<FraudTypology, ScenarioBuilder>> = Object.freeze({
  SIM_SWAP_TAKEOVER: simSwapTakeover,
  VELOCITY_BURST: velocityBurst,
  AMOUNT_ANOMALY: amountAnomaly,
  MULE_FAN_IN: muleFanIn,
  STRUCTURING: structuring,
  AGENT_SPLIT: agentSplit,
  IMPOSSIBLE_TRAVEL: impossibleTravel,
  DORMANT_REACTIVATION: dormantReactivation,
  HIGH_VALUE_TRANSFER: highValueTransfer
})

export type { ScenarioBuilder, ScenarioEnv, ScenarioPlan, ScenarioStep } from './context.ts'
