// The per-customer fields every record reads or writes, packed into one 16-byte slot per account so a record touches one cache line per customer.
//
// Separate typed arrays (balance, daily debits, their day, last activity, MSISDN, county) cost a cache miss each per
// customer per record; at 100,000+ accounts those misses, not arithmetic, dominated the generator's time.

import { LIMITS } from '../domain/limits.ts'

const STRIDE = 4
const BALANCE = 0
/** (EAT day number mod 8,192) << 19 | KES debited that day. */
const DEBITS = 1
/** Epoch seconds of the last activity as an unsigned 32-bit value (0 = never). */
const LAST_ACTIVE = 2
/** Home county << 26 | permuted MSISDN number (below 2^26). */
const IDENTITY = 3

const DEBIT_BITS = 19
const DEBIT_MASK = (1 << DEBIT_BITS) - 1
const DAY_MASK = (1 << (32 - DEBIT_BITS)) - 1
const MSISDN_BITS = 26
const MSISDN_MASK = (1 << MSISDN_BITS) - 1

// Daily debits never exceed the daily limit, which must fit the field. Days are compared modulo 8,192 (22 years):
// simulated spans are at most 3,660 days, and an aliased stale day can only match an initial zero total.
if (LIMITS.maxDailyDebits > DEBIT_MASK) throw new Error('daily debit limit does not fit the packed wallet field')

export class Wallets {
  readonly size: number
  readonly #slots: Int32Array

  constructor(size: number) {
    this.size = size
    this.#slots = new Int32Array(size * STRIDE)
  }

  /** Sets the fields that never change: home county (0..63) and permuted MSISDN number (below 2^26). */
  setIdentity(account: number, county: number, msisdnNumber: number): void {
    if (!(county >= 0 && county < 64 && msisdnNumber >= 0 && msisdnNumber <= MSISDN_MASK)) throw new Error('identity out of range')
    this.#slots[account * STRIDE + IDENTITY] = (county << MSISDN_BITS) | msisdnNumber
  }

  county(account: number): number {
    return this.#slots[account * STRIDE + IDENTITY]! >>> MSISDN_BITS
  }

  msisdnNumber(account: number): number {
    return this.#slots[account * STRIDE + IDENTITY]! & MSISDN_MASK
  }

  balance(account: number): number {
    return this.#slots[account * STRIDE + BALANCE]!
  }

  setBalance(account: number, balance: number): void {
    this.#slots[account * STRIDE + BALANCE] = balance
  }

  /** Last activity in epoch seconds (0 = never). */
  lastActive(account: number): number {
    return this.#slots[account * STRIDE + LAST_ACTIVE]! >>> 0
  }

  setLastActive(account: number, epochSeconds: number): void {
    this.#slots[account * STRIDE + LAST_ACTIVE] = epochSeconds
  }

  /** KES debited on EAT day `day` (days since 1970); 0 when the last debit was on another day. */
  debitedOn(account: number, day: number): number {
    const word = this.#slots[account * STRIDE + DEBITS]!
    return word >>> DEBIT_BITS === (day & DAY_MASK) ? word & DEBIT_MASK : 0
  }

  /** Adds a debit on `day`; the caller has checked it stays within the daily limit. */
  addDebit(account: number, day: number, amount: number): void {
    this.#slots[account * STRIDE + DEBITS] = ((day & DAY_MASK) << DEBIT_BITS) | (this.debitedOn(account, day) + amount)
  }
}
