// The seeded M-Pesa stream generator: background traffic interleaved in event time with labelled fraud scenarios, benign account events and poison records.

import { EatTimestampFormatter, formatEat } from '../domain/eat-time.ts'
import type { FraudTypology, Label } from '../domain/labels.ts'
import { FRAUD_TYPOLOGIES, POISON_EXPECTED_CODE, POISON_KINDS } from '../domain/labels.ts'
import { ACCOUNT_EVENT_TYPES } from '../domain/transaction-types.ts'
import type { AccountEventType } from '../domain/transaction-types.ts'
import { BackgroundTraffic, ReversalBook } from './background.ts'
import { BackgroundBatch } from './batch.ts'
import { RealtimeClock, SimulatedClock } from './clock.ts'
import type { EventClock } from './clock.ts'
import { TxDraft } from './draft.ts'
import { EventQueue } from './event-queue.ts'
import { AccountEventIdFactory, ReceiptIdFactory, receiptText } from './ids.ts'
import { Ledger } from './ledger.ts'
import { resolveOptions } from './options.ts'
import type { GeneratorOptions, ResolvedOptions, TimeOptions } from './options.ts'
import { poisonValue } from './poison.ts'
import { Population } from './population.ts'
import { Rng, cumulativeOf } from './rng.ts'
import { RunningScenario, stepTimes } from './scenario-runner.ts'
import type { QueuedRecord } from './scenario-runner.ts'
import { SCENARIO_BUILDERS } from './scenarios/index.ts'
import type { ScenarioEnv } from './scenarios/index.ts'
import { HEAD, TransactionEncoder, accountEventJson, asciiBytes } from './serialize.ts'
import { Settlement } from './settlement.ts'
import { emptyStats } from './stats.ts'
import type { GeneratorStats } from './stats.ts'

export type { GeneratorStats } from './stats.ts'

// Background transactions settled and encoded together (see batch.ts); real time takes them one at a time.
const BATCH = 128

/** Logical topics; the caller maps them to Kafka topics (mpesa-transactions, mpesa-account-events). */
export type LogicalTopic = 'transactions' | 'account-events'

export interface GeneratedRecord {
  readonly topic: LogicalTopic
  /** sender for transactions, msisdn for account events, poison_id for poison records. */
  readonly key: string
  /** Serialised JSON (UTF-8), or the raw bytes of a poison record. */
  readonly value: Buffer
  /** Event time in epoch ms; equals the JSON timestamp, to be used as the Kafka record timestamp. */
  readonly timestamp: number
}

export class MpesaGenerator implements Iterable<GeneratedRecord> {
  readonly options: ResolvedOptions
  readonly population: Population
  readonly #stats: GeneratorStats
  readonly #clock: EventClock
  readonly #rng: Rng
  readonly #ledger: Ledger
  readonly #queue = new EventQueue<QueuedRecord>()
  readonly #receipts: ReceiptIdFactory
  readonly #eventIds: AccountEventIdFactory
  readonly #formatter = new EatTimestampFormatter()
  readonly #stepDraft = new TxDraft()
  readonly #encoder: TransactionEncoder
  readonly #settlement: Settlement
  readonly #batch: BackgroundBatch
  readonly #env: ScenarioEnv
  readonly #typologyCumulative: Float64Array
  #labels: Label[] = []
  #last = Number.NEGATIVE_INFINITY
  // The last transaction's bytes (a poison record is built from them): a scenario step's value, or, when #lastFromBatch,
  // the batch's last taken one. Background records only set the flag: keeping each one's Buffer on this long-lived
  // object cost a write barrier (a remembered-set entry for a young object) per record.
  #lastValue: Buffer | undefined
  #lastFromBatch = false
  #lastId = ''
  #activeTypology: FraudTypology | '' = ''
  #scenarioCount = 0
  #nextMule: number
  #untilFraud: number
  #untilPoison: number
  #untilBenignEvent: number

  constructor(options: GeneratorOptions) {
    this.options = resolveOptions(options)
    const root = new Rng(this.options.seed)
    const time = this.options.time
    const populationRng = root.fork()
    this.#rng = root.fork()
    this.#clock =
      time.mode === 'realtime'
        ? new RealtimeClock(time.now, time.count ?? Number.POSITIVE_INFINITY)
        : new SimulatedClock(time.start.getTime(), simulatedDays(time), time.count, root.fork(), this.options.activeHoursShift)
    this.population = new Population(this.options, this.#clock.start, populationRng)
    this.#ledger = new Ledger(this.population)
    this.#encoder = new TransactionEncoder(this.population.wallets)
    this.#receipts = new ReceiptIdFactory(root.uint32())
    this.#settlement = new Settlement(this.#ledger, this.#receipts)
    const reversals = new ReversalBook()
    const stages = {
      clock: this.#clock,
      traffic: new BackgroundTraffic(this.population, this.#rng, reversals, this.options),
      settlement: this.#settlement,
      reversals,
      encoder: this.#encoder,
      population: this.population
    }
    this.#batch = new BackgroundBatch(stages, time.mode === 'realtime' ? 1 : BATCH)
    this.#eventIds = new AccountEventIdFactory(root.uint32())
    this.#nextMule = this.population.accounts
    this.#typologyCumulative = cumulativeOf(FRAUD_TYPOLOGIES.map((t) => this.options.typologyWeights[t]))
    this.#env = {
      rng: this.#rng,
      pop: this.population,
      ledger: this.#ledger,
      highValueThreshold: this.options.highValueThreshold,
      amountScale: this.options.amountScale,
      takeMuleAccount: () => (this.#nextMule < this.population.size ? this.#nextMule++ : -1)
    }
    this.#stats = emptyStats()
    this.#untilFraud = this.#rng.geometric(this.options.fraudRate)
    this.#untilPoison = this.#rng.geometric(this.options.poisonRate)
    this.#untilBenignEvent = this.#rng.geometric(this.options.accountEventRate)
  }

  /** Start and (exclusive) end of event time; end is Infinity in real time. */
  get span(): { readonly start: number; readonly end: number } {
    return { start: this.#clock.start, end: this.#clock.end }
  }

  /** The next record in event-time order, or undefined when the stream is finished. */
  next(): GeneratedRecord | undefined {
    const background = this.#batch.peekTime()
    const queued = this.#queue.peekTime()
    if (queued === queued && !(queued > background)) {
      const item = this.#queue.pop()!
      // In real time a queued record is stamped now, but never after a background record that is already stamped.
      const stamp = this.#clock.stamp(queued)
      return this.#runQueued(item, Math.max(this.#last, background === background ? Math.min(stamp, background) : stamp))
    }
    if (background !== background) return undefined
    return this.#emitBackground()
  }

  *[Symbol.iterator](): Iterator<GeneratedRecord> {
    for (let record = this.next(); record !== undefined; record = this.next()) yield record
  }

  /** Labels produced since the last call (a fraud label appears when its scenario's last record has been emitted). */
  takeLabels(): Label[] {
    const labels = this.#labels
    this.#labels = []
    return labels
  }

  stats(): GeneratorStats {
    return structuredClone(this.#stats)
  }

  #emitBackground(): GeneratedRecord {
    const batch = this.#batch
    const slot = batch.take()
    const record = this.#handOut(batch.draft(slot), batch.key(slot), batch.value(slot))
    this.#lastFromBatch = true
    const at = record.timestamp
    this.#stats.backgroundTransactions++
    if (this.#untilFraud-- === 0) {
      this.#startScenario(at)
      this.#untilFraud = this.#rng.geometric(this.options.fraudRate)
    }
    if (this.#untilPoison-- === 0) {
      this.#queue.push(at, { kind: 'poison' })
      this.#untilPoison = this.#rng.geometric(this.options.poisonRate)
    }
    if (this.#untilBenignEvent-- === 0) {
      this.#queue.push(at, { kind: 'benign-event' })
      this.#untilBenignEvent = this.#rng.geometric(this.options.accountEventRate)
    }
    return record
  }

  /** A scenario step's transaction: settled and encoded on its own. */
  #emitTransaction(draft: TxDraft, at: number): GeneratedRecord {
    this.#settlement.settle(draft, at)
    const key = draft.sender >= 0 ? this.population.msisdn(draft.sender) : draft.senderNumber
    const value = this.#encoder.encode(draft)
    this.#lastValue = value
    this.#lastFromBatch = false
    return this.#handOut(draft, key, value)
  }

  /** Bookkeeping shared by every settled transaction as it leaves the generator. */
  #handOut(draft: TxDraft, key: string, value: Buffer): GeneratedRecord {
    const at = draft.epochMs
    this.#last = at
    if (draft.failed) this.#stats.failedTransactions++
    if (draft.amount >= this.options.highValueThreshold && this.#activeTypology !== 'HIGH_VALUE_TRANSFER') {
      this.#labelOrganicHighValue(key, receiptText(draft.idPrefix, draft.idHigh, draft.idLow), at)
    }
    return { topic: 'transactions', key, value, timestamp: at }
  }

  #labelOrganicHighValue(account: string, id: string, at: number): void {
    const time = formatEat(at)
    this.#stats.fraudLabels.HIGH_VALUE_TRANSFER++
    this.#labels.push({
      kind: 'fraud',
      scenario_id: `HV-${++this.#scenarioCount}`,
      typology: 'HIGH_VALUE_TRANSFER',
      account,
      transaction_ids: [id],
      account_event_ids: [],
      first_event_time: time,
      last_event_time: time,
      injected: false
    })
  }

  #emitAccountEvent(customer: number, type: AccountEventType, market: number, at: number): GeneratedRecord {
    const id = this.#eventIds.next(at)
    const msisdn = this.population.msisdn(customer)
    this.#last = at
    this.#lastId = id
    this.#stats.accountEvents++
    const json = accountEventJson(id, msisdn, type, this.#formatter.format(at), market)
    return { topic: 'account-events', key: msisdn, value: asciiBytes(json), timestamp: at }
  }

  #startScenario(at: number): void {
    const typology = FRAUD_TYPOLOGIES[this.#rng.weighted(this.#typologyCumulative)]!
    const plan = SCENARIO_BUILDERS[typology](this.#env, at)
    if (plan === undefined || plan.steps.length === 0) {
      this.#stats.scenariosSkipped[typology]++
      return
    }
    const prefix = typology === 'HIGH_VALUE_TRANSFER' ? 'HV' : 'FS'
    const scenario = new RunningScenario(`${prefix}-${++this.#scenarioCount}`, plan, this.population.msisdn(plan.account))
    this.population.busy[plan.account] = 1
    this.#stats.scenariosStarted[typology]++
    const times = stepTimes(plan, at, this.#clock.end)
    plan.steps.forEach((step, i) => this.#queue.push(times[i]!, { kind: 'step', scenario, step }))
  }

  #runQueued(item: QueuedRecord, at: number): GeneratedRecord {
    if (item.kind === 'poison') return this.#emitPoison(at)
    if (item.kind === 'benign-event') {
      const customer = this.population.randomActive(this.#rng.float(), -1)
      const type = this.#rng.pick(['DEVICE_CHANGE', 'DEVICE_CHANGE', ...ACCOUNT_EVENT_TYPES] as const)
      return this.#emitAccountEvent(customer, type, this.population.wallets.county(customer), at)
    }
    const { scenario, step } = item
    let record: GeneratedRecord
    if ('accountEvent' in step) {
      record = this.#emitAccountEvent(scenario.accountIndex, step.accountEvent, step.market, at)
      scenario.accountEventIds.push(this.#lastId)
    } else {
      this.#activeTypology = scenario.typology
      step.fill(this.#stepDraft, at)
      record = this.#emitTransaction(this.#stepDraft, at)
      this.#activeTypology = ''
      this.#stats.scenarioTransactions++
      scenario.transactionIds.push(receiptText(this.#stepDraft.idPrefix, this.#stepDraft.idHigh, this.#stepDraft.idLow))
    }
    if (scenario.recorded(at)) {
      this.population.busy[scenario.accountIndex] = 0
      this.#stats.fraudLabels[scenario.typology]++
      this.#labels.push(scenario.label())
    }
    return record
  }

  #emitPoison(at: number): GeneratedRecord {
    const kind = this.#rng.pick(POISON_KINDS)
    const poisonId = `poison-${++this.#stats.poisonRecords}`
    this.#stats.poisonByKind[kind]++
    // A fresh receipt id, so a poison value never repeats the id of a real transaction.
    const lastValue = this.#lastFromBatch ? this.#batch.lastTakenValue() : this.#lastValue
    const last = lastValue?.toString('latin1') ?? ''
    const base = HEAD + this.#receipts.next(at) + last.slice(HEAD.length + 10)
    const value = poisonValue(kind, base, this.#rng)
    this.#last = at
    this.#labels.push({
      kind: 'poison',
      poison_id: poisonId,
      poison_kind: kind,
      expected_code: POISON_EXPECTED_CODE[kind],
      timestamp: formatEat(at),
      value_bytes: value.length
    })
    return { topic: 'transactions', key: poisonId, value, timestamp: at }
  }
}

function simulatedDays(time: Extract<TimeOptions, { mode: 'simulated' }>): number {
  return 'days' in time ? time.days : time.count / time.eventsPerSimulatedSecond / 86_400
}

/** Creates a generator; one seed (and the same options) always gives the same stream. */
export function createGenerator(options: GeneratorOptions): MpesaGenerator {
  return new MpesaGenerator(options)
}
