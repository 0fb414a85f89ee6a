// `pesaflow evaluate`: runs the fraud detector over a labelled stream and prints precision, recall, F1, false alerts
// per 10,000 clean transactions and detection delay, per typology and overall (--json for machines).
import { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { readPublishedRules } from '../../app/rule-feed.ts'
import { defaultRuleSet, parseRuleSet, type RuleSet } from '../../detection/rule-set.ts'
import { LabelSchema, type Label } from '../../domain/labels.ts'
import { PesaflowError } from '../../errors.ts'
import { evaluateStream, type EvaluationRecord } from '../../evaluation/evaluate-stream.ts'
import { evaluationReportJson, formatEvaluationReport } from '../../evaluation/report.ts'
import { createGenerator } from '../../generator/generator.ts'
import { labelsPathFor, readLabelsJsonl, readRecordsJsonl } from '../../generator/jsonl-writer.ts'
import { ACTIVE_HOURS_SHIFT_EXPECTED, AMOUNT_SCALE_EXPECTED, AMOUNT_SCALE_RANGE, MAX_ACTIVE_HOURS_SHIFT } from '../../generator/options.ts'
import { readTopicsToEnd } from '../../kafka/topic-reader.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, type CommandContext } from '../context.ts'
import { parseFlags } from '../options.ts'

const num = z.coerce.number()
const GENERATED_ONLY = 'varies a generated background, so it needs --seed N'
const EvaluateFlags = z.object({
  input: z.string().min(1).optional(),
  labels: z.string().min(1).optional(),
  fromTopics: z.boolean().default(false),
  seed: num.int().min(0).optional(),
  count: num.int().min(1).max(50_000_000).default(1_100_000),
  accounts: num.int().min(1000).max(5_000_000).optional(),
  fraudRate: num.min(0).max(0.5).default(0.002),
  days: num.positive().max(365).default(110),
  warmUpDays: num.min(0).max(364).default(90),
  amountScale: num.min(AMOUNT_SCALE_RANGE.min, AMOUNT_SCALE_EXPECTED).max(AMOUNT_SCALE_RANGE.max, AMOUNT_SCALE_EXPECTED).optional(),
  activeHoursShift: num.int(ACTIVE_HOURS_SHIFT_EXPECTED).min(-MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).max(MAX_ACTIVE_HOURS_SHIFT, ACTIVE_HOURS_SHIFT_EXPECTED).optional(),
  start: z.string().datetime({ offset: true }).optional(),
  rules: z.string().min(1).optional(),
  json: z.boolean().default(false)
}).refine((f) => [f.input !== undefined, f.fromTopics, f.seed !== undefined].filter(Boolean).length === 1, {
  message: 'choose one source: --input FILE.jsonl, --from-topics, or --seed N (generate in memory)', path: ['input']
}).refine((f) => f.seed !== undefined || f.amountScale === undefined, { message: GENERATED_ONLY, path: ['amountScale'] })
  .refine((f) => f.seed !== undefined || f.activeHoursShift === undefined, { message: GENERATED_ONLY, path: ['activeHoursShift'] })
type Flags = z.output<typeof EvaluateFlags>

interface Source { readonly records: Iterable<EvaluationRecord>; readonly labels: () => readonly Label[]; readonly scoreFrom?: number }

function fileSource (flags: Flags): Source {
  const input = flags.input ?? ''
  const labelsFile = flags.labels ?? labelsPathFor(input)
  return { records: readRecordsJsonl(input), labels: () => [...readLabelsJsonl(labelsFile)] }
}

function generatedSource (flags: Flags): Source {
  const start = flags.start === undefined ? new Date(Date.now() - flags.days * 86_400_000) : new Date(flags.start)
  // About one transaction per account and day unless told otherwise: the density the rules' baselines assume.
  const accounts = flags.accounts ?? Math.max(1000, Math.round(flags.count / flags.days))
  const generator = createGenerator({
    seed: flags.seed ?? 1, fraudRate: flags.fraudRate, poisonRate: 0, accounts, mulePool: Math.max(256, Math.floor(accounts / 4)),
    amountScale: flags.amountScale, activeHoursShift: flags.activeHoursShift,
    time: { mode: 'simulated', start, days: flags.days, count: flags.count }
  })
  const labels: Label[] = []
  const records = (function * (): Generator<EvaluationRecord> {
    for (const record of generator) {
      yield record
      labels.push(...generator.takeLabels())
    }
    labels.push(...generator.takeLabels())
  })()
  return { records, labels: () => labels, ...(flags.warmUpDays < flags.days ? { scoreFrom: start.getTime() + flags.warmUpDays * 86_400_000 } : {}) }
}

async function topicSource (ctx: CommandContext): Promise<Source> {
  const records: EvaluationRecord[] = []
  const partitions = Array.from({ length: ctx.topics.transactions.partitions }, (_, p) => p)
  await readTopicsToEnd(ctx.config.kafka, [ctx.topics.transactions.name], partitions, (r) => { records.push({ topic: 'transactions', value: r.value }) })
  await readTopicsToEnd(ctx.config.kafka, [ctx.topics.accountEvents.name], partitions, (r) => { records.push({ topic: 'account-events', value: r.value }) })
  const labels: Label[] = []
  await readTopicsToEnd(ctx.config.kafka, [ctx.topics.fraudLabels.name], [0], (r) => {
    const parsed = LabelSchema.safeParse(JSON.parse(r.value?.toString('utf8') ?? 'null'))
    if (parsed.success) labels.push(parsed.data)
  })
  // Partitions were read one topic after another: the detector needs event-time order across them.
  records.sort((a, b) => eventTimeOf(a) - eventTimeOf(b))
  return { records, labels: () => labels }
}

function eventTimeOf (record: EvaluationRecord): number {
  const text = Buffer.from(record.value ?? new Uint8Array()).toString('utf8')
  const match = /"timestamp":"([^"]+)"/.exec(text)
  return match?.[1] === undefined ? 0 : Date.parse(match[1])
}

async function rulesFor (flags: Flags, ctx: CommandContext | undefined): Promise<RuleSet> {
  if (flags.rules !== undefined) {
    const parsed = parseRuleSet(readFileSync(flags.rules, 'utf8'))
    if (!parsed.ok) throw new PesaflowError('RULES_INVALID', `${flags.rules} refused: ${parsed.error}`)
    return parsed.ruleSet
  }
  if (ctx !== undefined) return (await readPublishedRules(ctx.config.kafka, ctx.topics.fraudRules.name)).ruleSet ?? defaultRuleSet()
  return defaultRuleSet()
}

export function evaluateCommand (): Command {
  return new Command('evaluate')
    .description('measure the fraud detector on a labelled stream: precision, recall, F1, false alerts per 10,000 clean transactions, detection delay')
    .option('--input <file.jsonl>', 'records written by `pesaflow produce --out` (labels from --labels or the matching .labels.jsonl)')
    .option('--labels <file.jsonl>', 'labels file for --input')
    .option('--from-topics', 'read mpesa-transactions, mpesa-account-events and mpesa-fraud-labels from the cluster')
    .option('--seed <n>', 'generate the stream in memory with this seed')
    .option('--count <n>', 'records to generate with --seed', '1100000')
    .option('--accounts <n>', 'accounts of the generated population (default: count / days, one transaction per account-day)')
    .option('--fraud-rate <r>', 'share of generated traffic starting a fraud scenario', '0.002')
    .option('--days <n>', 'simulated days the generated stream spans', '110')
    .option('--warm-up-days <n>', 'days at the start of a generated stream that only build state (dormancy needs 90 days of history)', '90')
    .option('--start <iso>', 'event time of the generated stream\'s start')
    .option('--amount-scale <x>', 'generated background: multiply amounts and opening balances by x (0.1 to 10, default 1)')
    .option('--active-hours-shift <h>', 'generated background: move the daily activity cycle h hours later (-23 to 23, default 0)')
    .option('--rules <file>', 'rules file (default: the published rules, or the built-in defaults)')
    .option('--json', 'the report as JSON')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const flags = parseFlags(EvaluateFlags, raw)
      const ctx = flags.fromTopics ? commandContext(command) : undefined
      if (ctx !== undefined) await requireCluster(ctx)
      const source = ctx !== undefined ? await topicSource(ctx) : flags.input !== undefined ? fileSource(flags) : generatedSource(flags)
      const report = evaluateStream(source.records, source.labels, await rulesFor(flags, ctx), source.scoreFrom === undefined ? {} : { scoreFrom: source.scoreFrom })
      console.log(flags.json ? JSON.stringify(evaluationReportJson(report)) : formatEvaluationReport(report))
    })
}
