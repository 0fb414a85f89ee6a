// Benchmark of the stream generator: records per second (with JSON bytes) at 100,000 accounts, and memory at 5,000,000 accounts.
// Run: ./node_modules/.bin/node bench/generator.ts   (writes bench/results/generator.json)
// Compare with another checkout: ./node_modules/.bin/node bench/generator.ts --compare ../other-checkout [--rounds 20]

import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { TxDraft } from '../src/generator/draft.ts'
import { createGenerator } from '../src/generator/generator.ts'
import type { GeneratorOptions } from '../src/generator/options.ts'
import { ReceiptIdFactory } from '../src/generator/ids.ts'
import { MSISDN_NUMBER_COUNT } from '../src/generator/msisdn-numbers.ts'
import { TransactionEncoder } from '../src/generator/serialize.ts'
import { Wallets } from '../src/generator/wallets.ts'

// A full collection before each memory reading, without needing --expose-gc on the command line.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const START = new Date('2026-11-10T00:00:00.000+03:00')
const MB = 1024 * 1024

interface RateResult {
  readonly accounts: number
  readonly records: number
  readonly backgroundTransactions: number
  readonly wallSeconds: number
  readonly cpuSeconds: number
  readonly recordsPerSecondWall: number
  readonly recordsPerSecondCpu: number
  readonly meanValueBytes: number
  readonly setupSeconds: number
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/** Drains a generator as a producer would: every record's value bytes are produced and touched. */
function measureRate(options: GeneratorOptions, create = createGenerator): RateResult {
  const setupStart = performance.now()
  const generator = create(options)
  const setupSeconds = (performance.now() - setupStart) / 1000
  const wallStart = performance.now()
  const cpuStart = cpuSeconds()
  let records = 0
  let bytes = 0
  for (let record = generator.next(); record !== undefined; record = generator.next()) {
    records++
    bytes += record.value.length
    if ((records & 0xffff) === 0) generator.takeLabels()
  }
  const wallSeconds = (performance.now() - wallStart) / 1000
  const cpu = cpuSeconds() - cpuStart
  return {
    accounts: generator.options.accounts,
    records,
    backgroundTransactions: generator.stats().backgroundTransactions,
    wallSeconds,
    cpuSeconds: cpu,
    recordsPerSecondWall: Math.round(records / wallSeconds),
    recordsPerSecondCpu: Math.round(records / cpu),
    meanValueBytes: Math.round(bytes / records),
    setupSeconds
  }
}

/** The byte encoder alone on a prepared transaction: the serialisation share of the per-record cost. */
function measureEncoder(count: number): number {
  const wallets = new Wallets(100_000)
  for (let i = 0; i < wallets.size; i++) wallets.setIdentity(i, i % 47, (i * 7919) % MSISDN_NUMBER_COUNT)
  const encoder = new TransactionEncoder(wallets)
  const ids = new ReceiptIdFactory(1)
  const draft = new TxDraft().reset('SEND_MONEY', 0, 46, 'APP').fromCustomer(1).toCustomer(2)
  draft.fee = 13
  let epochMs = START.getTime()
  const cpuStart = cpuSeconds()
  let bytes = 0
  for (let i = 0; i < count; i++) {
    epochMs += 29
    ids.advance(epochMs)
    draft.epochMs = epochMs
    draft.idPrefix = ids.prefix
    draft.idHigh = ids.high
    draft.idLow = ids.low
    draft.amount = 100 + (i % 5000)
    draft.sender = i % wallets.size
    bytes += encoder.encode(draft).length
  }
  return bytes > 0 ? Math.round(count / (cpuSeconds() - cpuStart)) : 0
}

function measureMemory(accounts: number): Record<string, number> {
  collectGarbage()
  const before = process.memoryUsage()
  const setupStart = performance.now()
  const generator = createGenerator({ seed: 3, accounts, time: { mode: 'simulated', start: START, days: 1, count: 1_000_000 } })
  const setupSeconds = (performance.now() - setupStart) / 1000
  let records = 0
  const wallStart = performance.now()
  for (let record = generator.next(); record !== undefined; record = generator.next()) records++
  const wallSeconds = (performance.now() - wallStart) / 1000
  generator.takeLabels()
  collectGarbage()
  const after = process.memoryUsage()
  return {
    accounts,
    setupSeconds,
    recordsGenerated: records,
    recordsPerSecondWall: Math.round(records / wallSeconds),
    rssMB: Math.round(after.rss / MB),
    heapUsedDeltaMB: Math.round((after.heapUsed - before.heapUsed) / MB),
    arrayBuffersDeltaMB: Math.round((after.arrayBuffers - before.arrayBuffers) / MB),
    bytesPerAccount: Math.round((after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / accounts)
  }
}

/**
 * Alternating rounds of 1,000,000 records from this checkout's generator and another checkout's, in one process so
 * that both see the same load: on a shared machine, separate runs one after the other differ by more than a change.
 */
async function compareWith(checkout: string, rounds: number): Promise<void> {
  const url = pathToFileURL(join(resolve(checkout), 'src/generator/generator.ts')).href
  const other = (await import(url)) as { createGenerator: typeof createGenerator }
  const versions = [{ name: 'this checkout', create: createGenerator }, { name: checkout, create: other.createGenerator }]
  const nsPerRecord: number[][] = [[], []]
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const options: GeneratorOptions = { seed: 1 + round, accounts: 100_000, time: { mode: 'simulated', start: START, days: 1, count: 1_000_000 } }
      nsPerRecord[which]!.push(1e9 / measureRate(options, versions[which]!.create).recordsPerSecondCpu)
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
  console.table(Object.fromEntries(versions.map((v, i) => [v.name, {
    'CPU ns a record, median': Math.round(median(nsPerRecord[i]!)),
    'lowest': Math.round(Math.min(...nsPerRecord[i]!)),
    'records/s of CPU, median': Math.round(1e9 / median(nsPerRecord[i]!))
  }])))
}

const args = parseArgs({ options: { compare: { type: 'string' }, rounds: { type: 'string', default: '20' } } }).values
if (args.compare !== undefined) {
  const rounds = Number(args.rounds)
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a whole number of rounds, got ${args.rounds}`)
  await compareWith(args.compare, rounds)
  process.exit(0)
}

const rate = measureRate({ seed: 1, accounts: 100_000, time: { mode: 'simulated', start: START, days: 1, count: 3_000_000 } })
const encoderRecordsPerSecond = measureEncoder(3_000_000)
const memory = measureMemory(5_000_000)
const result = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 1024 ** 3), node: process.version },
  command: './node_modules/.bin/node bench/generator.ts',
  rate,
  encoderOnlyRecordsPerSecondCpu: encoderRecordsPerSecond,
  // Per-record CPU time minus the encoder's: what the model (population, ledger, scenarios, ids) costs without JSON.
  estimatedRecordsPerSecondWithoutJson: Math.round(1 / (1 / rate.recordsPerSecondCpu - 1 / encoderRecordsPerSecond)),
  memory5M: memory
}

const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(dir + 'generator.json', JSON.stringify(result, null, 2) + '\n')
console.table({
  'records/s (wall, JSON bytes)': rate.recordsPerSecondWall,
  'records/s (CPU time, JSON bytes)': rate.recordsPerSecondCpu,
  'encoder only, records/s (CPU)': encoderRecordsPerSecond,
  'est. records/s without JSON (CPU)': result.estimatedRecordsPerSecondWithoutJson,
  'records generated': rate.records,
  'mean value bytes': rate.meanValueBytes,
  'setup s (100k accounts)': Number(rate.setupSeconds.toFixed(2)),
  'setup s (5M accounts)': Number(memory.setupSeconds!.toFixed(2)),
  'records/s at 5M accounts (wall)': memory.recordsPerSecondWall,
  'RSS MB at 5M accounts': memory.rssMB,
  'bytes per account (5M)': memory.bytesPerAccount
})
console.log(`machine: ${result.machine.cpu}, ${result.machine.cores} cores, node ${result.machine.node}; wrote bench/results/generator.json`)
