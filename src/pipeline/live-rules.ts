// The fraud rule set in force for every task of this process; replaced when a newer version is published.
import type { RuleSet } from '../detection/rule-set.ts'

export class LiveRules {
  #current: RuleSet

  constructor (initial: RuleSet) {
    this.#current = initial
  }

  get current (): RuleSet {
    return this.#current
  }

  /** Applies a newer version; an older or equal one is ignored (returns false). */
  offer (ruleSet: RuleSet): boolean {
    if (ruleSet.version <= this.#current.version) return false
    this.#current = ruleSet
    return true
  }
}
