// Bookkeeping for running fraud scenarios: ids, timing, the accounts they hold, and the label each one yields when done.

import { formatEat } from '../domain/eat-time.ts'
import type { FraudLabel, FraudTypology } from '../domain/labels.ts'
import type { ScenarioPlan, ScenarioStep } from './scenarios/index.ts'

export class RunningScenario {
  readonly id: string
  readonly typology: FraudTypology
  readonly accountIndex: number
  readonly account: string
  readonly transactionIds: string[] = []
  readonly accountEventIds: string[] = []
  first = Number.NaN
  last = Number.NaN
  #pending: number

  constructor(id: string, plan: ScenarioPlan, account: string) {
    this.id = id
    this.typology = plan.typology
    this.accountIndex = plan.account
    this.account = account
    this.#pending = plan.steps.length
  }

  /** Notes one emitted record; true when it was the scenario's last. */
  recorded(epochMs: number): boolean {
    if (this.first !== this.first) this.first = epochMs
    this.last = epochMs
    return --this.#pending === 0
  }

  label(): FraudLabel {
    return {
      kind: 'fraud',
      scenario_id: this.id,
      typology: this.typology,
      account: this.account,
      transaction_ids: this.transactionIds,
      account_event_ids: this.accountEventIds,
      first_event_time: formatEat(this.first),
      last_event_time: formatEat(this.last),
      injected: true
    }
  }
}

/** A queued future record: a scenario step, a poison record, or a benign account event. */
export type QueuedRecord =
  | { readonly kind: 'step'; readonly scenario: RunningScenario; readonly step: ScenarioStep }
  | { readonly kind: 'poison' }
  | { readonly kind: 'benign-event' }

/**
 * Absolute times for a plan's steps starting at `now`. When the plan would run past the end of the simulated span,
 * its offsets are compressed to fit, so every started scenario completes (and is labelled) inside the span.
 */
export function stepTimes(plan: ScenarioPlan, now: number, end: number): number[] {
  const longest = plan.steps.reduce((max, s) => Math.max(max, s.offset), 0)
  const room = end - 1 - now
  const factor = longest > room ? Math.max(0, room) / longest : 1
  return plan.steps.map((s) => now + Math.floor(s.offset * factor))
}
