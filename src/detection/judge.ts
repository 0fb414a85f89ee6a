// Turns rule findings into alerts or shadow hits, counts evaluations per rule, and remembers what fired for the current record.

import { formatEat } from '../domain/eat-time.ts'
import { alertId } from './alert.ts'
import type { Alert } from './alert.ts'
import type { CompiledRules } from './compiled-rules.ts'
import type { Finding } from './context.ts'
import { RULE_IDS } from './rule-set.ts'
import type { RuleId } from './rule-set.ts'

export interface RuleCounters {
  /** Times each rule looked at a record it applies to. */
  readonly evaluated: Record<RuleId, number>
  /** Alerts raised (rules in alert mode). */
  readonly fired: Record<RuleId, number>
  /** Hits of rules in shadow mode: counted, no alert. */
  readonly shadow: Record<RuleId, number>
}

const zeroes = (): Record<RuleId, number> => Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>
const NO_ALERTS: readonly Alert[] = Object.freeze([])
/** Shadow hits kept until taken; older ones are dropped (and counted) beyond this. */
export const SHADOW_BUFFER = 10_000

export class Judge {
  readonly counters: RuleCounters = { evaluated: zeroes(), fired: zeroes(), shadow: zeroes() }
  /** Rule index and event time of each finding for the current record, flattened. */
  readonly fired: number[] = []
  #rules!: CompiledRules
  #detectedAt = 0
  #alerts: Alert[] | undefined
  #shadow: Alert[] = []
  #shadowDropped = 0

  /** Starts a record: findings from now on belong to it. */
  begin(rules: CompiledRules, detectedAt: number): void {
    this.#rules = rules
    this.#detectedAt = detectedAt
    this.#alerts = undefined
    this.fired.length = 0
  }

  /** The record's alerts (a shared empty array when there are none). */
  alerts(): readonly Alert[] {
    return this.#alerts ?? NO_ALERTS
  }

  firedBesides(rule: number): boolean {
    for (let i = 0; i < this.fired.length; i += 2) if (this.fired[i] !== rule) return true
    return false
  }

  /** Counts an evaluation; turns a finding into an alert, or a shadow hit when the rule is in shadow mode. */
  judge(rule: number, finding: Finding | undefined): void {
    const id = RULE_IDS[rule]!
    this.counters.evaluated[id]++
    if (finding === undefined) return
    this.fired.push(rule, finding.eventTime)
    const cfg = this.#rules.rules[id]
    const alert = this.#alert(finding, cfg.severity)
    if (cfg.shadow) {
      this.counters.shadow[id]++
      if (this.#shadow.length >= SHADOW_BUFFER) {
        this.#shadow.shift()
        this.#shadowDropped++
      }
      this.#shadow.push(alert)
      return
    }
    this.counters.fired[id]++
    ;(this.#alerts ??= []).push(alert)
  }

  takeShadow(): { alerts: Alert[]; dropped: number } {
    const taken = { alerts: this.#shadow, dropped: this.#shadowDropped }
    this.#shadow = []
    this.#shadowDropped = 0
    return taken
  }

  #alert(finding: Finding, severity: Alert['severity']): Alert {
    return {
      alert_id: alertId(finding.rule, finding.trigger),
      rule_id: finding.rule,
      rule_version: this.#rules.version,
      typology: finding.rule,
      severity,
      score: Math.round(finding.score * 1000) / 1000,
      account: finding.account,
      transaction_ids: finding.evidence,
      event_time: formatEat(finding.eventTime),
      detected_at: formatEat(this.#detectedAt),
      explanation: finding.explanation
    }
  }
}
