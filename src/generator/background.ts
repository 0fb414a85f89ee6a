// Organic (non-fraud) traffic: who transacts at a given moment, what type, how much, with whom, where and through which channel.

import { EAT_OFFSET_MS, MS_PER_DAY } from '../domain/eat-time.ts'
import { isMonthEnd } from './clock.ts'
import { CHANNEL, TYPE } from './draft.ts'
import type { TxDraft } from './draft.ts'
import { feeFor } from './fees.ts'
import { receiptText } from './ids.ts'
import { DEFAULT_VARIATION } from './options.ts'
import type { BackgroundVariation } from './options.ts'
import type { Population, ShortcodeDirectory } from './population.ts'
import { COUNTY_ALIAS } from './population.ts'
import { AIRTIME_SHORTCODE, AIRTIME_SHORTCODE_VALUE, AMOUNT_LAWS, CHANNEL_TABLE, PROFILES, SALARIED_PROFILE, SALARY_LAW, profileByHourTable, typeMixTable } from './profiles.ts'
import type { Rng } from './rng.ts'
import { LogNormalTable } from './sampling.ts'
import type { AliasTable } from './sampling.ts'

const REVERSAL_BOOK_SIZE = 4096
const HOUR_MS = 3_600_000
// What a customer short of money does: r < 0.5 spends what they have, r < 0.9 tops up first, else tries and fails.
const SPEND_WHAT_THEY_HAVE = 0.5
const TOP_UP_INSTEAD = 0.9
const USUAL_PAYEE_SHARE = 0.85
const ROUNDED_SHARE = 0.35
const MAX_AMOUNT = 250_000

// Amount laws flattened for the hot path: a log-normal table and a floor per type (medians per instance, see scaledMedians).
const SPREAD = AMOUNT_LAWS.map((law) => new LogNormalTable(law.sigma))
const SALARY_SPREAD = new LogNormalTable(SALARY_LAW.sigma)
const MIN_AMOUNT = Int32Array.from(AMOUNT_LAWS, (law) => law.min)

/** Median × profile scale × the variation's amount scale per (type, profile), indexed type × profiles + profile. */
function scaledMedians(amountScale: number): Float64Array {
  return Float64Array.from({ length: AMOUNT_LAWS.length * PROFILES.length }, (_, i) => {
    const law = AMOUNT_LAWS[Math.floor(i / PROFILES.length)]!
    return law.median * PROFILES[i % PROFILES.length]!.amountScale * amountScale
  })
}

/** Recent successful customer-to-customer transfers, the candidates for a "sent to the wrong number" reversal. */
export class ReversalBook {
  readonly senders = new Int32Array(REVERSAL_BOOK_SIZE)
  readonly receivers = new Int32Array(REVERSAL_BOOK_SIZE)
  readonly amounts = new Int32Array(REVERSAL_BOOK_SIZE)
  // Receipt ids kept as parts (the day prefix is a shared string): text is only built for the few that get reversed.
  readonly idPrefixes: string[] = new Array<string>(REVERSAL_BOOK_SIZE).fill('')
  readonly idHighs = new Int32Array(REVERSAL_BOOK_SIZE)
  readonly idLows = new Int32Array(REVERSAL_BOOK_SIZE)
  #written = 0

  record(sender: number, receiver: number, amount: number, idPrefix: string, idHigh: number, idLow: number): void {
    const slot = this.#written++ & (REVERSAL_BOOK_SIZE - 1)
    this.senders[slot] = sender
    this.receivers[slot] = receiver
    this.amounts[slot] = amount
    this.idPrefixes[slot] = idPrefix
    this.idHighs[slot] = idHigh
    this.idLows[slot] = idLow
  }

  /** A random unreversed slot, or -1; the slot is consumed so a transfer is reversed at most once. */
  take(r: number): number {
    const filled = Math.min(this.#written, REVERSAL_BOOK_SIZE)
    if (filled === 0) return -1
    const slot = Math.floor(r * filled)
    if (this.amounts[slot] === 0) return -1
    return slot
  }
}

const LOOKAHEAD = 32

/**
 * Random customers of each profile, drawn a batch ahead. A customer's wallet slot is a cache miss when its record
 * first reads it; warming a whole batch in one tight loop lets the CPU fetch those slots from memory in parallel
 * instead of stalling on each record in turn.
 */
class CustomerLookahead {
  readonly #pop: Population
  readonly #rng: Rng
  readonly #queued = new Int32Array(PROFILES.length * LOOKAHEAD)
  readonly #taken = new Int32Array(PROFILES.length).fill(LOOKAHEAD)
  /** Keeps the warming reads observable. */
  warmth = 0

  constructor(population: Population, rng: Rng) {
    this.#pop = population
    this.#rng = rng
  }

  /** The next random customer of the profile. */
  take(profile: number): number {
    let taken = this.#taken[profile]!
    if (taken === LOOKAHEAD) {
      this.#refill(profile)
      taken = 0
    }
    this.#taken[profile] = taken + 1
    return this.#queued[profile * LOOKAHEAD + taken]!
  }

  #refill(profile: number): void {
    const pop = this.#pop
    const from = pop.profileStart[profile]!
    const size = pop.profileStart[profile + 1]! - from
    const first = profile * LOOKAHEAD
    for (let i = first; i < first + LOOKAHEAD; i++) this.#queued[i] = from + this.#rng.below(size)
    // A loop of loads alone keeps as many of them in flight as the CPU allows.
    let warmth = this.warmth
    for (let i = first; i < first + LOOKAHEAD; i++) warmth ^= pop.warm(this.#queued[i]!)
    this.warmth = warmth
  }
}

export class BackgroundTraffic {
  readonly #pop: Population
  readonly #rng: Rng
  readonly #reversals: ReversalBook
  readonly #customers: CustomerLookahead
  readonly #profileByHour: readonly AliasTable[]
  readonly #scaledMedian: Float64Array
  readonly #salaryMedian: number
  readonly #mixNormal = typeMixTable(false)
  readonly #mixMonthEnd = typeMixTable(true)
  // The current EAT hour [#hourStart, #hourEnd) and what depends on it, so a record only compares two numbers.
  #hourStart = Number.NaN
  #hourEnd = Number.NaN
  #monthEnd = false
  #profiles: AliasTable
  #mix: readonly AliasTable[] = this.#mixNormal

  /** variation scales amounts and shifts the profiles' active hours (defaults: unchanged). */
  constructor(population: Population, rng: Rng, reversals: ReversalBook, variation: BackgroundVariation = DEFAULT_VARIATION) {
    this.#pop = population
    this.#rng = rng
    this.#reversals = reversals
    this.#customers = new CustomerLookahead(population, rng)
    this.#profileByHour = profileByHourTable(variation.activeHoursShift)
    this.#profiles = this.#profileByHour[0]!
    this.#scaledMedian = scaledMedians(variation.amountScale)
    this.#salaryMedian = SALARY_LAW.median * variation.amountScale
  }

  /** Fills the draft with one organic transaction happening at epochMs. */
  fill(draft: TxDraft, epochMs: number): void {
    if (!(epochMs >= this.#hourStart && epochMs < this.#hourEnd)) this.#enterHour(epochMs)
    const rng = this.#rng
    const pop = this.#pop
    const profile = this.#profiles.pick(rng.float())
    const customer = this.#customers.take(profile)
    const type = this.#mix[profile]!.pick(rng.float())
    const channel = CHANNEL_TABLE[type]!.pick(rng.float())
    if (type === TYPE.REVERSAL && this.#fillReversal(draft)) return
    const amount = type === TYPE.B2C && this.#monthEnd && profile === SALARIED_PROFILE ? this.#salary() : this.#amount(type, profile)
    const county = pop.wallets.county(customer)
    draft.begin(type, amount, county, channel)
    switch (type) {
      case TYPE.PAYBILL:
        this.#toShortcode(draft.fromCustomer(customer), 'PAYBILL', pop.paybills)
        break
      case TYPE.BUY_GOODS: {
        const till = this.#tillFor(customer, county)
        draft.fromCustomer(customer).toBusiness('TILL', pop.tills.numbers[till]!, pop.tills.values[till]!)
        break
      }
      case TYPE.WITHDRAW:
        this.#atAgent(draft.fromCustomer(customer), customer, county, true)
        break
      case TYPE.DEPOSIT:
        this.#atAgent(draft.toCustomer(customer), customer, county, false)
        break
      case TYPE.AIRTIME:
        draft.fromCustomer(customer).toBusiness('BUSINESS', AIRTIME_SHORTCODE, AIRTIME_SHORTCODE_VALUE)
        break
      case TYPE.B2C:
        this.#fromShortcode(draft, pop.employers).toCustomer(customer)
        break
      default:
        draft.fromCustomer(customer).toCustomer(this.#payeeOf(customer))
        draft.type = TYPE.SEND_MONEY
    }
    if (draft.sender >= 0) this.#keepAffordable(draft, customer, county, profile)
  }

  #enterHour(epochMs: number): void {
    const local = epochMs + EAT_OFFSET_MS
    const day = Math.floor(local / MS_PER_DAY)
    const hour = Math.floor((local - day * MS_PER_DAY) / HOUR_MS)
    this.#hourStart = day * MS_PER_DAY + hour * HOUR_MS - EAT_OFFSET_MS
    this.#hourEnd = this.#hourStart + HOUR_MS
    this.#monthEnd = isMonthEnd(epochMs)
    this.#profiles = this.#profileByHour[hour]!
    this.#mix = this.#monthEnd ? this.#mixMonthEnd : this.#mixNormal
  }

  /** A log-normal amount (inverse-CDF table, no Box-Muller or exp), scaled by profile, sometimes rounded as people type it. */
  #amount(type: number, profile: number): number {
    const rng = this.#rng
    const raw = this.#scaledMedian[type * PROFILES.length + profile]! * SPREAD[type]!.sample(rng.float())
    const amount = Math.min(MAX_AMOUNT, Math.max(MIN_AMOUNT[type]!, Math.round(raw)))
    // People type round figures: a third of amounts from 200 up are rounded to 50, from 1,000 up to 100.
    if (amount >= 200 && rng.float() < ROUNDED_SHARE) {
      const unit = amount >= 1000 ? 100 : 50
      return Math.min(MAX_AMOUNT, Math.round(amount / unit) * unit)
    }
    return amount
  }

  #salary(): number {
    const raw = this.#salaryMedian * SALARY_SPREAD.sample(this.#rng.float())
    return Math.min(MAX_AMOUNT, Math.max(SALARY_LAW.min, Math.round(raw / 100) * 100))
  }

  #toShortcode(draft: TxDraft, type: 'PAYBILL', directory: ShortcodeDirectory): TxDraft {
    const i = directory.pick(this.#rng.float())
    return draft.toBusiness(type, directory.numbers[i]!, directory.values[i]!)
  }

  #fromShortcode(draft: TxDraft, directory: ShortcodeDirectory): TxDraft {
    const i = directory.pick(this.#rng.float())
    return draft.fromBusiness('BUSINESS', directory.numbers[i]!, directory.values[i]!)
  }

  #payeeOf(customer: number): number {
    const r = this.#rng.float()
    // One draw decides usual-or-new and, for usual payees, which of the 8.
    if (r < USUAL_PAYEE_SHARE) return this.#pop.contactOf(customer, Math.floor((r / USUAL_PAYEE_SHARE) * 8))
    return this.#pop.randomActive(this.#rng.float(), customer)
  }

  #tillFor(customer: number, county: number): number {
    const r = this.#rng.float()
    const tills = this.#pop.tills
    return r < 0.6 ? tills.usualFor(customer, county, Math.floor(r * 6.67)) : tills.inCounty(county, r)
  }

  /** Usually one of the customer's two usual agents, sometimes another in the county, rarely one elsewhere (travel). */
  #atAgent(draft: TxDraft, customer: number, county: number, cashOut: boolean): void {
    const agents = this.#pop.agents
    const r = this.#rng.float()
    const agent =
      r < 0.85
        ? agents.usualFor(customer, county, r < 0.6 ? 0 : 1)
        : agents.inCounty(r < 0.97 ? county : COUNTY_ALIAS.pick(this.#rng.float()), this.#rng.float())
    const number = agents.numbers[agent]!
    const value = agents.values[agent]!
    if (cashOut) draft.toBusiness('AGENT', number, value)
    else draft.fromBusiness('AGENT', number, value)
    draft.market = agents.county[agent]!
  }

  /**
   * A customer short of money usually adapts: half spend what they have instead (if at least the type's minimum),
   * most others top up at an agent (a usual deposit, or the shortfall rounded up to 100), and the rest try and fail.
   */
  #keepAffordable(draft: TxDraft, customer: number, county: number, profile: number): void {
    const balance = this.#pop.wallets.balance(customer)
    const shortfall = draft.amount + feeFor(draft.type, draft.amount) - balance
    if (shortfall <= 0) return
    const r = this.#rng.float()
    const affordable = Math.floor((balance - feeFor(draft.type, balance)) / 10) * 10
    if (r < SPEND_WHAT_THEY_HAVE && affordable >= MIN_AMOUNT[draft.type]!) {
      draft.amount = affordable
      return
    }
    if (r >= TOP_UP_INSTEAD) return
    draft.begin(TYPE.DEPOSIT, Math.min(MAX_AMOUNT, Math.max(this.#amount(TYPE.DEPOSIT, profile), Math.ceil(shortfall / 100) * 100)), county, CHANNEL.AGENT)
    this.#atAgent(draft.toCustomer(customer), customer, county, false)
  }

  #fillReversal(draft: TxDraft): boolean {
    const book = this.#reversals
    const slot = book.take(this.#rng.float())
    if (slot < 0) return false
    const sender = book.senders[slot]!
    draft.begin(TYPE.REVERSAL, book.amounts[slot]!, this.#pop.wallets.county(sender), CHANNEL.USSD).fromCustomer(sender).toCustomer(book.receivers[slot]!)
    draft.reverses = receiptText(book.idPrefixes[slot]!, book.idHighs[slot]!, book.idLows[slot]!)
    book.amounts[slot] = 0
    return true
  }
}
