// Benchmark of the fraud detector: accuracy over several seeds, fraud rates, account counts and backgrounds, and its cost per record.
// Run: ./node_modules/.bin/node bench/detector.ts [accuracy] [throughput] [case=A ...] [rules=file]   (all by default; about 10 minutes on 2 cores)
// rules=file runs a candidate rule file (JSON or YAML) instead of rules/default-rules.yaml.
//
// Accuracy: each stream spans 110 simulated days; the first 90 only build state (dormancy needs 90 idle days), the rest
// is scored. Throughput: CPU time per record of parsing alone, of parsing + the detector on a plain Map (+ inflow
// routing and delivery), and of parsing + the detector on the processor's TransactionalStore (a commit every
// COMMIT_RECORDS records, with the changelog records encoded: JSON as the processor does today, and detectionStateCodec);
// alternating runs, medians. Then the detector state's heap per entry and the mean changelog value size in both encodings.

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
import { loadDefaultRuleSet, readRuleSetFile } from '../src/detection/rule-file.ts'
import { MemoryDetectionStore } from '../src/detection/state.ts'
import type { DetectionStateValue, DetectionStore } from '../src/detection/state.ts'
import { detectionStateCodec } from '../src/detection/state-codec.ts'
import { TransactionalStore, jsonCodec } from '../src/engine/state/transactional-store.ts'
import type { Codec } from '../src/engine/state/transactional-store.ts'
import { evaluateStream } from '../src/evaluation/evaluate-stream.ts'
import type { EvaluationReport } from '../src/evaluation/evaluate-stream.ts'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const START = new Date('2026-08-01T00:00:00.000+03:00')
const DAY = 86_400_000
const rulesFile = process.argv.slice(2).find((a) => a.startsWith('rules='))?.slice(6)
const rules = (() => {
  if (rulesFile === undefined) return loadDefaultRuleSet()
  const read = readRuleSetFile(rulesFile)
  if (!read.ok) throw new Error(read.error)
  return read.ruleSet
})()

interface AccuracyCase {
  readonly name: string
  readonly seed: number
  readonly accounts: number
  readonly fraudRate: number
  readonly count: number
  /** Background variations the generator offers: benign SIM swaps, PIN resets and device changes per transaction; agents; amounts; hours. */
  readonly accountEventRate?: number
  readonly agents?: number
  readonly amountScale?: number
  readonly activeHoursShift?: number
}

// 10,000 accounts and 1.1 M transactions over 110 days is about one transaction per account-day (realistic density).
const CASES: readonly AccuracyCase[] = [
  { name: 'A seed 20261110', seed: 20261110, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'B seed 1', seed: 1, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'C seed 2', seed: 2, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'D rate 0.001', seed: 3, accounts: 10_000, fraudRate: 0.001, count: 1_100_000 },
  { name: 'E 40k accts 0.01', seed: 4, accounts: 40_000, fraudRate: 0.01, count: 1_100_000 },
  { name: 'F 20k accts 2.2M', seed: 6, accounts: 20_000, fraudRate: 0.002, count: 2_200_000 },
  { name: 'G 10x events, 60 agents', seed: 7, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, accountEventRate: 0.005, agents: 60 },
  { name: 'H amounts x2', seed: 8, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, amountScale: 2 },
  { name: 'I hours +6', seed: 9, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, activeHoursShift: 6 },
  // Four more streams that check the margins: another seed, the other direction of H and I, another seed at fraud rate 0.001.
  { name: 'J seed 10', seed: 10, accounts: 10_000, fraudRate: 0.003, count: 1_100_000 },
  { name: 'K amounts x0.5', seed: 11, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, amountScale: 0.5 },
  { name: 'L hours -6', seed: 12, accounts: 10_000, fraudRate: 0.003, count: 1_100_000, activeHoursShift: -6 },
  { name: 'M rate 0.001', seed: 13, accounts: 10_000, fraudRate: 0.001, count: 1_100_000 }
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
    ...(c.amountScale === undefined ? {} : { amountScale: c.amountScale }),
    ...(c.activeHoursShift === undefined ? {} : { activeHoursShift: c.activeHoursShift }),
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

/** Records per commit of the transactional variant: a 100 ms Kafka transaction at about 20,000 records/s. */
const COMMIT_RECORDS = 2_000

/** The detector and, for the processor's store, what a commit does with its state: changelog values encoded, then committed. */
interface Subject {
  readonly detector: FraudDetector
  readonly store?: TransactionalStore<DetectionStateValue>
}

function commit(store: TransactionalStore<DetectionStateValue>): number {
  let bytes = 0
  for (const [, value] of store.pendingChanges()) bytes += value === undefined ? 0 : store.codec.encode(value).length
  store.commit()
  return bytes
}

/** Parses every record (as the processor does) and, with a detector, runs it and routes inflows 64 records late. */
function pass(records: readonly GeneratedRecord[], subject: Subject | undefined): number {
  const inflows: Inflow[] = []
  let head = 0
  let sink = 0
  const detector = subject?.detector
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    if (subject?.store !== undefined && i % COMMIT_RECORDS === COMMIT_RECORDS - 1) sink += commit(subject.store)
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
    const inflow = detector.inflowOf(parsed.value, at)
    if (inflow !== undefined) inflows.push(inflow)
    if (inflows.length - head > 64) sink += detector.onInflow(inflows[head++]!, at).length
  }
  return sink
}

const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** CPU seconds per record of one pass, after a full collection. */
function timed(records: readonly GeneratedRecord[], subject: () => Subject | undefined): number {
  collectGarbage()
  const s = subject()
  const cpu = cpuSeconds()
  pass(records, s)
  return (cpuSeconds() - cpu) / records.length
}

const ROUNDS = 5

function throughput(accounts: number, count: number): Record<string, number> {
  const generator = createGenerator({ seed: 42, accounts, fraudRate: 0.001, time: { mode: 'simulated', start: START, days: Math.max(1, Math.round(count / accounts)), count } })
  const records = [...generator]
  const runs: Record<'parse' | 'map' | 'json' | 'codec', number[]> = { parse: [], map: [], json: [], codec: [] }
  const transactional = (codec: Codec<DetectionStateValue>) => (): Subject => {
    const store = new TransactionalStore<DetectionStateValue>('account-state', codec)
    return { detector: new FraudDetector(rules, store), store }
  }
  const variants = [
    ['parse', () => undefined],
    ['map', () => ({ detector: new FraudDetector(rules, new MemoryDetectionStore<DetectionStateValue>()) })],
    ['json', transactional(jsonCodec())],
    ['codec', transactional(detectionStateCodec)]
  ] as const
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order, so a slower stretch of a shared machine does not always hit the same variant.
    for (const [name, subject] of round % 2 === 0 ? variants : [...variants].reverse()) runs[name].push(timed(records, subject))
  }
  const [parseUs, mapUs, jsonUs, codecUs] = [runs.parse, runs.map, runs.json, runs.codec].map((r) => median(r) * 1e6) as [number, number, number, number]
  return {
    accounts,
    records: records.length,
    parse_us_per_record: parseUs,
    map_detector_us_per_record: mapUs - parseUs,
    json_detector_us_per_record: jsonUs - parseUs,
    codec_detector_us_per_record: codecUs - parseUs,
    ...stateMemory(records)
  }
}

/** Heap held by the detector state after a pass (full collections before and after), per entry; mean changelog value. */
function stateMemory(records: readonly GeneratedRecord[]): Record<'state_entries' | 'state_bytes_per_entry' | 'json_bytes_per_value' | 'codec_bytes_per_value', number> {
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  const store = new MemoryDetectionStore<DetectionStateValue>()
  pass(records, { detector: new FraudDetector(rules, store satisfies DetectionStore<DetectionStateValue>) })
  collectGarbage()
  const bytes = process.memoryUsage().heapUsed - before
  const json = jsonCodec<DetectionStateValue>()
  let jsonBytes = 0
  let codecBytes = 0
  for (const value of store.map.values()) {
    jsonBytes += json.encode(value).length
    codecBytes += detectionStateCodec.encode(value).length
  }
  const perEntry = (n: number): number => n / store.size
  return { state_entries: store.size, state_bytes_per_entry: perEntry(bytes), json_bytes_per_value: perEntry(jsonBytes), codec_bytes_per_value: perEntry(codecBytes) }
}

const selected = process.argv.slice(2).filter((a) => !a.startsWith('rules='))
const want = (part: string): boolean => selected.length === 0 || selected.includes(part) || (part === 'accuracy' && selected.some((s) => s.startsWith('case=')))
const chosen = selected.filter((s) => s.startsWith('case=')).map((s) => s.slice(5))
console.log(`${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}  load ${loadavg().map((l) => l.toFixed(1)).join(' ')}  node ${process.version}  rules version ${rules.version}${rulesFile === undefined ? '' : ` from ${rulesFile}`}`)
if (want('accuracy')) {
  const results = CASES.filter((c) => chosen.length === 0 || chosen.includes(c.name.slice(0, 1))).map((c) => ({ c, ...runCase(c) }))
  console.log(`\nAccuracy (${rulesFile === undefined ? 'default rules' : rulesFile}, scored after a 90-day warm-up of 110 days)\n`)
  console.log(accuracyTable(results))
}
if (want('throughput')) {
  console.log(`\nThroughput (CPU time per record, median of ${ROUNDS} alternating runs; the detector's cost is the difference to parsing alone)\n`)
  for (const [accounts, count] of [[100_000, 500_000], [1_000_000, 1_000_000]] as const) {
    const t = throughput(accounts, count)
    const parse = t.parse_us_per_record!
    const cost = (us: number): string => `+${us.toFixed(2)} µs (+${((us / parse) * 100).toFixed(0)}%, ${Math.round(1e6 / (parse + us))} records/s)`
    console.log(
      `${t.accounts} accounts, ${t.records} records: parse alone ${parse.toFixed(2)} µs (${Math.round(1e6 / parse)} records/s); detector on a Map ` +
        `${cost(t.map_detector_us_per_record!)}; on the transactional store with JSON changelog values ${cost(t.json_detector_us_per_record!)}, ` +
        `with detectionStateCodec ${cost(t.codec_detector_us_per_record!)}; state ${t.state_entries} entries, ` +
        `${Math.round(t.state_bytes_per_entry!)} bytes each on the heap, changelog value ${Math.round(t.json_bytes_per_value!)} bytes JSON, ` +
        `${Math.round(t.codec_bytes_per_value!)} bytes encoded`
    )
  }
}
