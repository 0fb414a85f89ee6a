// One exactly-once processor (a stream thread): the fraud rules it follows, its engine and its Kafka runner.
// `pesaflow process` runs one in its main thread, or several in worker threads (--threads).
import { readFileSync } from 'node:fs'
import { defaultRuleSet, parseRuleSet, type RuleSet } from '../detection/rule-set.ts'
import type { Compression } from '../engine/records.ts'
import { StreamEngine, type EngineCounters } from '../engine/stream-engine.ts'
import { PesaflowError } from '../errors.ts'
import { ExactlyOnceRunner, type CaughtUpReport, type RunnerObserver } from '../kafka/exactly-once-runner.ts'
import { partitionForKey } from '../kafka/partitioner.ts'
import type { Logger } from '../log/logger.ts'
import { LiveRules } from '../pipeline/live-rules.ts'
import type { PipelineSettings } from '../pipeline/settings.ts'
import { mpesaTopology } from '../pipeline/topology.ts'
import type { Config } from '../config/config.ts'
import { consumerGroupName, type TopicId, type TopicSpec } from '../topics/registry.ts'
import { followRules, readPublishedRules } from './rule-feed.ts'

export interface ProcessorOptions {
  readonly config: Config
  readonly topics: Readonly<Record<TopicId, TopicSpec>>
  readonly log: Logger
  readonly processorId: string
  readonly settings: PipelineSettings
  readonly commitIntervalMs: number
  readonly untilCaughtUp: boolean
  readonly compression: Compression
  /** A rules file used until a newer version is published to mpesa-fraud-rules (default: the built-in rules). */
  readonly rulesFile?: string
  readonly observe?: RunnerObserver
  readonly caughtUpGate?: (report: CaughtUpReport) => Promise<boolean>
  readonly groupSettled?: () => boolean
}

/** What the progress line shows of a processor (or of all stream threads together). */
export interface ProcessorTotals {
  readonly counters: EngineCounters
  readonly lag: bigint
  readonly lastCommitAt: number
  readonly restoring: { restored: number; target: number } | undefined
}

export interface ProcessorInstance {
  readonly engine: StreamEngine
  readonly runner: ExactlyOnceRunner
  /** A snapshot of its counters, total lag, last commit and restore progress. */
  totals (): ProcessorTotals
  /** Runs until caught up (with untilCaughtUp) or stopped; stops following the rules when it returns. */
  run (): Promise<void>
  /** Commits the open transaction and leaves the group. */
  stop (): void
}

export async function createProcessor (options: ProcessorOptions): Promise<ProcessorInstance> {
  const { config, topics, log, processorId } = options
  const groupId = consumerGroupName(config.topics.prefix, 'pipeline')
  const published = await readPublishedRules(config.kafka, topics.fraudRules.name)
  const local = options.rulesFile === undefined ? defaultRuleSet() : ruleFile(options.rulesFile)
  const rules = new LiveRules(published.ruleSet !== undefined && published.ruleSet.version >= local.version ? published.ruleSet : local)
  log.info({ processorId, version: rules.current.version, source: rules.current === local ? (options.rulesFile ?? 'built-in defaults') : 'mpesa-fraud-rules' }, 'fraud rules in force')
  const stopRules = new AbortController()
  void followRules(config.kafka, topics.fraudRules.name, published.nextOffset, (update) => {
    if (update.refused !== undefined) log.error({ processorId, offset: String(update.offset), reason: update.refused }, 'published rules refused; the running rules stay')
    else if (update.ruleSet !== undefined && rules.offer(update.ruleSet)) log.info({ processorId, version: update.ruleSet.version }, 'fraud rules updated')
  }, stopRules.signal).catch((error: unknown) => { log.error({ processorId, error: String(error) }, 'following the fraud rules stopped') })
  const engine = new StreamEngine(mpesaTopology(topics, options.settings, rules), { processorId, now: Date.now, partitionOf: partitionForKey })
  const runner = new ExactlyOnceRunner(config.kafka, engine, {
    groupId,
    transactionalId: `${groupId}-${processorId}`,
    changelogTopics: [topics.accountStateChangelog.name, topics.windowStateChangelog.name, topics.taskMetaChangelog.name],
    commitIntervalMs: options.commitIntervalMs,
    maxBufferedRecords: 20_000,
    compression: options.compression,
    untilCaughtUp: options.untilCaughtUp,
    log: (event, fields) => { log.info({ processorId, ...fields }, event) },
    observe: options.observe,
    caughtUpGate: options.caughtUpGate,
    groupSettled: options.groupSettled
  })
  log.info({ processorId, groupId }, 'processor starting')
  return {
    engine,
    runner,
    run: async () => {
      try {
        await runner.run()
      } finally {
        stopRules.abort()
      }
    },
    stop: () => { runner.stop() },
    totals: () => ({
      counters: { ...engine.counters },
      lag: [...runner.status.lag.values()].reduce((a, b) => a + b, 0n),
      lastCommitAt: runner.status.lastCommitAt,
      restoring: runner.status.restoring
    })
  }
}

function ruleFile (file: string): RuleSet {
  const parsed = parseRuleSet(readFileSync(file, 'utf8'))
  if (!parsed.ok) throw new PesaflowError('RULES_INVALID', `${file} refused: ${parsed.error}`)
  return parsed.ruleSet
}
