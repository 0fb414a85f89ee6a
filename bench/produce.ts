// Producer benchmark: `pesaflow produce` (idempotent, acks=all, lz4) for N seconds against the local broker, then
// Kafka's own ProducerPerformance (same jars, record size, acks, idempotence, compression); our rate as a ratio.
// Run: ./node_modules/.bin/node bench/produce.ts [--seconds 60] [--workers 2]   (results: bench/results/produce.json)
import { spawnSync } from 'node:child_process'
import { cpus } from 'node:os'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startLocalCluster } from '../src/broker/local-cluster.ts'
import { loadConfig } from '../src/config/config.ts'
import { kafkaJarsDir, kafkaRuntimeDir, projectRoot } from '../src/config/paths.ts'
import { createKafkaAdmin } from '../src/kafka/admin.ts'
import { resolveTopics } from '../src/topics/registry.ts'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, workers: { type: 'string', default: '2' } } })
const seconds = Number(values.seconds)
const config = loadConfig()
await startLocalCluster(config.localCluster, (line) => { console.log(line) })

function ours (prefix: string): { rate: number; mbPerSecond: number; acknowledged: number; avgBytes: number } {
  const run = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'produce', '--rate', '0', '--duration', String(seconds),
    '--workers', String(values.workers)], {
    encoding: 'utf8', env: { ...process.env, TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' }
  })
  const summary = /sent ([\d,]+), acknowledged ([\d,]+), failed (\d+), ([\d,]+) msgs\/s, ([\d.]+) MB\/s/.exec(run.stderr)
  if (run.status !== 0 || summary === null) throw new Error(`pesaflow produce failed: ${run.stderr.slice(-2000)}`)
  const n = (s: string | undefined): number => Number((s ?? '0').replaceAll(',', ''))
  const acknowledged = n(summary[2])
  const mbPerSecond = Number(summary[5])
  const rate = n(summary[4])
  return { rate, mbPerSecond, acknowledged, avgBytes: Math.round((mbPerSecond * 1e6) / Math.max(rate, 1)) }
}

function kafkaProducerPerformance (topic: string, recordSize: number, records: number): { rate: number; mbPerSecond: number; line: string } {
  const run = spawnSync('java', ['-Xmx768m', '-cp', join(kafkaJarsDir, '*'), `-Dlog4j2.configurationFile=${join(kafkaRuntimeDir, 'log4j2.yaml')}`, '-Dkafka.logs.dir=/tmp',
    'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(records), '--record-size', String(recordSize), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${config.kafka.brokers.join(',')}`, 'acks=all', 'enable.idempotence=true', 'compression.type=lz4', 'linger.ms=5', 'batch.size=262144'], { encoding: 'utf8' })
  const lines = run.stdout.trim().split('\n')
  const last = lines[lines.length - 1] ?? ''
  const match = /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(last)
  if (run.status !== 0 || match === null) throw new Error(`ProducerPerformance failed: ${run.stderr.slice(-2000)}`)
  return { rate: Number(match[1]), mbPerSecond: Number(match[2]), line: last }
}

const prefix = `bench-${Date.now().toString(36)}.`
const mine = ours(prefix)
const reference = resolveTopics({ ...config.topics, prefix: `${prefix}ref.` }).transactions
const admin = createKafkaAdmin(config.kafka)
await admin.ensureTopics([reference])
const theirs = kafkaProducerPerformance(reference.name, mine.avgBytes, Math.max(1_000_000, Math.round(mine.rate * seconds)))
await admin.deleteTopics([...Object.values(resolveTopics({ ...config.topics, prefix })).map((t) => t.name), reference.name])
await admin.close()

const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  settings: { seconds, workers: Number(values.workers), acks: 'all', idempotent: true, compression: 'lz4', partitions: config.topics.partitions },
  pesaflow: mine,
  kafkaProducerPerformance: theirs,
  ratio: Number((mine.rate / theirs.rate).toFixed(2))
}
mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true })
writeFileSync(join(projectRoot, 'bench', 'results', 'produce.json'), JSON.stringify(result, null, 2) + '\n')
console.log(`pesaflow produce: ${mine.rate.toLocaleString('en-US')} msgs/s, ${mine.mbPerSecond} MB/s (${mine.acknowledged.toLocaleString('en-US')} acknowledged in ${seconds} s, ~${mine.avgBytes} B/record)`)
console.log(`Kafka ProducerPerformance: ${theirs.rate.toLocaleString('en-US')} records/s, ${theirs.mbPerSecond} MB/s`)
console.log(`ratio: ${result.ratio}`)
