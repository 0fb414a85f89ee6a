// Organic (non-fraud) traffic: who transacts at a given moment, what type, how much, with whom, where and through which channel.

import { EAT_OFFSET_MS, MS_PER_DAY } from '../domain/eat-time.ts'
import { customerFee } from '../domain/tariff.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import { isMonthEnd } from './clock.ts'
import type { TxDraft } from './draft.ts'
import { receiptText } from './ids.ts'
import type { Population } from './population.ts'
import { COUNTY_CUMULATIVE } from './population.ts'
import {
  AIRTIME_SHORTCODE,
  AMOUNT_LAWS,
  CHANNEL_BY_INDEX,
  CHANNEL_TABLE,
  PROFILES,
  SALARIED_PROFILE,
  SALARY_LAW,
  TYPE_INDEX,
  profileByHourTable,
  typeMixTable
} from './profiles.ts'
import type { Rng } from './rng.ts'

const REVERSAL_BOOK_SIZE = 4096
// What a customer short of money does: r < 0.5 spends what they have, r < 0.9 tops up first, else tries and fails.
const SPEND_WHAT_THEY_HAVE = 0.5
const TOP_UP_INSTEAD = 0.9
const USUAL_PAYEE_SHARE = 0.85

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
    const slot = this.#written++ % REVERSAL_BOOK_SIZE
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

export class BackgroundTraffic {
  readonly #pop: Population
  readonly #rng: Rng
  readonly #reversals: ReversalBook
  readonly #profileByHour = profileByHourTable()
  readonly #mixNormal = typeMixTable(false)
  readonly #mixMonthEnd = typeMixTable(true)
  #day = Number.NaN
  #monthEnd = false

  constructor(population: Population, rng: Rng, reversals: ReversalBook) {
    this.#pop = population
    this.#rng = rng
    this.#reversals = reversals
  }

  /** Fills the draft with one organic transaction happening at epochMs. */
  fill(draft: TxDraft, epochMs: number): void {
    const local = epochMs + EAT_OFFSET_MS
    const day = Math.floor(local / MS_PER_DAY)
    if (day !== this.#day) {
      this.#day = day
      this.#monthEnd = isMonthEnd(epochMs)
    }
    const rng = this.#rng
    const pop = this.#pop
    const profile = rng.weighted(this.#profileByHour[Math.floor((local - day * MS_PER_DAY) / 3_600_000)]!)
    const from = pop.byProfile.start[profile]!
    const customer = pop.byProfile.members[from + rng.below(pop.byProfile.start[profile + 1]! - from)]!
    const type = rng.weighted((this.#monthEnd ? this.#mixMonthEnd : this.#mixNormal)[profile]!)
    const channel = CHANNEL_BY_INDEX[rng.weighted(CHANNEL_TABLE[type]!)]!
    if (type === TYPE_INDEX.REVERSAL && this.#fillReversal(draft)) return
    const amount = type === TYPE_INDEX.B2C && this.#monthEnd && profile === SALARIED_PROFILE ? this.#salary() : this.#amount(type, profile)
    const county = pop.county[customer]!
    draft.reset(TRANSACTION_TYPES[type]!, amount, county, channel)
    switch (type) {
      case TYPE_INDEX.PAYBILL:
        draft.fromCustomer(customer).toBusiness('PAYBILL', pop.paybills.numbers[rng.weighted(pop.paybills.popularity)]!)
        break
      case TYPE_INDEX.BUY_GOODS:
        draft.fromCustomer(customer).toBusiness('TILL', pop.tills.numbers[this.#tillFor(customer, county)]!)
        break
      case TYPE_INDEX.WITHDRAW:
        this.#atAgent(draft.fromCustomer(customer), customer, county, true)
        break
      case TYPE_INDEX.DEPOSIT:
        this.#atAgent(draft.toCustomer(customer), customer, county, false)
        break
      case TYPE_INDEX.AIRTIME:
        draft.fromCustomer(customer).toBusiness('BUSINESS', AIRTIME_SHORTCODE)
        break
      case TYPE_INDEX.B2C:
        draft.fromBusiness('BUSINESS', pop.employers.numbers[rng.weighted(pop.employers.popularity)]!).toCustomer(customer)
        break
      default:
        draft.fromCustomer(customer).toCustomer(this.#payeeOf(customer))
        draft.type = 'SEND_MONEY'
    }
    if (draft.sender >= 0) this.#keepAffordable(draft, customer, county, profile)
  }

  #amount(type: number, profile: number): number {
    const law = AMOUNT_LAWS[type]!
    const raw = law.median * PROFILES[profile]!.amountScale * Math.exp(law.sigma * this.#rng.normal())
    const amount = Math.min(250_000, Math.max(law.min, Math.round(raw)))
    // People type round figures: a third of amounts from 200 up are rounded to 50, from 1,000 up to 100.
    if (amount >= 200 && this.#rng.chance(0.35)) {
      const unit = amount >= 1000 ? 100 : 50
      return Math.min(250_000, Math.round(amount / unit) * unit)
    }
    return amount
  }

  #salary(): number {
    const raw = SALARY_LAW.median * Math.exp(SALARY_LAW.sigma * this.#rng.normal())
    return Math.min(250_000, Math.max(SALARY_LAW.min, Math.round(raw / 100) * 100))
  }

  #payeeOf(customer: number): number {
    const rng = this.#rng
    if (rng.chance(USUAL_PAYEE_SHARE)) return this.#pop.contactOf(customer, rng.below(8))
    return this.#pop.randomActive(rng.float(), customer)
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
        : agents.inCounty(r < 0.97 ? county : this.#rng.weighted(COUNTY_CUMULATIVE), this.#rng.float())
    const number = agents.numbers[agent]!
    if (cashOut) draft.toBusiness('AGENT', number)
    else draft.fromBusiness('AGENT', number)
    draft.market = agents.county[agent]!
  }

  /**
   * A customer short of money usually adapts: half spend what they have instead (if at least the type's minimum),
   * most others top up at an agent (a usual deposit, or the shortfall rounded up to 100), and the rest try and fail.
   */
  #keepAffordable(draft: TxDraft, customer: number, county: number, profile: number): void {
    const balance = this.#pop.balance[customer]!
    const shortfall = draft.amount + customerFee(draft.type, draft.amount) - balance
    if (shortfall <= 0) return
    const r = this.#rng.float()
    const affordable = Math.floor((balance - customerFee(draft.type, balance)) / 10) * 10
    if (r < SPEND_WHAT_THEY_HAVE && affordable >= AMOUNT_LAWS[TYPE_INDEX[draft.type]]!.min) {
      draft.amount = affordable
      return
    }
    if (r >= TOP_UP_INSTEAD) return
    draft.type = 'DEPOSIT'
    draft.channel = 'AGENT'
    draft.amount = Math.min(250_000, Math.max(this.#amount(TYPE_INDEX.DEPOSIT, profile), Math.ceil(shortfall / 100) * 100))
    draft.receiver = -1
    draft.sender = -1
    this.#atAgent(draft.toCustomer(customer), customer, county, false)
  }

  #fillReversal(draft: TxDraft): boolean {
    const book = this.#reversals
    const slot = book.take(this.#rng.float())
    if (slot < 0) return false
    const sender = book.senders[slot]!
    draft.reset('REVERSAL', book.amounts[slot]!, this.#pop.county[sender]!, 'USSD').fromCustomer(sender).toCustomer(book.receivers[slot]!)
    draft.reverses = receiptText(book.idPrefixes[slot]!, book.idHighs[slot]!, book.idLows[slot]!)
    book.amounts[slot] = 0
    return true
  }
}
