// Shared by the integration suites: unique topic and group names per test, and config pointing at the test broker.
import { randomBytes } from 'node:crypto'
import { loadConfig, type Config, type ConfigOverrides } from '../../src/config/config.ts'
import { createKafkaAdmin } from '../../src/kafka/admin.ts'
import { resolveTopics, type TopicId, type TopicSpec } from '../../src/topics/registry.ts'

export function uniqueName (label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

export interface TestCluster {
  readonly config: Config
  readonly topics: Readonly<Record<TopicId, TopicSpec>>
  readonly groupId: string
}

/** A config whose every topic carries a prefix of its own, so tests never share topics or groups. */
export function testCluster (label: string, overrides: ConfigOverrides = {}): TestCluster {
  const prefix = uniqueName(label) + '.'
  const config = loadConfig(process.env, { topicPrefix: prefix, logLevel: 'warn', ...overrides })
  return { config, topics: resolveTopics(config.topics), groupId: `${prefix}group` }
}

export async function createTopics (cluster: TestCluster, ids: readonly TopicId[]): Promise<void> {
  const admin = createKafkaAdmin(cluster.config.kafka)
  try {
    await admin.ensureTopics(ids.map((id) => cluster.topics[id]))
  } finally {
    await admin.close()
  }
}

/**
 * A start for simulated traffic: two days ago, on the hour. Records carry their event time as Kafka timestamp, and
 * the topics keep 7 days: traffic dated further back would be deleted by retention while a test reads it.
 */
export function recentStart (): string {
  return new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 86_400_000).toISOString()
}
