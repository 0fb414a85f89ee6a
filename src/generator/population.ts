// The simulated population in struct-of-arrays form: customers (with balances and activity), agents, tills, paybills, employers.
//
// One typed-array slot per account instead of one object keeps 5,000,000 accounts at about 30 bytes each; MSISDNs and
// business numbers are derived from the index through keyed permutations, so they are unique and need no storage.

import { COUNTIES } from '../domain/counties.ts'
import { MS_PER_DAY } from '../domain/eat-time.ts'
import { SAFARICOM_PREFIXES } from '../domain/msisdn.ts'
import { KeyedPermutation } from './permutation.ts'
import { DORMANT_PROFILE, MULE_PROFILE, PROFILES } from './profiles.ts'
import { cumulativeOf, hashBelow, mix32 } from './rng.ts'
import type { Rng } from './rng.ts'

export const COUNTY_COUNT = COUNTIES.length
export const COUNTY_CUMULATIVE = cumulativeOf(COUNTIES.map((c) => c.population))

const SUBSCRIBERS_PER_PREFIX = 1_000_000
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
const PREFIX_TEXT: readonly string[] = SAFARICOM_PREFIXES.map((p) => '254' + p)
const PREFIX_CODES = Uint8Array.from(SAFARICOM_PREFIXES.join(''), (c) => c.charCodeAt(0))

export const MSISDN_TEXT_CACHE_LIMIT = 1_000_000

/** MSISDN text of a permuted number n in [0, 58,000,000): Safaricom prefix n / 1e6, then 6 subscriber digits. */
function msisdnText(n: number): string {
  const prefix = Math.floor(n / SUBSCRIBERS_PER_PREFIX)
  const subscriber = n - prefix * SUBSCRIBERS_PER_PREFIX
  const high = Math.floor(subscriber / 1000)
  return PREFIX_TEXT[prefix]! + THREE_DIGITS[high]! + THREE_DIGITS[subscriber - high * 1000]!
}

/** Members of groups 0..groups-1 listed contiguously (counting sort), with start offsets. */
export interface GroupIndex {
  readonly start: Int32Array
  readonly members: Int32Array
}

export function groupIndex(groupOf: Uint8Array, groups: number, include: (i: number) => boolean): GroupIndex {
  const start = new Int32Array(groups + 1)
  for (let i = 0; i < groupOf.length; i++) if (include(i)) start[groupOf[i]! + 1]!++
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!
  const fill = start.slice(0, groups)
  const members = new Int32Array(start[groups]!)
  for (let i = 0; i < groupOf.length; i++) if (include(i)) members[fill[groupOf[i]!]!++] = i
  return { start, members }
}

/** Agents or tills: numbers from a keyed permutation of a numeric range, each in a county. */
export class OutletDirectory {
  readonly numbers: readonly string[]
  readonly county: Uint8Array
  readonly byCounty: GroupIndex

  constructor(count: number, firstNumber: number, permutation: KeyedPermutation, rng: Rng) {
    if (count > permutation.size) throw new Error(`at most ${permutation.size} outlets in this number range`)
    this.numbers = Array.from({ length: count }, (_, i) => String(firstNumber + permutation.apply(i)))
    this.county = new Uint8Array(count)
    // The first 47 outlets cover one county each, so every county has at least one (when count allows).
    for (let i = 0; i < count; i++) this.county[i] = i < COUNTY_COUNT ? i : rng.weighted(COUNTY_CUMULATIVE)
    this.byCounty = groupIndex(this.county, COUNTY_COUNT, () => true)
  }

  /** An outlet in the county, or anywhere when the county has none. */
  inCounty(county: number, r: number): number {
    const from = this.byCounty.start[county]!
    const size = this.byCounty.start[county + 1]! - from
    if (size === 0) return Math.floor(r * this.numbers.length)
    return this.byCounty.members[from + Math.floor(r * size)]!
  }

  /** A stable "usual" outlet for a customer: the same few agents or shops near home. */
  usualFor(customer: number, county: number, slot: number): number {
    const from = this.byCounty.start[county]!
    const size = this.byCounty.start[county + 1]! - from
    if (size === 0) return hashBelow(mix32(customer * 4 + slot), this.numbers.length)
    return this.byCounty.members[from + hashBelow(mix32(customer * 4 + slot), size)]!
  }
}

/** Shortcodes chosen with Zipf popularity: a few billers (power, water, TV) take most payments. */
export class ShortcodeDirectory {
  readonly numbers: readonly string[]
  readonly popularity: Float64Array

  constructor(numbers: readonly string[]) {
    this.numbers = numbers
    this.popularity = cumulativeOf(numbers.map((_, i) => 1 / (i + 1)))
  }
}

export interface PopulationSizes {
  readonly accounts: number
  readonly mulePool: number
  readonly agents: number
  readonly tills: number
  readonly paybills: number
  readonly employers: number
}

export class Population {
  /** Customers 0..accounts-1 are ordinary; accounts..size-1 are reserved, never-seen mule accounts. */
  readonly size: number
  readonly accounts: number
  readonly county: Uint8Array
  readonly profile: Uint8Array
  readonly balance: Int32Array
  readonly debitedToday: Int32Array
  readonly debitDay: Int32Array
  /** Last activity in epoch seconds (0 = never). */
  readonly lastActive: Uint32Array
  /** 1 while the account takes part in a fraud scenario, so scenarios never overlap on one account. */
  readonly busy: Uint8Array
  readonly activeByCounty: GroupIndex
  /** Ordinary customers (dormant included, mules excluded) grouped by profile. */
  readonly byProfile: GroupIndex
  readonly agents: OutletDirectory
  readonly tills: OutletDirectory
  readonly paybills: ShortcodeDirectory
  readonly employers: ShortcodeDirectory
  // Permuted MSISDN numbers per account (prefix index × 1e6 + subscriber), computed once: the Feistel rounds are too slow per record.
  readonly #msisdnNumbers: Uint32Array
  // Ready strings for populations up to MSISDN_TEXT_CACHE_LIMIT (about 40 bytes each); larger ones build the text per use.
  readonly #msisdnText: readonly string[] | undefined
  readonly #key: number

  constructor(sizes: PopulationSizes, startMs: number, rng: Rng) {
    this.accounts = sizes.accounts
    this.size = sizes.accounts + sizes.mulePool
    this.#key = rng.uint32()
    const msisdns = new KeyedPermutation(PREFIX_TEXT.length * 125, 8000, this.#key)
    if (this.size > msisdns.size) throw new Error('more accounts than Safaricom numbers')
    this.#msisdnNumbers = new Uint32Array(this.size)
    for (let i = 0; i < this.size; i++) this.#msisdnNumbers[i] = msisdns.apply(i)
    this.#msisdnText =
      this.size <= MSISDN_TEXT_CACHE_LIMIT ? Array.from({ length: this.size }, (_, i) => msisdnText(this.#msisdnNumbers[i]!)) : undefined
    this.county = new Uint8Array(this.size)
    this.profile = new Uint8Array(this.size)
    this.balance = new Int32Array(this.size)
    this.debitedToday = new Int32Array(this.size)
    this.debitDay = new Int32Array(this.size)
    this.lastActive = new Uint32Array(this.size)
    this.busy = new Uint8Array(this.size)
    this.#populateCustomers(startMs, rng)
    // Profiles are ordered with DORMANT after every active one and MULE last, so one comparison tells active accounts.
    const isActive = (i: number): boolean => this.profile[i]! < DORMANT_PROFILE
    this.activeByCounty = groupIndex(this.county, COUNTY_COUNT, isActive)
    this.byProfile = groupIndex(this.profile, PROFILES.length + 1, (i) => i < this.accounts)
    const businessKey = rng.uint32()
    this.agents = new OutletDirectory(sizes.agents, 100_000, new KeyedPermutation(400, 1000, businessKey), rng)
    this.tills = new OutletDirectory(sizes.tills, 1_000_000, new KeyedPermutation(3000, 3000, businessKey + 1), rng)
    const shortcodes = new KeyedPermutation(500, 1000, businessKey + 2)
    if (sizes.paybills + sizes.employers > shortcodes.size) throw new Error('too many paybills and employers')
    const shortcode = (i: number): string => String(500_000 + shortcodes.apply(i))
    this.paybills = new ShortcodeDirectory(Array.from({ length: sizes.paybills }, (_, i) => shortcode(i)))
    this.employers = new ShortcodeDirectory(Array.from({ length: sizes.employers }, (_, i) => shortcode(sizes.paybills + i)))
  }

  #populateCustomers(startMs: number, rng: Rng): void {
    const profileCumulative = cumulativeOf(PROFILES.map((p) => p.share))
    const startSeconds = Math.floor(startMs / 1000)
    const daySeconds = MS_PER_DAY / 1000
    for (let i = 0; i < this.size; i++) {
      this.county[i] = rng.weighted(COUNTY_CUMULATIVE)
      if (i >= this.accounts) {
        // Mules are new SIM registrations: empty wallet, no history.
        this.profile[i] = MULE_PROFILE
        continue
      }
      const profile = rng.weighted(profileCumulative)
      this.profile[i] = profile
      this.balance[i] = Math.min(300_000, Math.round(rng.logNormal(PROFILES[profile]!.balanceMedian, 1.0)))
      // Dormant wallets were last used 91 to 500 days ago; the others within the last fortnight.
      const idleDays = profile === DORMANT_PROFILE ? 91 + rng.float() * 409 : rng.float() * 14
      this.lastActive[i] = Math.max(1, startSeconds - Math.floor(idleDays * daySeconds))
    }
  }

  /** The customer's 12-digit MSISDN, derived from its index. */
  msisdn(index: number): string {
    return this.#msisdnText !== undefined ? this.#msisdnText[index]! : msisdnText(this.#msisdnNumbers[index]!)
  }

  /** Writes the customer's 12 MSISDN digits as ASCII at pos (the encoder's fast path); returns the position after them. */
  writeMsisdn(target: Uint8Array, pos: number, index: number): number {
    const n = this.#msisdnNumbers[index]!
    const prefix = Math.floor(n / SUBSCRIBERS_PER_PREFIX)
    let subscriber = n - prefix * SUBSCRIBERS_PER_PREFIX
    target[pos] = 50 // '2'
    target[pos + 1] = 53 // '5'
    target[pos + 2] = 52 // '4'
    target[pos + 3] = PREFIX_CODES[prefix * 3]!
    target[pos + 4] = PREFIX_CODES[prefix * 3 + 1]!
    target[pos + 5] = PREFIX_CODES[prefix * 3 + 2]!
    for (let i = pos + 11; i >= pos + 6; i--) {
      const q = Math.floor(subscriber / 10)
      target[i] = 48 + subscriber - q * 10
      subscriber = q
    }
    return pos + 12
  }

  /** One of the customer's 8 usual payees: stable, in the same county, so first-time payees stand out. */
  contactOf(customer: number, slot: number): number {
    const county = this.county[customer]!
    const from = this.activeByCounty.start[county]!
    const size = this.activeByCounty.start[county + 1]! - from
    if (size <= 1) return (customer + 1) % this.accounts
    const position = hashBelow(mix32((customer * 8 + slot) ^ this.#key), size)
    const contact = this.activeByCounty.members[from + position]!
    return contact === customer ? this.activeByCounty.members[from + (position + 1 === size ? 0 : position + 1)]! : contact
  }

  /** A uniformly random active customer (so population-weighted by county), other than `not`. */
  randomActive(r: number, not: number): number {
    const members = this.activeByCounty.members
    const position = Math.floor(r * members.length)
    const pick = members[position]!
    return pick === not ? members[position + 1 === members.length ? 0 : position + 1]! : pick
  }
}
