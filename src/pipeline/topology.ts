// The M-Pesa processing topology on the generic engine: which topics it reads and writes, one task per partition.
import type { Topology } from '../engine/topology.ts'
import type { TopicId, TopicSpec } from '../topics/registry.ts'
import type { LiveRules } from './live-rules.ts'
import type { PipelineSettings } from './settings.ts'
import { StoreNames, TransactionTask } from './transaction-task.ts'

export function mpesaTopology (topics: Readonly<Record<TopicId, TopicSpec>>, settings: PipelineSettings, rules: LiveRules): Topology {
  const changelogs: Record<string, string> = {
    [StoreNames.accounts]: topics.accountStateChangelog.name,
    [StoreNames.windows]: topics.windowStateChangelog.name,
    [StoreNames.meta]: topics.taskMetaChangelog.name
  }
  const taskTopics = {
    transactions: topics.transactions.name,
    accountEvents: topics.accountEvents.name,
    alerts: topics.alerts.name,
    aggregates: topics.aggregates.name,
    lateEvents: topics.lateEvents.name,
    inflows: topics.inflowRepartition.name
  }
  return {
    name: 'mpesa-pipeline',
    inputTopics: [topics.transactions.name, topics.accountEvents.name, topics.inflowRepartition.name],
    internalTopics: [topics.inflowRepartition.name],
    repartitionPartitions: new Map([[topics.inflowRepartition.name, topics.inflowRepartition.partitions]]),
    deadLetterTopic: topics.deadLetters.name,
    changelogTopic: (store) => {
      const topic = changelogs[store]
      if (topic === undefined) throw new Error(`store ${store} has no changelog topic`)
      return topic
    },
    createTask: () => new TransactionTask(taskTopics, settings, rules)
  }
}
