// `pesaflow process`: the exactly-once stream processor (consumer group mpesa-consumer-group).
import { Command } from 'commander'
import { z } from 'zod'
import { claimProcessorSlot } from '../../app/processor-slot.ts'
import { StreamEngine } from '../../engine/stream-engine.ts'
import { ExactlyOnceRunner } from '../../kafka/exactly-once-runner.ts'
import { followRules, readPublishedRules } from '../../app/rule-feed.ts'
import { defaultRuleSet, parseRuleSet, type RuleSet } from '../../detection/rule-set.ts'
import { PesaflowError } from '../../errors.ts'
import { LiveRules } from '../../pipeline/live-rules.ts'
import type { RunnerObserver } from '../../kafka/exactly-once-runner.ts'
import { serveMetrics } from '../../metrics/metrics-server.ts'
import { createMetrics, type Metrics } from '../../metrics/registry.ts'
import { readFileSync } from 'node:fs'
import { defaultPipelineSettings } from '../../pipeline/settings.ts'
import { mpesaTopology } from '../../pipeline/topology.ts'
import { consumerGroupName } from '../../topics/registry.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, untilStopSignal } from '../context.ts'
import { parseFlags } from '../options.ts'
import { formatRate, startProgress } from '../progress.ts'
import { createAllTopics } from './topics.ts'

const num = z.coerce.number()
const ProcessFlags = z.object({
  untilCaughtUp: z.boolean().default(false),
  commitIntervalMs: num.int().min(10).max(10_000).default(100),
  processorId: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -').optional(),
  earlyUpdatesMs: num.int().min(0).default(defaultPipelineSettings.earlyUpdatesMs),
  graceMs: num.int().min(0).default(defaultPipelineSettings.graceMs),
  allowedLatenessMs: num.int().min(0).default(defaultPipelineSettings.allowedLatenessMs),
  idleStateHours: num.positive().default(defaultPipelineSettings.idleStateMs / 3_600_000),
  rules: z.string().min(1).optional(),
  metricsPort: num.int().min(0).max(65535).optional(),
  maxRecordBytes: num.int().min(1024).max(16 * 1024 * 1024).default(defaultPipelineSettings.maxRecordBytes)
})

export function processCommand (): Command {
  return new Command('process')
    .description('run the exactly-once processor: windows, state, alerts and dead letters in Kafka transactions')
    .option('--until-caught-up', 'stop once the group\'s lag is 0 and the last transaction is committed')
    .option('--commit-interval-ms <ms>', 'one transaction per interval', '100')
    .option('--processor-id <id>', 'stable id of this instance (default: host name and the lowest free slot)')
    .option('--early-updates-ms <ms>', 'emit early window updates at most this often; 0 = final results only')
    .option('--grace-ms <ms>', 'how long a window accepts events after the watermark passes its end')
    .option('--allowed-lateness-ms <ms>', 'how far the watermark trails the highest event time')
    .option('--idle-state-hours <h>', 'expire account state idle this long (event time)')
    .option('--rules <file>', 'rules (YAML or JSON) to use until a version is published to mpesa-fraud-rules (default: rules/default-rules.yaml)')
    .option('--metrics-port <port>', 'serve this processor\'s Prometheus /metrics and /health on this port (0: any free port)')
    .option('--max-record-bytes <n>', 'dead-letter record values larger than this (RECORD_TOO_LARGE)')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(ProcessFlags, raw)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      await createAllTopics(ctx)
      const groupId = consumerGroupName(ctx.config.topics.prefix, 'pipeline')
      const slot = flags.processorId === undefined ? claimProcessorSlot(ctx.config.localCluster.dataDir, groupId) : undefined
      const processorId = flags.processorId ?? slot?.processorId ?? 'processor'
      const settings = {
        allowedLatenessMs: flags.allowedLatenessMs, graceMs: flags.graceMs, earlyUpdatesMs: flags.earlyUpdatesMs,
        idleStateMs: flags.idleStateHours * 3_600_000, maxRecordBytes: flags.maxRecordBytes
      }
      const published = await readPublishedRules(ctx.config.kafka, ctx.topics.fraudRules.name)
      const local = flags.rules === undefined ? defaultRuleSet() : ruleFile(flags.rules)
      const rules = new LiveRules(published.ruleSet !== undefined && published.ruleSet.version >= local.version ? published.ruleSet : local)
      ctx.log.info({ processorId, version: rules.current.version, source: rules.current === local ? (flags.rules ?? 'built-in defaults') : 'mpesa-fraud-rules' }, 'fraud rules in force')
      const stopRules = new AbortController()
      void followRules(ctx.config.kafka, ctx.topics.fraudRules.name, published.nextOffset, (update) => {
        if (update.refused !== undefined) ctx.log.error({ processorId, offset: String(update.offset), reason: update.refused }, 'published rules refused; the running rules stay')
        else if (update.ruleSet !== undefined && rules.offer(update.ruleSet)) ctx.log.info({ processorId, version: update.ruleSet.version }, 'fraud rules updated')
      }, stopRules.signal).catch((error: unknown) => { ctx.log.error({ processorId, error: String(error) }, 'following the fraud rules stopped') })
      const metrics = createMetrics()
      const engine = new StreamEngine(mpesaTopology(ctx.topics, settings, rules), { processorId, now: Date.now })
      const runner = new ExactlyOnceRunner(ctx.config.kafka, engine, {
        groupId,
        transactionalId: `${groupId}-${processorId}`,
        changelogTopics: [ctx.topics.accountStateChangelog.name, ctx.topics.windowStateChangelog.name, ctx.topics.taskMetaChangelog.name],
        commitIntervalMs: flags.commitIntervalMs,
        maxBufferedRecords: 20_000,
        untilCaughtUp: flags.untilCaughtUp,
        log: (event, fields) => { ctx.log.info({ processorId, ...fields }, event) },
        observe: processorObserver(metrics, ctx.topics.alerts.name)
      })
      const endpoint = flags.metricsPort === undefined ? undefined : await serveMetrics(metrics, { host: ctx.config.dashboard.host, port: flags.metricsPort, token: ctx.config.dashboard.token })
      if (endpoint !== undefined) ctx.log.info({ processorId, url: `${endpoint.url}/metrics` }, 'metrics served')
      ctx.log.info({ processorId, groupId }, 'processor starting')
      const started = performance.now()
      const progress = startProgress(() => {
        const c = engine.counters
        const seconds = (performance.now() - started) / 1000
        const lag = [...runner.status.lag.values()].reduce((a, b) => a + b, 0n)
        const restore = runner.status.restoring === undefined ? '' : `  restoring ${runner.status.restoring.restored}/${runner.status.restoring.target}`
        return `in ${c.processed.toLocaleString('en-US')} (${formatRate(c.processed, seconds)}/s)  out ${c.emitted.toLocaleString('en-US')}  dead letters ${c.deadLettered}  lag ${lag}  commits ${c.commits}  last commit ${runner.status.lastCommitAt === 0 ? '-' : new Date(runner.status.lastCommitAt).toISOString().slice(11, 23)}${restore}`
      })
      void untilStopSignal((signal) => {
        ctx.log.info({ signal }, 'stopping: committing the open transaction and leaving the group')
        runner.stop()
      })
      try {
        await runner.run()
      } finally {
        stopRules.abort()
        await endpoint?.close()
        slot?.release()
        const c = engine.counters
        progress.stop(`processed ${c.processed.toLocaleString('en-US')}, dead-lettered ${c.deadLettered}, inflows ${c.internal.toLocaleString('en-US')}, emitted ${c.emitted.toLocaleString('en-US')}, commits ${c.commits}, aborts ${c.aborts}`)
        process.removeAllListeners('SIGINT')
        process.removeAllListeners('SIGTERM')
      }
    })
}

function ruleFile (file: string): RuleSet {
  const parsed = parseRuleSet(readFileSync(file, 'utf8'))
  if (!parsed.ok) throw new PesaflowError('RULES_INVALID', `${file} refused: ${parsed.error}`)
  return parsed.ruleSet
}

/** Feeds the processor's commits, rebalances and restores into its Prometheus metrics. */
function processorObserver (metrics: Metrics, alertsTopic: string): RunnerObserver {
  return {
    committed: ({ unit, seconds, oldestInputTimestamp }) => {
      metrics.recordsIn.inc(unit.processed)
      metrics.recordsOut.inc(unit.outputs.length)
      metrics.deadLetters.inc(unit.deadLettered)
      metrics.transactionCommit.observe(seconds)
      for (const record of unit.outputs) {
        if (record.topic !== alertsTopic || record.value === null) continue
        metrics.alerts.inc({ typology: (JSON.parse(record.value.toString('utf8')) as { typology: string }).typology })
      }
      // Live traffic only (event time close to now): a backfill's age says nothing about latency.
      const age = oldestInputTimestamp === undefined ? Number.POSITIVE_INFINITY : Date.now() - oldestInputTimestamp
      if (age >= 0 && age < 60_000) metrics.endToEndLatency.observe(age / 1000)
    },
    rebalanced: () => { metrics.rebalances.inc() },
    restored: (seconds) => { metrics.restore.observe(seconds) }
  }
}
