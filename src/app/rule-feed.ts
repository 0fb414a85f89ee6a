// Fraud rules from the compacted topic mpesa-fraud-rules: the version published last, and every later one as it lands.
import { parseRuleSet, type RuleSet } from '../detection/rule-set.ts'
import type { IncomingRecord } from '../engine/records.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import { readTopicsToEnd } from '../kafka/topic-reader.ts'
import { tailTopics } from '../kafka/topic-tail.ts'

/** The record key of the rule set in force (the topic is compacted: only its latest value is kept). */
export const ACTIVE_RULES_KEY = 'active'

export interface PublishedRules {
  readonly ruleSet: RuleSet | undefined
  /** Offset after the record read, where following starts. */
  readonly nextOffset: bigint
}

export interface RuleUpdate { readonly ruleSet?: RuleSet; readonly refused?: string; readonly offset: bigint }

/** Reads a rules record; a value that does not validate is refused with the reason (the running rules stay). */
export function ruleUpdateOf (record: IncomingRecord): RuleUpdate | undefined {
  if (record.key?.toString() !== ACTIVE_RULES_KEY || record.value === null) return undefined
  const parsed = parseRuleSet(record.value.toString('utf8'))
  return parsed.ok ? { ruleSet: parsed.ruleSet, offset: record.offset } : { refused: parsed.error, offset: record.offset }
}

export async function readPublishedRules (kafka: KafkaConnection, topic: string): Promise<PublishedRules> {
  let ruleSet: RuleSet | undefined
  let nextOffset = 0n
  await readTopicsToEnd(kafka, [topic], [0], (record) => {
    nextOffset = record.offset + 1n
    const update = ruleUpdateOf(record)
    if (update?.ruleSet !== undefined) ruleSet = update.ruleSet
  })
  return { ruleSet, nextOffset }
}

/** Calls back with every rules record after `from`, until the signal aborts. */
export async function followRules (kafka: KafkaConnection, topic: string, from: bigint, onUpdate: (update: RuleUpdate) => void, signal: AbortSignal): Promise<void> {
  await tailTopics(kafka, {
    topics: [topic], partitions: 1, from: new Map([[`${topic}:0`, from]]), maxBatch: 100, maxWaitMs: 250, role: 'rules',
    onBatch: (records) => {
      for (const record of records) {
        const update = ruleUpdateOf(record)
        if (update !== undefined) onUpdate(update)
      }
      return Promise.resolve()
    }
  }, signal)
}
