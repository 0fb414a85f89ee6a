// The one registry of Kafka topics: every topic PesaFlow reads or writes is declared here, once.

/** How a topic's partition count is chosen. */
type PartitionRule = 'input' | 'single' | number

export interface TopicDeclaration {
  /** Logical name used in code; the Kafka name adds the configured prefix. */
  readonly id: TopicId
  readonly baseName: string
  readonly purpose: string
  readonly key: string
  readonly value: string
  /** 'input': as many partitions as mpesa-transactions, so keys co-partition with it (joins, changelogs). */
  readonly partitions: PartitionRule
  readonly config: Readonly<Record<string, string>>
}

const compacted = { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '0', 'segment.ms': '600000' } as const
/** Replaced by the configured retention (TOPIC_RETENTION_HOURS) when topics are resolved. */
const weekOfData = { 'retention.ms': 'configured' } as const

export const topicDeclarations = [
  {
    id: 'transactions', baseName: 'mpesa-transactions', partitions: 'input', config: weekOfData,
    purpose: 'M-Pesa transactions as they happen', key: 'sender', value: 'Transaction (schemas/mpesa-transaction.schema.json)'
  },
  {
    id: 'accountEvents', baseName: 'mpesa-account-events', partitions: 'input', config: weekOfData,
    purpose: 'SIM swaps, PIN resets, device changes; co-partitioned with transactions for the join', key: 'msisdn',
    value: 'AccountEvent (schemas/mpesa-account-event.schema.json)'
  },
  {
    id: 'alerts', baseName: 'mpesa-alerts', partitions: 'input', config: weekOfData,
    purpose: 'Fraud and high-value alerts', key: 'account', value: 'Alert JSON'
  },
  {
    id: 'aggregates', baseName: 'mpesa-aggregates', partitions: 'input', config: weekOfData,
    purpose: 'Windowed volumes by market (and type)', key: 'window + market', value: 'Aggregate JSON'
  },
  {
    id: 'deadLetters', baseName: 'mpesa-transactions-dlq', partitions: 'input', config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    purpose: 'Records that failed parsing or validation, byte for byte, with error headers', key: 'original key', value: 'original bytes'
  },
  {
    id: 'lateEvents', baseName: 'mpesa-late-events', partitions: 'input', config: weekOfData,
    purpose: 'Transactions later than the window grace period, counted and kept', key: 'sender', value: 'Transaction'
  },
  {
    id: 'fraudRules', baseName: 'mpesa-fraud-rules', partitions: 'single', config: compacted,
    purpose: 'Versioned fraud rule sets, hot-reloaded by every processor', key: 'rule set name', value: 'RuleSet JSON'
  },
  {
    id: 'fraudLabels', baseName: 'mpesa-fraud-labels', partitions: 'single', config: weekOfData,
    purpose: 'Ground truth from the generator (scenarios, poison); never read by the detector', key: 'scenario or poison id', value: 'Label JSON'
  },
  {
    id: 'inflowRepartition', baseName: 'pesaflow-processor-inflows-by-receiver', partitions: 'input', config: { 'retention.ms': String(24 * 3600 * 1000) },
    purpose: 'Internal repartition topic: money into an account, re-keyed by receiver so one task sees all of an account\'s inflows (mule fan-in)', key: 'receiver', value: 'Inflow JSON'
  },
  {
    id: 'accountStateChangelog', baseName: 'pesaflow-processor-account-state-changelog', partitions: 'input', config: compacted,
    purpose: 'Changelog of the processor\'s per-account state (restored on start and on assignment)', key: 'account', value: 'AccountState JSON'
  },
  {
    id: 'windowStateChangelog', baseName: 'pesaflow-processor-window-state-changelog', partitions: 'input', config: compacted,
    purpose: 'Changelog of the processor\'s open window aggregates', key: 'window + market', value: 'WindowState JSON'
  },
  {
    id: 'taskMetaChangelog', baseName: 'pesaflow-processor-task-meta-changelog', partitions: 'input', config: compacted,
    purpose: 'Changelog of each processor task\'s stream time (the watermark survives restarts)', key: 'meta key', value: 'JSON'
  }
] as const satisfies readonly (Omit<TopicDeclaration, 'id'> & { id: string })[]

export type TopicId = (typeof topicDeclarations)[number]['id']

export interface TopicSpec {
  readonly id: TopicId
  readonly name: string
  readonly partitions: number
  readonly replicationFactor: number
  readonly config: Readonly<Record<string, string>>
  readonly declaration: TopicDeclaration
}

export interface TopicSettings {
  readonly prefix: string
  readonly partitions: number
  readonly replicationFactor: number
  /** Retention of the data topics. Kafka judges age by record timestamp, which is event time here. */
  readonly retentionMs: number
}

/** The concrete topics for one configuration: names with their prefix, partitions and replication. */
export function resolveTopics (settings: TopicSettings): Readonly<Record<TopicId, TopicSpec>> {
  const entries = topicDeclarations.map((declaration): [TopicId, TopicSpec] => [declaration.id, {
    id: declaration.id,
    name: settings.prefix + declaration.baseName,
    partitions: partitionCount(declaration.partitions, settings.partitions),
    replicationFactor: settings.replicationFactor,
    config: minIsrFor(settings.replicationFactor, withRetention(declaration.config, settings.retentionMs)),
    declaration
  }])
  return Object.freeze(Object.fromEntries(entries) as Record<TopicId, TopicSpec>)
}

function withRetention (config: Readonly<Record<string, string>>, retentionMs: number): Readonly<Record<string, string>> {
  return config['retention.ms'] === 'configured' ? { ...config, 'retention.ms': String(retentionMs) } : config
}

function partitionCount (rule: PartitionRule, inputPartitions: number): number {
  if (rule === 'input') return inputPartitions
  if (rule === 'single') return 1
  return rule
}

/** With replicas to spare, acks=all must reach at least two of them. */
function minIsrFor (replicationFactor: number, config: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return replicationFactor >= 3 ? { ...config, 'min.insync.replicas': '2' } : config
}

/** Consumer groups, declared with the topics they read (the prefix applies to them too). */
export const consumerGroupDeclarations = {
  pipeline: { baseName: 'mpesa-consumer-group', reads: ['transactions', 'accountEvents'] }
} as const satisfies Record<string, { baseName: string; reads: readonly TopicId[] }>

export function consumerGroupName (prefix: string, id: keyof typeof consumerGroupDeclarations): string {
  return prefix + consumerGroupDeclarations[id].baseName
}
