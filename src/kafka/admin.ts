// Cluster administration behind a small interface: reachability, idempotent topic creation, topic description.
import { Admin, ConfigResourceTypes, ConfigSources, FetchIsolationLevels } from '@platformatic/kafka'
import { PesaflowError } from '../errors.ts'
import type { TopicSpec } from '../topics/registry.ts'
import { baseOptions, type KafkaConnection } from './client-options.ts'
import { toPesaflowError } from './errors.ts'

export interface ClusterInfo { readonly clusterId: string; readonly brokers: readonly string[]; readonly controllerId: number }
export interface TopicOutcome { readonly name: string; readonly outcome: 'created' | 'exists' }
export interface TopicDescription {
  readonly name: string
  readonly partitions: number
  readonly replicationFactor: number
  /** Settings that differ from the broker defaults (set on the topic). */
  readonly config: Readonly<Record<string, string>>
}

/** Offsets by "topic:partition". */
export type PartitionOffsets = Map<string, bigint>

export interface GroupMemberInfo { readonly memberId: string; readonly clientId: string; readonly host: string; readonly partitions: readonly string[] }
export interface GroupInfo { readonly groupId: string; readonly state: string; readonly members: readonly GroupMemberInfo[] }

export interface KafkaAdmin {
  /** Log-end offsets (or, readCommitted, last stable offsets) of every partition of the topics. */
  endOffsets (topics: readonly TopicDescription[], readCommitted?: boolean): Promise<PartitionOffsets>
  /** The group's committed offsets for the topics (partitions without a commit are absent). */
  groupOffsets (groupId: string, topics: readonly string[]): Promise<PartitionOffsets>
  describeGroup (groupId: string): Promise<GroupInfo | undefined>
  clusterInfo (): Promise<ClusterInfo>
  ensureTopics (specs: readonly TopicSpec[]): Promise<TopicOutcome[]>
  describeTopics (names: readonly string[]): Promise<TopicDescription[]>
  listTopicNames (): Promise<string[]>
  deleteTopics (names: readonly string[]): Promise<void>
  close (): Promise<void>
}

export function createKafkaAdmin (kafka: KafkaConnection, options: { retries?: number } = {}): KafkaAdmin {
  const admin = new Admin({ ...baseOptions(kafka, 'admin'), retries: options.retries ?? 5 })
  return {
    clusterInfo: async () => guard('reading cluster metadata', async () => {
      const metadata = await admin.metadata({ topics: [], forceUpdate: true })
      const brokers = [...metadata.brokers.values()].map((b) => `${b.host}:${b.port}`)
      return { clusterId: metadata.id, brokers, controllerId: metadata.controllerId }
    }),
    ensureTopics: async (specs) => guard('creating topics', async () => ensureTopics(admin, specs)),
    describeTopics: async (names) => guard('describing topics', async () => describeTopics(admin, names)),
    listTopicNames: async () => guard('listing topics', async () => admin.listTopics()),
    deleteTopics: async (names) => guard('deleting topics', async () => admin.deleteTopics({ topics: [...names] })),
    endOffsets: async (topics, readCommitted = false) => guard('listing end offsets', async () => endOffsets(admin, topics, readCommitted)),
    groupOffsets: async (groupId, topics) => guard(`reading offsets of group ${groupId}`, async () => groupOffsets(admin, groupId, topics)),
    describeGroup: async (groupId) => guard(`describing group ${groupId}`, async () => describeGroup(admin, groupId)),
    close: async () => { await admin.close() }
  }
}

async function guard<T> (doing: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw toPesaflowError(error, doing)
  }
}

async function ensureTopics (admin: Admin, specs: readonly TopicSpec[]): Promise<TopicOutcome[]> {
  const existing = new Set(await admin.listTopics())
  const outcomes: TopicOutcome[] = []
  for (const spec of specs) {
    if (existing.has(spec.name)) {
      outcomes.push({ name: spec.name, outcome: 'exists' })
      continue
    }
    outcomes.push({ name: spec.name, outcome: await createTopic(admin, spec) })
  }
  await verifyPartitions(admin, specs)
  return outcomes
}

async function createTopic (admin: Admin, spec: TopicSpec): Promise<'created' | 'exists'> {
  try {
    await admin.createTopics({
      topics: [spec.name],
      partitions: spec.partitions,
      replicas: spec.replicationFactor,
      configs: Object.entries(spec.config).map(([name, value]) => ({ name, value }))
    })
    return 'created'
  } catch (error) {
    // Another process created it between our list and create: that is the idempotent outcome.
    if (/TOPIC_ALREADY_EXISTS|already exists/i.test(JSON.stringify(errorShape(error)))) return 'exists'
    throw error
  }
}

function errorShape (error: unknown): unknown {
  if (!(error instanceof Error)) return error
  return { message: error.message, cause: errorShape(error.cause), errors: (error as { errors?: unknown[] }).errors?.map(errorShape) }
}

/** A topic that exists with another partition count would break co-partitioning: say so instead of carrying on. */
async function verifyPartitions (admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const described = await describeTopics(admin, specs.map((s) => s.name))
  for (const spec of specs) {
    const actual = described.find((d) => d.name === spec.name)
    if (actual !== undefined && actual.partitions !== spec.partitions) {
      throw new PesaflowError('TOPIC_MISMATCH',
        `Topic ${spec.name} exists with ${actual.partitions} partitions, configured ${spec.partitions}: delete it or set TOPIC_PARTITIONS=${actual.partitions}.`)
    }
  }
}

async function describeTopics (admin: Admin, names: readonly string[]): Promise<TopicDescription[]> {
  if (names.length === 0) return []
  const metadata = await admin.metadata({ topics: [...names], forceUpdate: true })
  const configs = await admin.describeConfigs({
    resources: names.map((name) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: name }))
  })
  return names.map((name) => {
    const topic = metadata.topics.get(name)
    const topicConfig = configs.find((c) => c.resourceName === name)?.configs ?? []
    const config = Object.fromEntries(topicConfig
      .filter((c) => c.configSource === ConfigSources.DYNAMIC_TOPIC_CONFIG && c.value !== null)
      .map((c) => [c.name, c.value ?? '']))
    return {
      name,
      partitions: topic?.partitionsCount ?? 0,
      replicationFactor: topic?.partitions[0]?.replicas.length ?? 0,
      config
    }
  })
}

async function endOffsets (admin: Admin, topics: readonly TopicDescription[], readCommitted: boolean): Promise<PartitionOffsets> {
  const listed = await admin.listOffsets({
    topics: topics.map((t) => ({ name: t.name, partitions: Array.from({ length: t.partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n })) })),
    isolationLevel: readCommitted ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED
  })
  return new Map(listed.flatMap((t) => t.partitions.map((p): [string, bigint] => [`${t.name}:${p.partitionIndex}`, p.offset])))
}

async function groupOffsets (admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionOffsets> {
  const [group] = await admin.listConsumerGroupOffsets({ groups: [groupId] })
  const wanted = new Set(topics)
  const offsets: PartitionOffsets = new Map()
  for (const topic of group?.topics ?? []) {
    if (!wanted.has(topic.name)) continue
    for (const p of topic.partitions) if (p.committedOffset >= 0n) offsets.set(`${topic.name}:${p.partitionIndex}`, p.committedOffset)
  }
  return offsets
}

async function describeGroup (admin: Admin, groupId: string): Promise<GroupInfo | undefined> {
  const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId)
  if (group === undefined) return undefined
  return {
    groupId,
    state: String(group.state),
    members: [...group.members.values()].map((m) => ({
      memberId: m.id,
      clientId: m.clientId,
      host: m.clientHost,
      partitions: [...(m.assignments?.values() ?? [])].flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`))
    }))
  }
}
