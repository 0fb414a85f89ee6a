// Processor benchmarks against the local broker: backfill throughput, end-to-end latency at a live rate, and the
// restore time and memory of a large account state. Figures go to bench/results/process.json and docs/benchmarks.md.
// Run: ./node_modules/.bin/node bench/process.ts [--records 1000000] [--rate 10000] [--seconds 60] [--accounts 1000000] [--live-accounts 1000000] [--commit-interval-ms 100]
//      [--threads 1] [--partitions 3] [--compression lz4] [--only throughput|latency|restore|e2e] [--e2e-rate 100000]
import { spawn, spawnSync } from 'node:child_process'
import { cpus } from 'node:os'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'hdr-histogram-js'
import { startLocalCluster } from '../src/broker/local-cluster.ts'
import { loadConfig } from '../src/config/config.ts'
import { projectRoot } from '../src/config/paths.ts'
import { createKafkaAdmin } from '../src/kafka/admin.ts'
import { createRecordProducer } from '../src/kafka/producer.ts'
import { readTopicsToEnd } from '../src/kafka/topic-reader.ts'
import { tailTopics } from '../src/kafka/topic-tail.ts'
import { consumerGroupName, resolveTopics } from '../src/topics/registry.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' }, rate: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '60' },
    accounts: { type: 'string', default: '1000000' }, 'live-accounts': { type: 'string', default: '1000000' }, 'commit-interval-ms': { type: 'string', default: '100' }, only: { type: 'string' },
    threads: { type: 'string', default: '1' }, partitions: { type: 'string', default: '3' }, compression: { type: 'string', default: 'lz4' },
    'e2e-rate': { type: 'string', default: '100000' }
  }
})
const config = loadConfig()
await startLocalCluster(config.localCluster, (line) => { console.log(line) })
const cli = join(projectRoot, 'src/cli/main.ts')
const env = (prefix: string): NodeJS.ProcessEnv => ({ ...process.env, TOPIC_PREFIX: prefix, TOPIC_PARTITIONS: values.partitions, LOG_LEVEL: 'info' })
/** The processor's options under test, the same in every part. */
const processorArgs = ['--commit-interval-ms', values['commit-interval-ms'], '--threads', values.threads, '--compression', values.compression]
const start = (): string => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 86_400_000).toISOString()

function produce (prefix: string, args: string[]): void {
  const run = spawnSync(process.execPath, [cli, 'produce', ...args], { encoding: 'utf8', env: env(prefix) })
  if (run.status !== 0) throw new Error(`produce failed: ${run.stderr.slice(-2000)}`)
}

async function produceLive (prefix: string, args: string[]): Promise<void> {
  const run = spawn(process.execPath, [cli, 'produce', ...args], { env: env(prefix), stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  run.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000) })
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve))
  if (code !== 0) throw new Error(`produce failed: ${stderr}`)
}

function processUntilCaughtUp (prefix: string, extra: readonly string[] = []): { seconds: number; processed: number; output: string } {
  const began = performance.now()
  const run = spawnSync(process.execPath, [cli, 'process', '--until-caught-up', ...processorArgs, ...extra], { encoding: 'utf8', env: env(prefix), maxBuffer: 1 << 28 })
  const seconds = (performance.now() - began) / 1000
  const done = /processed ([\d,]+)/.exec(run.stderr + run.stdout)
  if (run.status !== 0 || done === null) throw new Error(`process failed: ${(run.stderr + run.stdout).slice(-2000)}`)
  return { seconds, processed: Number((done[1] ?? '0').replaceAll(',', '')), output: run.stderr + run.stdout }
}

/**
 * Backfill: N records already in the topic, one processor, exactly-once on, from start to caught up. `days` is the
 * event-time span: one day squeezes a day's window closings and idle-state scans into seconds (heavier per record
 * than live traffic); records / 100,000 seconds is the density of a live stream at 100,000 tx/s.
 */
function throughput (days: number, accounts: string, extra: readonly string[] = []): Record<string, number | string> {
  const prefix = `bench-eos-${Date.now().toString(36)}.`
  produce(prefix, ['--rate', '0', '--count', values.records, '--seed', '7', '--start', start(), '--days', String(days), '--accounts', accounts])
  const { seconds, processed, output } = processUntilCaughtUp(prefix, extra)
  // From the first partition assignment to the end: without the process's start-up (about a second of loading).
  const times = output.split('\n').filter((l) => l.includes('"partitions assigned"')).map((l) => (JSON.parse(l) as { time: number }).time)
  const finished = Date.now()
  const working = times.length === 0 ? seconds : (finished - Math.min(...times)) / 1000
  return {
    records: processed, eventTimeSpanSeconds: Math.round(days * 86_400), accounts: Number(accounts), options: [...processorArgs, ...extra].join(' '),
    seconds: Math.round(seconds * 10) / 10, recordsPerSecond: Math.round(processed / seconds), recordsPerSecondFromAssignment: Math.round(processed / working)
  }
}

/** Live: traffic at a fixed rate in real time; latency = alert readable (read_committed) − its transaction's event time. */
async function latency (): Promise<Record<string, number | string>> {
  const prefix = `bench-lat-${Date.now().toString(36)}.`
  const topics = resolveTopics({ ...config.topics, prefix })
  const admin = createKafkaAdmin(config.kafka)
  await admin.ensureTopics(Object.values(topics))
  await admin.close()
  // Steady state: traffic starts once the processor has joined the group and restored its (empty) state.
  const processor = spawn(process.execPath, [cli, 'process', ...processorArgs], { env: env(prefix), stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    const watch = (chunk: Buffer): void => { seen += chunk.toString(); if (seen.includes('"state restored"')) resolve() }
    processor.stdout.on('data', watch)
    processor.stderr.on('data', watch)
    processor.once('exit', (code) => { reject(new Error(`processor exited (${code}) before it was ready: ${seen.slice(-2000)}`)) })
  })
  processor.stdout.resume()
  processor.stderr.resume()
  const histogram = build()
  // The same latencies without the first 10 s of traffic (the processor's and the broker's warm-up), reported apart.
  const steady = build()
  const warmUpEnds = Date.now() + 10_000
  const stop = new AbortController()
  const tail = tailTopics(config.kafka, {
    topics: [topics.alerts.name], partitions: topics.alerts.partitions, from: new Map(), maxBatch: 1000, maxWaitMs: 5, role: 'bench-latency',
    onBatch: (records) => {
      const now = Date.now()
      for (const r of records) {
        const eventTime = Date.parse((JSON.parse(String(r.value)) as { event_time: string }).event_time)
        const latencyMs = Math.max(0, now - eventTime)
        histogram.recordValue(latencyMs)
        if (eventTime >= warmUpEnds) steady.recordValue(latencyMs)
      }
      return Promise.resolve()
    }
  }, stop.signal)
  // Asynchronously: the tail in this process must read alerts while the traffic flows.
  await produceLive(prefix, ['--rate', values.rate, '--duration', values.seconds, '--seed', '8', '--fraud-rate', '0.01', '--accounts', values['live-accounts']])
  await new Promise((resolve) => setTimeout(resolve, 3000))
  stop.abort()
  await tail
  processor.kill('SIGTERM')
  return { rate: Number(values.rate), seconds: Number(values.seconds), accounts: Number(values['live-accounts']), options: processorArgs.join(' '), alerts: histogram.totalCount, p50Ms: histogram.getValueAtPercentile(50), p99Ms: histogram.getValueAtPercentile(99), maxMs: histogram.maxValue,
    alertsAfterFirst10s: steady.totalCount, p50MsAfterFirst10s: steady.getValueAtPercentile(50), p99MsAfterFirst10s: steady.getValueAtPercentile(99), maxMsAfterFirst10s: steady.maxValue }
}

/**
 * End to end, live: the processor running while the producer sends `--e2e-rate` records/s (`--records` in all) on the
 * same machine. Sustained rate = records / (the moment the group has committed them all − the producer's start).
 */
async function endToEnd (): Promise<Record<string, number | string>> {
  const prefix = `bench-e2e-${Date.now().toString(36)}.`
  const processor = spawn(process.execPath, [cli, 'process', ...processorArgs], { env: env(prefix), stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    const watch = (chunk: Buffer): void => { seen += chunk.toString(); if (seen.split('"state restored"').length > Number(values.threads)) resolve() }
    processor.stdout.on('data', watch)
    processor.stderr.on('data', watch)
    processor.once('exit', (code) => { reject(new Error(`processor exited (${code}) before it was ready: ${seen.slice(-2000)}`)) })
  })
  processor.stdout.resume()
  processor.stderr.resume()
  const admin = createKafkaAdmin(config.kafka)
  const topics = resolveTopics({ ...config.topics, prefix })
  const names = [topics.transactions.name, topics.accountEvents.name]
  const sum = (offsets: Map<string, bigint>): number => Number([...offsets.values()].reduce((a, b) => a + b, 0n))
  const committed = async (): Promise<number> => sum(await admin.groupOffsets(consumerGroupName(prefix, 'pipeline'), names))
  const began = Date.now()
  await produceLive(prefix, ['--rate', values['e2e-rate'], '--count', values.records, '--seed', '7', '--accounts', values['live-accounts']])
  const produced = Date.now()
  const total = sum(await admin.endOffsets(await admin.describeTopics(names)))
  const behindAtProducerEnd = total - await committed()
  while (await committed() < total) await new Promise((resolve) => setTimeout(resolve, 100))
  const done = Date.now()
  await admin.close()
  processor.kill('SIGTERM')
  return {
    records: total, producerRate: Number(values['e2e-rate']), accounts: Number(values['live-accounts']), options: processorArgs.join(' '),
    producerSeconds: (produced - began) / 1000, behindAtProducerEnd, secondsToAllCommitted: (done - began) / 1000, recordsPerSecond: Math.round(total / ((done - began) / 1000))
  }
}

/** A changelog of N accounts (copies of real state values under new keys), restored by a fresh processor. */
async function restore (): Promise<Record<string, number>> {
  const prefix = `bench-restore-${Date.now().toString(36)}.`
  const topics = resolveTopics({ ...config.topics, prefix })
  produce(prefix, ['--rate', '0', '--count', '100000', '--seed', '9', '--start', start(), '--days', '1'])
  processUntilCaughtUp(prefix)
  const templates: Buffer[] = []
  await readTopicsToEnd(config.kafka, [topics.accountStateChangelog.name], [0, 1, 2], (r) => { if (r.value !== null && templates.length < 10_000) templates.push(r.value) })
  const accounts = Number(values.accounts)
  const producer = createRecordProducer(config.kafka, { clientRole: 'bench-restore' })
  for (let i = 0; i < accounts; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, accounts - i) }, (_, j) => ({
      topic: topics.accountStateChangelog.name, key: `2547${String(10_000_000 + i + j).padStart(8, '0')}`, value: templates[(i + j) % templates.length] ?? null
    }))
    await producer.send(batch)
  }
  await producer.close()
  // The input is already processed: the new processor restores the state, finds no lag and stops.
  const { output } = processUntilCaughtUp(prefix)
  const restored = output.split('\n').filter((l) => l.includes('"state restored"')).map((l) => JSON.parse(l) as { records: number; ms: number; rssMb: number; heapUsedMb: number; externalMb: number })
  const last = restored[restored.length - 1]
  if (last === undefined) throw new Error('no restore logged')
  return { accounts, changelogRecords: last.records, restoreSeconds: Math.round(last.ms / 100) / 10, rssMbAfterRestore: last.rssMb, heapUsedMbAfterRestore: last.heapUsedMb, externalMbAfterRestore: last.externalMb }
}

const results: Record<string, unknown> = JSON.parse(readFileSync(join(projectRoot, 'bench/results/process.json'), { encoding: 'utf8', flag: 'a+' }) || '{}') as Record<string, unknown>
results.date = new Date().toISOString()
results.machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version }
if (values.only === undefined || values.only === 'throughput') {
  results.throughput = throughput(1, '100000')
  results.throughputAtLiveDensity = throughput(Number(values.records) / 100_000 / 86_400, values['live-accounts'])
  // The measure of the detector's cost: the same input and processor without it (windows and dead letters only).
  results.throughputAtLiveDensityWithoutDetection = throughput(Number(values.records) / 100_000 / 86_400, values['live-accounts'], ['--no-detection'])
}
if (values.only === undefined || values.only === 'latency') results.latency = await latency()
if (values.only === undefined || values.only === 'restore') results.restore = await restore()
if (values.only === 'e2e') results.endToEnd = await endToEnd()
mkdirSync(join(projectRoot, 'bench/results'), { recursive: true })
writeFileSync(join(projectRoot, 'bench/results/process.json'), JSON.stringify(results, null, 2) + '\n')
console.log(JSON.stringify(results, null, 2))
