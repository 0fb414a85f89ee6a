// Reads a rule set file (JSON or YAML) from disk; the only detection module that does I/O.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseRuleSet } from './rule-set.ts'
import type { RuleSet, RuleSetResult } from './rule-set.ts'

/** rules/default-rules.yaml in the repository. */
export const DEFAULT_RULES_PATH = fileURLToPath(new URL('../../rules/default-rules.yaml', import.meta.url))

/** Reads and validates a rule file; a missing or unreadable file is an error result too, never a throw. */
export function readRuleSetFile(path: string): RuleSetResult {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` }
  }
  const result = parseRuleSet(text)
  return result.ok ? result : { ok: false, error: `${path}: ${result.error}` }
}

/** The default rule set from rules/default-rules.yaml; throws if the shipped file is broken (a build error). */
export function loadDefaultRuleSet(): RuleSet {
  const result = readRuleSetFile(DEFAULT_RULES_PATH)
  if (!result.ok) throw new Error(result.error)
  return result.ruleSet
}
