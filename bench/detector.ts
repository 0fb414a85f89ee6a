// Benchmark of the fraud detector: accuracy over several seeds, fraud rates and account counts, and its cost per record.
// Run: ./node_modules/.bin/node bench/detector.ts [accuracy] [throughput] [case=A ...]   (all by default; about 5 minutes on 2 cores)
//
// Accuracy: each stream spans 110 simulated days; the first 90 only build state (dormancy needs 90 idle days), the rest
// is scored. Throughput: records/s through parse alone and through parse + detector (+ inflow routing and delivery),
// CPU time, alternating runs, medians; and the detector state's heap per account.

import { cpus, loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parseEat } from '../src/domain/eat-time.ts'
import { FRAUD_TYPOLOGIES } from '../src/domain/labels.ts'
import { parseAccountEvent, parseTransaction } from '../src/domain/parse.ts'
import { createGenerator } from '../src/generator/generator.ts'
import type { GeneratedRecord } from '../src/generator/generator.ts'
import { FraudDetector } from '../src/detection/detector.ts'
import type { Inflow } from '../src/detection/detector.ts'
import { loadDefaultRuleSet } from '../src/detection/rule-file.ts'
import { MemoryDetectionStore } from '../src/detection/state.ts'
import type { DetectionStateValue } from '../src/detection/state.ts'
import { evaluateStream } from '../src/evaluation/evaluate-stream.ts'
import type { EvaluationReport } from '../src/evaluation/evaluate-stream.ts'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const START = new Date('2026-08-01T00:00:00.000+03:00')
const DAY = 86_400_000
const rules = loadDefaultRuleSet()

interface AccuracyCase {
  readonly name: string
  readonly seed: number
  readonly accounts: number
  readonly fraudRate: number
  readonly count: number
  /** Background variations the generator offers: benign SIM swaps, PIN resets and device changes per transaction; agents. */
  readonly accountEventRate?: number
  readonly agents?: number
}

// 10,000 accounts and 1.1 M transactions over 110 days is about one transaction per account-day (realistic density).
const CASES: readonly AccuracyCase[] = [
  { name: 'A seed 20261110', seed: 20261110, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'B seed 1', seed: 1, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'C seed 2', seed: 2, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'D rate 0.001', seed: 3, accounts: 10_000, fraudRate: 0.001, count: 1_100_000 },
  { name: 'E 40k accts 0.01', seed: 4, accounts: 40_000, fraudRate: 0.01, count: 1_100_000 },
  { name: 'F 20k accts 2.2M', seed: 6, accounts: 20_000, fraudRate: 0.002, count: 2_200_000 },
  { name: 'G 10x events, 60 agents', seed: 7, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, accountEventRate: 0.005, agents: 60 }
]

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

function runCase(c: AccuracyCase): { report: EvaluationReport; seconds: number } {
  const generator = createGenerator({
    seed: c.seed,
    accounts: c.accounts,
    mulePool: Math.round(c.accounts / 4),
    fraudRate: c.fraudRate,
    poisonRate: 0.0005,
    ...(c.accountEventRate === undefined ? {} : { accountEventRate: c.accountEventRate }),
    ...(c.agents === undefined ? {} : { agents: c.agents }),
    time: { mode: 'simulated', start: START, days: 110, count: c.count }
  })
  const started = performance.now()
  const report = evaluateStream(generator, () => generator.takeLabels(), rules, { scoreFrom: START.getTime() + 90 * DAY })
  return { report, seconds: (performance.now() - started) / 1000 }
}

const fixed = (value: number | null, digits = 3): string => (value === null ? '-' : value.toFixed(digits))

function accuracyTable(results: readonly { c: AccuracyCase; report: EvaluationReport; seconds: number }[]): string {
  const head = ['', ...results.map((r) => r.c.name)]
  const rows: string[][] = [head]
  const row = (name: string, cell: (r: EvaluationReport) => string): void => {
    rows.push([name, ...results.map((r) => cell(r.report))])
  }
  row('scored transactions', (r) => String(r.scored_transactions))
  for (const typology of FRAUD_TYPOLOGIES) {
    row(`recall ${typology}`, (r) => {
      const s = r.scores.typologies.find((t) => t.typology === typology)!
      return `${fixed(s.recall)} (${s.detected}/${s.scenarios})`
    })
  }
  row('precision AMOUNT_ANOMALY', (r) => fixed(r.scores.typologies.find((t) => t.typology === 'AMOUNT_ANOMALY')!.precision))
  row('precision IMPOSSIBLE_TRAVEL', (r) => fixed(r.scores.typologies.find((t) => t.typology === 'IMPOSSIBLE_TRAVEL')!.precision))
  row('precision, fraud typologies', (r) => fixed(r.scores.fraud_only.precision))
  row('precision, all', (r) => fixed(r.scores.overall.precision))
  row('recall, all', (r) => fixed(r.scores.overall.recall))
  row('false alerts (cross-typology)', (r) => `${r.scores.overall.false_alerts} (${r.scores.overall.cross_typology_alerts})`)
  row('false alerts / 10k clean', (r) => fixed(r.scores.false_alerts_per_10k, 2))
  row('delay p50 / p99 (min)', (r) => `${fixed((r.scores.overall.delay_p50_ms ?? 0) / 60_000, 1)} / ${fixed((r.scores.overall.delay_p99_ms ?? 0) / 60_000, 1)}`)
  row('inflows routed / record', (r) => fixed(r.inflows_routed / r.records))
  rows.push(['seconds', ...results.map((r) => r.seconds.toFixed(0))])
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')).join('\n')
}

/** Parses every record (as the processor does) and, with a detector, runs it and routes inflows 64 records late. */
function pass(records: readonly GeneratedRecord[], detector: FraudDetector | undefined): number {
  const inflows: Inflow[] = []
  let sink = 0
  for (const record of records) {
    if (record.topic === 'account-events') {
      const parsed = parseAccountEvent(record.value)
      if (!parsed.ok) continue
      const at = parseEat(parsed.value.timestamp)
      sink += detector === undefined ? at & 1 : detector.onAccountEvent(parsed.value, at, at).length
      continue
    }
    const parsed = parseTransaction(record.value)
    if (!parsed.ok) continue
    const at = parseEat(parsed.value.timestamp)
    if (detector === undefined) {
      sink += at & 1
      continue
    }
    sink += detector.onTransaction(parsed.value, at, at).length
    const inflow = detector.inflowOf(parsed.value)
    if (inflow !== undefined) inflows.push(inflow)
    if (inflows.length > 64) sink += detector.onInflow(inflows.shift()!, at).length
  }
  return sink
}

const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function throughput(accounts: number, count: number): Record<string, number> {
  const generator = createGenerator({ seed: 42, accounts, fraudRate: 0.001, time: { mode: 'simulated', start: START, days: Math.max(1, Math.round(count / accounts)), count } })
  const records = [...generator]
  const parseOnly: number[] = []
  const withDetector: number[] = []
  for (let round = 0; round < 3; round++) {
    collectGarbage()
    let cpu = cpuSeconds()
    pass(records, undefined)
    parseOnly.push((cpuSeconds() - cpu) / records.length)
    collectGarbage()
    const detector = new FraudDetector(rules, new MemoryDetectionStore<DetectionStateValue>())
    cpu = cpuSeconds()
    pass(records, detector)
    withDetector.push((cpuSeconds() - cpu) / records.length)
  }
  const parseUs = median(parseOnly) * 1e6
  const detectUs = median(withDetector) * 1e6
  return {
    accounts,
    records: records.length,
    parse_us_per_record: parseUs,
    parse_and_detector_us_per_record: detectUs,
    detector_us_per_record: detectUs - parseUs,
    overhead_pct: ((detectUs - parseUs) / parseUs) * 100,
    parse_records_per_s: 1e6 / parseUs,
    parse_and_detector_records_per_s: 1e6 / detectUs,
    ...stateMemory(records)
  }
}

/** Heap held by the detector state after a pass (full collections before and after), per entry. */
function stateMemory(records: readonly GeneratedRecord[]): { state_entries: number; state_bytes_per_entry: number } {
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  const store = new MemoryDetectionStore<DetectionStateValue>()
  const detector = new FraudDetector(rules, store)
  pass(records, detector)
  collectGarbage()
  const bytes = process.memoryUsage().heapUsed - before
  return { state_entries: store.size, state_bytes_per_entry: bytes / store.size }
}

const selected = process.argv.slice(2)
const want = (part: string): boolean => selected.length === 0 || selected.includes(part) || (part === 'accuracy' && selected.some((s) => s.startsWith('case=')))
const chosen = selected.filter((s) => s.startsWith('case=')).map((s) => s.slice(5))
console.log(`${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}  load ${loadavg().map((l) => l.toFixed(1)).join(' ')}  node ${process.version}`)
if (want('accuracy')) {
  const results = CASES.filter((c) => chosen.length === 0 || chosen.includes(c.name.slice(0, 1))).map((c) => ({ c, ...runCase(c) }))
  console.log('\nAccuracy (default rules, scored after a 90-day warm-up of 110 days)\n')
  console.log(accuracyTable(results))
}
if (want('throughput')) {
  console.log('\nThroughput (CPU time, median of 3 alternating runs)\n')
  for (const [accounts, count] of [[100_000, 500_000], [1_000_000, 1_000_000]] as const) {
    const t = throughput(accounts, count)
    console.log(
      `${t.accounts} accounts, ${t.records} records: parse ${t.parse_us_per_record!.toFixed(2)} µs/record (${Math.round(t.parse_records_per_s!)}/s), ` +
        `parse + detector ${t.parse_and_detector_us_per_record!.toFixed(2)} µs (${Math.round(t.parse_and_detector_records_per_s!)}/s): ` +
        `detector +${t.detector_us_per_record!.toFixed(2)} µs = +${t.overhead_pct!.toFixed(0)}%; state ${t.state_entries} entries, ` +
        `${Math.round(t.state_bytes_per_entry!)} bytes each on the heap`
    )
  }
}
