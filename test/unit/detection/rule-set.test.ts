// Tests the rule set as data: the shipped YAML equals the built-in defaults, JSON and YAML both parse, and every error names its field.

import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { FRAUD_TYPOLOGIES } from '../../../src/domain/labels.ts'
import { DEFAULT_RULES_PATH, loadDefaultRuleSet, readRuleSetFile } from '../../../src/detection/rule-file.ts'
import { RULE_IDS, defaultRuleSet, parseRuleSet, serializeRuleSet, validateRuleSet } from '../../../src/detection/rule-set.ts'

function error(text: string): string {
  const result = parseRuleSet(text)
  assert.equal(result.ok, false)
  return result.ok ? '' : result.error
}

test('rules/default-rules.yaml is version 3 and equals the built-in defaults, every rule on', () => {
  const shipped = loadDefaultRuleSet()
  assert.equal(shipped.version, 3)
  assert.deepEqual(shipped, defaultRuleSet())
  assert.deepEqual(RULE_IDS, FRAUD_TYPOLOGIES)
  for (const id of RULE_IDS) {
    assert.equal(shipped.rules[id].enabled, true, id)
    assert.equal(shipped.rules[id].shadow, false, id)
  }
  assert.equal(shipped.rules.HIGH_VALUE_TRANSFER.threshold_kes, 100_000)
  assert.equal(shipped.rules.DORMANT_REACTIVATION.idle_days, 90)
})

test('JSON and YAML give the same rule set; the canonical JSON round-trips', () => {
  const yaml = 'version: 7\nrules:\n  VELOCITY_BURST:\n    window_seconds: 60\n    severity: CRITICAL\n'
  const json = '{"version":7,"rules":{"VELOCITY_BURST":{"window_seconds":60,"severity":"CRITICAL"}}}'
  const fromYaml = parseRuleSet(yaml)
  const fromJson = parseRuleSet(json)
  assert.ok(fromYaml.ok && fromJson.ok)
  assert.deepEqual(fromYaml.ruleSet, fromJson.ruleSet)
  assert.equal(fromJson.ruleSet.rules.VELOCITY_BURST.window_seconds, 60)
  assert.equal(fromJson.ruleSet.rules.VELOCITY_BURST.min_transactions, 5)
  assert.equal(fromJson.ruleSet.rules.VELOCITY_BURST.severity, 'CRITICAL')
  const again = parseRuleSet(serializeRuleSet(fromJson.ruleSet))
  assert.ok(again.ok)
  assert.deepEqual(again.ruleSet, fromJson.ruleSet)
})

test('a rule left out of the file is off (with its defaults); an empty rule object is on with defaults', () => {
  const result = parseRuleSet('{"version":2,"rules":{"STRUCTURING":{}}}')
  assert.ok(result.ok)
  assert.equal(result.ruleSet.rules.STRUCTURING.enabled, true)
  assert.equal(result.ruleSet.rules.HIGH_VALUE_TRANSFER.enabled, false)
  assert.equal(result.ruleSet.rules.HIGH_VALUE_TRANSFER.threshold_kes, 100_000)
})

test('a bad value is refused with the field path and what was expected', () => {
  assert.equal(error('{"version":1,"rules":{"VELOCITY_BURST":{"window_seconds":0}}}'), 'rules.VELOCITY_BURST.window_seconds: expected a positive integer')
  assert.equal(error('{"version":1,"rules":{"VELOCITY_BURST":{"window_seconds":1.5}}}'), 'rules.VELOCITY_BURST.window_seconds: expected a positive integer')
  assert.equal(error('{"version":1,"rules":{"AGENT_SPLIT":{"window_minutes":"5"}}}'), 'rules.AGENT_SPLIT.window_minutes: expected a positive integer')
  assert.equal(error('{"version":1,"rules":{"MULE_FAN_IN":{"min_cash_out_ratio":2}}}'), 'rules.MULE_FAN_IN.min_cash_out_ratio: expected a number from 0 to 1')
  assert.equal(error('{"version":1,"rules":{"SIM_SWAP_TAKEOVER":{"severity":"URGENT"}}}'), 'rules.SIM_SWAP_TAKEOVER.severity: expected one of LOW, MEDIUM, HIGH, CRITICAL')
  assert.equal(error('{"version":1,"rules":{"SIM_SWAP_TAKEOVER":{"trigger_events":["SIM_SWAP","LOST_PHONE"]}}}'), 'rules.SIM_SWAP_TAKEOVER.trigger_events.1: expected one of SIM_SWAP, PIN_RESET, DEVICE_CHANGE')
  assert.equal(error('{"version":1,"rules":{"STRUCTURING":{"margin_pct":80}}}'), 'rules.STRUCTURING.margin_pct: expected a percentage above 0 and at most 50')
  assert.equal(error('{"version":1,"rules":{"HIGH_VALUE_TRANSFER":{"enabled":"yes"}}}'), 'rules.HIGH_VALUE_TRANSFER.enabled: expected true or false')
})

test('unknown fields and rules, a bad version and broken syntax are refused by name', () => {
  assert.equal(error('{"version":1,"rules":{"VELOCITY_BURST":{"window_secs":60}}}'), 'rules.VELOCITY_BURST.window_secs: unknown field')
  assert.equal(error('{"version":1,"rules":{"PHISHING":{}}}'), 'rules.PHISHING: unknown field')
  assert.equal(error('{"version":-1,"rules":{}}'), 'version: expected a non-negative integer')
  assert.equal(error('{"rules":{}}'), 'version: expected a non-negative integer')
  assert.equal(error('[]'), '(rule set): expected an object with version and rules')
  assert.match(error('version: 1\nrules: {VELOCITY_BURST: {window_seconds: 60}\n'), /^not valid JSON or YAML: /)
  assert.match(error('version: 1\nversion: 2\nrules: {}\n'), /^not valid JSON or YAML: .*[Mm]ap keys must be unique/)
})

test('a parsed rule set is frozen, so a published version cannot change under the detector', () => {
  const ruleSet = defaultRuleSet()
  assert.ok(Object.isFrozen(ruleSet) && Object.isFrozen(ruleSet.rules.AGENT_SPLIT))
  assert.ok(Object.isFrozen(ruleSet.rules.STRUCTURING.edges_kes))
})

test('rule files: read and validated from disk, errors name the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesaflow-rules-'))
  const good = join(dir, 'good.json')
  const bad = join(dir, 'bad.yaml')
  writeFileSync(good, '{"version":3,"rules":{"DORMANT_REACTIVATION":{"idle_days":120}}}')
  writeFileSync(bad, 'version: 3\nrules:\n  DORMANT_REACTIVATION:\n    idle_days: 0\n')
  const read = readRuleSetFile(good)
  assert.ok(read.ok)
  assert.equal(read.ruleSet.rules.DORMANT_REACTIVATION.idle_days, 120)
  assert.deepEqual(readRuleSetFile(bad), { ok: false, error: `${bad}: rules.DORMANT_REACTIVATION.idle_days: expected a positive integer` })
  const missing = readRuleSetFile(join(dir, 'none.yaml'))
  assert.equal(missing.ok, false)
  assert.match(missing.ok ? '' : missing.error, /^cannot read .*none\.yaml: ENOENT/)
  assert.ok(DEFAULT_RULES_PATH.endsWith(join('rules', 'default-rules.yaml')))
})

test('validateRuleSet accepts an already parsed document', () => {
  const result = validateRuleSet({ version: 4, rules: { AMOUNT_ANOMALY: { min_ratio: 12 } } })
  assert.ok(result.ok)
  assert.equal(result.ruleSet.rules.AMOUNT_ANOMALY.min_ratio, 12)
})
