// The simulated population: customers (wallets, profiles, home counties, MSISDNs), agents, tills, paybills, employers.
//
// Per customer: a packed 16-byte wallet slot (wallets.ts), a profile and a busy flag, about 18 bytes at any size.
// MSISDNs and business numbers come from keyed permutations of the index, so they are unique and look random.
// Customers are numbered by profile, then home county: "a random customer of profile p" is a random index in a range,
// and a county's active customers are a few ranges, with no per-account index array to read (each read was a cache miss).

import { COUNTIES } from '../domain/counties.ts'
import { MS_PER_DAY } from '../domain/eat-time.ts'
import { SAFARICOM_PREFIXES } from '../domain/msisdn.ts'
import { msisdnText, writeMsisdnNumber } from './msisdn-numbers.ts'
import { KeyedPermutation } from './permutation.ts'
import { DORMANT_PROFILE, PROFILES } from './profiles.ts'
import { cumulativeOf, hashBelow, mix32 } from './rng.ts'
import type { Rng } from './rng.ts'
import { AliasTable } from './sampling.ts'
import { Wallets } from './wallets.ts'

export const COUNTY_COUNT = COUNTIES.length
export const COUNTY_CUMULATIVE = cumulativeOf(COUNTIES.map((c) => c.population))
export const COUNTY_ALIAS = new AliasTable(COUNTIES.map((c) => c.population))

const PREFIX_COUNT = SAFARICOM_PREFIXES.length

export const MSISDN_TEXT_CACHE_LIMIT = 1_000_000

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
  /** The same numbers as integers. */
  readonly values: Int32Array
  readonly county: Uint8Array
  readonly byCounty: GroupIndex

  constructor(count: number, firstNumber: number, permutation: KeyedPermutation, rng: Rng) {
    if (count > permutation.size) throw new Error(`at most ${permutation.size} outlets in this number range`)
    this.values = Int32Array.from({ length: count }, (_, i) => firstNumber + permutation.apply(i))
    this.numbers = Array.from(this.values, String)
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
  /** The same numbers as integers. */
  readonly values: Int32Array
  readonly #popularity: AliasTable

  constructor(values: ArrayLike<number>) {
    this.values = Int32Array.from(values)
    this.numbers = Array.from(this.values, String)
    this.#popularity = new AliasTable(this.numbers.map((_, i) => 1 / (i + 1)))
  }

  /** The index of a shortcode drawn by popularity, for a uniform u in [0, 1). */
  pick(u: number): number {
    return this.#popularity.pick(u)
  }
}

/** Whole counts per profile that add up to `accounts` (largest remainder), in PROFILES order. */
function profileCounts(accounts: number): number[] {
  const exact = PROFILES.map((p) => p.share * accounts)
  const counts = exact.map(Math.floor)
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1])
  for (let k = 0; counts.reduce((a, c) => a + c, 0) < accounts; k++) counts[order[k % order.length]![1]]!++
  return counts
}

export interface PopulationSizes {
  readonly accounts: number
  readonly mulePool: number
  readonly agents: number
  readonly tills: number
  readonly paybills: number
  readonly employers: number
  /** Multiplies opening balances, as background amounts are (default 1). */
  readonly amountScale?: number
}

export class Population {
  /** Customers 0..accounts-1 are ordinary; accounts..size-1 are reserved, never-seen mule accounts. */
  readonly size: number
  readonly accounts: number
  /** Behaviour profile per account (MULE_PROFILE for the reserved pool). */
  readonly profile: Uint8Array
  /** Balance, daily debits, last activity, county and MSISDN of every account, packed. */
  readonly wallets: Wallets
  /** 1 while the account takes part in a fraud scenario, so scenarios never overlap on one account. */
  readonly busy: Uint8Array
  /** Customers of profile p are the indices profileStart[p] .. profileStart[p + 1] - 1; mules follow the last profile. */
  readonly profileStart: Int32Array
  readonly agents: OutletDirectory
  readonly tills: OutletDirectory
  readonly paybills: ShortcodeDirectory
  readonly employers: ShortcodeDirectory
  // Accounts of profile p at home in county c are the block starting at #blockStart[p * COUNTY_COUNT + c].
  readonly #blockStart: Int32Array
  readonly #activeInCounty: Int32Array
  // Ready strings for populations up to MSISDN_TEXT_CACHE_LIMIT (about 40 bytes each); larger ones build the text per use.
  readonly #msisdnText: readonly string[] | undefined
  readonly #key: number

  constructor(sizes: PopulationSizes, startMs: number, rng: Rng) {
    this.accounts = sizes.accounts
    this.size = sizes.accounts + sizes.mulePool
    this.#key = rng.uint32()
    this.profileStart = new Int32Array(PROFILES.length + 2)
    profileCounts(this.accounts).forEach((count, p) => (this.profileStart[p + 1] = this.profileStart[p]! + count))
    this.profileStart[PROFILES.length + 1] = this.size
    this.#blockStart = this.#countyBlocks(rng)
    this.#activeInCounty = Int32Array.from({ length: COUNTY_COUNT }, (_, c) => {
      let active = 0
      for (let p = 0; p < DORMANT_PROFILE; p++) active += this.#blockSize(p, c)
      return active
    })
    this.profile = new Uint8Array(this.size)
    this.busy = new Uint8Array(this.size)
    this.wallets = new Wallets(this.size)
    this.#assignIdentities()
    this.#msisdnText =
      this.size <= MSISDN_TEXT_CACHE_LIMIT ? Array.from({ length: this.size }, (_, i) => msisdnText(this.wallets.msisdnNumber(i))) : undefined
    this.#openWallets(startMs, rng, sizes.amountScale ?? 1)
    const businessKey = rng.uint32()
    this.agents = new OutletDirectory(sizes.agents, 100_000, new KeyedPermutation(400, 1000, businessKey), rng)
    this.tills = new OutletDirectory(sizes.tills, 1_000_000, new KeyedPermutation(3000, 3000, businessKey + 1), rng)
    const shortcodes = new KeyedPermutation(500, 1000, businessKey + 2)
    if (sizes.paybills + sizes.employers > shortcodes.size) throw new Error('too many paybills and employers')
    const shortcode = (i: number): number => 500_000 + shortcodes.apply(i)
    this.paybills = new ShortcodeDirectory(Array.from({ length: sizes.paybills }, (_, i) => shortcode(i)))
    this.employers = new ShortcodeDirectory(Array.from({ length: sizes.employers }, (_, i) => shortcode(sizes.paybills + i)))
  }

  /** Draws every account's home county by census population and returns the start of each (profile, county) block. */
  #countyBlocks(rng: Rng): Int32Array {
    const groups = PROFILES.length + 1
    const start = new Int32Array(groups * COUNTY_COUNT + 1)
    for (let g = 0; g < groups; g++) {
      for (let i = this.profileStart[g]!; i < this.profileStart[g + 1]!; i++) start[g * COUNTY_COUNT + COUNTY_ALIAS.pick(rng.float()) + 1]!++
    }
    for (let b = 0; b < groups * COUNTY_COUNT; b++) start[b + 1]! += start[b]!
    return start
  }

  #blockSize(profile: number, county: number): number {
    const b = profile * COUNTY_COUNT + county
    return this.#blockStart[b + 1]! - this.#blockStart[b]!
  }

  /** Profile and county from the account's block, and an MSISDN from a keyed permutation of its index. */
  #assignIdentities(): void {
    const msisdns = new KeyedPermutation(PREFIX_COUNT * 125, 8000, this.#key)
    if (this.size > msisdns.size) throw new Error('more accounts than Safaricom numbers')
    let block = 0
    for (let i = 0; i < this.size; i++) {
      while (i >= this.#blockStart[block + 1]!) block++
      this.profile[i] = Math.floor(block / COUNTY_COUNT)
      this.wallets.setIdentity(i, block % COUNTY_COUNT, msisdns.apply(i))
    }
  }

  #openWallets(startMs: number, rng: Rng, amountScale: number): void {
    const startSeconds = Math.floor(startMs / 1000)
    const daySeconds = MS_PER_DAY / 1000
    // Mules (from index `accounts` on) are new SIM registrations: empty wallet, no history.
    for (let i = 0; i < this.accounts; i++) {
      const profile = this.profile[i]!
      this.wallets.setBalance(i, Math.min(300_000, Math.round(rng.logNormal(PROFILES[profile]!.balanceMedian * amountScale, 1.0))))
      // Dormant wallets were last used 91 to 500 days ago; the others within the last fortnight.
      const idleDays = profile === DORMANT_PROFILE ? 91 + rng.float() * 409 : rng.float() * 14
      this.wallets.setLastActive(i, Math.max(1, startSeconds - Math.floor(idleDays * daySeconds)))
    }
  }

  /** The customer's 12-digit MSISDN, derived from its index. */
  msisdn(index: number): string {
    return this.#msisdnText !== undefined ? this.#msisdnText[index]! : msisdnText(this.wallets.msisdnNumber(index))
  }

  /**
   * Reads what a record about the customer will read (its wallet slot and MSISDN string) and returns a meaningless
   * number that depends on it. Called for a batch of customers in a row, it lets the CPU fetch their memory in
   * parallel ahead of use; the caller must keep the result so the reads are not optimised away.
   */
  warm(index: number): number {
    const text = this.#msisdnText !== undefined ? this.#msisdnText[index] : undefined
    return this.wallets.balance(index) + (text === undefined ? 1 : 0)
  }

  /** Writes the customer's 12 MSISDN digits as ASCII at pos; returns the position after them. */
  writeMsisdn(target: Uint8Array, pos: number, index: number): number {
    return writeMsisdnNumber(target, pos, this.wallets.msisdnNumber(index))
  }

  /** One of the customer's 8 usual payees: stable, in the same county, so first-time payees stand out. */
  contactOf(customer: number, slot: number): number {
    const county = this.wallets.county(customer)
    const size = this.#activeInCounty[county]!
    if (size <= 1) return (customer + 1) % this.accounts
    const position = hashBelow(mix32((customer * 8 + slot) ^ this.#key), size)
    const contact = this.#activeAt(county, position)
    return contact === customer ? this.#activeAt(county, position + 1 === size ? 0 : position + 1) : contact
  }

  /** The position-th active customer of a county, counting through its blocks of active profiles. */
  #activeAt(county: number, position: number): number {
    let rest = position
    for (let p = 0; p < DORMANT_PROFILE; p++) {
      const b = p * COUNTY_COUNT + county
      const from = this.#blockStart[b]!
      const size = this.#blockStart[b + 1]! - from
      if (rest < size) return from + rest
      rest -= size
    }
    throw new Error('position outside the county')
  }

  /** A uniformly random active customer (so population-weighted by county), other than `not`. */
  randomActive(r: number, not: number): number {
    // Active profiles come first, so the active customers are exactly 0 .. profileStart[DORMANT_PROFILE] - 1.
    const active = this.profileStart[DORMANT_PROFILE]!
    const pick = Math.floor(r * active)
    return pick === not ? (pick + 1 === active ? 0 : pick + 1) : pick
  }
}
