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

const byRule = (counts: Float64Array): Record<RuleId, number> => Object.fromEntries(RULE_IDS.map((id, i) => [id, counts[i]!])) as Record<RuleId, number>
const NO_ALERTS: readonly Alert[] = Object.freeze([])
/** Shadow hits kept until taken; older ones are dropped (and counted) beyond this. */
export const SHADOW_BUFFER = 10_000

export class Judge {
  // Counted by rule index (a keyed update by rule name per evaluation costs more than the rest of most rules).
  readonly #evaluated = new Float64Array(RULE_IDS.length)
  readonly #fired = new Float64Array(RULE_IDS.length)
  readonly #shadowHits = new Float64Array(RULE_IDS.length)
  /** Rule index and event time of each finding for the current record (each rule judges a record at most once). */
  readonly firedRule = new Int32Array(RULE_IDS.length)
  readonly firedTime = new Float64Array(RULE_IDS.length)
  firedCount = 0
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
    this.firedCount = 0
  }

  /** The record's alerts (a shared empty array when there are none). */
  alerts(): readonly Alert[] {
    return this.#alerts ?? NO_ALERTS
  }

  firedBesides(rule: number): boolean {
    for (let i = 0; i < this.firedCount; i++) if (this.firedRule[i] !== rule) return true
    return false
  }

  /** A snapshot of the counts so far. */
  get counters(): RuleCounters {
    return { evaluated: byRule(this.#evaluated), fired: byRule(this.#fired), shadow: byRule(this.#shadowHits) }
  }

  /** Counts an evaluation; turns a finding into an alert, or a shadow hit when the rule is in shadow mode. */
  judge(rule: number, finding: Finding | undefined): void {
    this.#evaluated[rule]! += 1
    if (finding === undefined) return
    this.firedRule[this.firedCount] = rule
    this.firedTime[this.firedCount++] = finding.eventTime
    const cfg = this.#rules.rules[RULE_IDS[rule]!]
    const alert = this.#alert(finding, cfg.severity)
    if (cfg.shadow) {
      this.#shadowHits[rule]! += 1
      if (this.#shadow.length >= SHADOW_BUFFER) {
        this.#shadow.shift()
        this.#shadowDropped++
      }
      this.#shadow.push(alert)
      return
    }
    this.#fired[rule]! += 1
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
