// Wallet bookkeeping for generated transactions: applies limits and balances, and records last activity per account.

import { EAT_OFFSET_MS, MS_PER_DAY, eatDayNumber } from '../domain/eat-time.ts'
import { creditVerdict, debitVerdict } from '../domain/limits.ts'
import type { LimitVerdict } from '../domain/limits.ts'
import type { TransactionStatus } from '../domain/transaction-types.ts'
import { TYPE } from './draft.ts'
import type { TxDraft } from './draft.ts'
import type { Population } from './population.ts'
import type { Wallets } from './wallets.ts'

/**
 * Settles a draft against the population's wallets: a customer debit must respect the per-transaction limit,
 * the 500,000 daily debits and the balance (value + fee); a customer credit must keep the balance within 500,000.
 * A REVERSAL moves the amount back from the original receiver to the original sender, without fee or daily count.
 * Leaves the wallets untouched on failure.
 */
export class Ledger {
  readonly #wallets: Wallets
  lastVerdict: LimitVerdict = 'OK'
  // The current EAT day [#dayStart, #dayEnd) and its number, so a transaction's day and second need no division by a
  // day (settled transactions come in time order, so the day rarely changes).
  #dayStart = Number.NaN
  #dayEnd = Number.NaN
  #day = 0
  #dayStartSeconds = 0

  constructor(population: Population) {
    this.#wallets = population.wallets
  }

  /** What the customer has debited today (EAT). */
  debitedToday(customer: number, epochMs: number): number {
    return this.#wallets.debitedOn(customer, eatDayNumber(epochMs))
  }

  settle(draft: TxDraft, fee: number, epochMs: number): TransactionStatus {
    return this.apply(draft, fee, epochMs) ? 'SUCCESS' : 'FAILED'
  }

  /** settle() for the hot path: true on success. */
  apply(draft: TxDraft, fee: number, epochMs: number): boolean {
    const wallets = this.#wallets
    const { sender, receiver, amount } = draft
    const reversal = draft.type === TYPE.REVERSAL
    if (!(epochMs >= this.#dayStart && epochMs < this.#dayEnd)) this.#enterDay(epochMs)
    const day = this.#day
    const verdict = reversal ? this.#reversalVerdict(draft) : this.#verdict(draft, fee, day)
    this.lastVerdict = verdict
    // Any attempt, successful or not, is activity on both customer wallets (it shows in the stream).
    // The day starts on a whole second, and the offset into it is a small positive number: | 0 floors it as an integer.
    const seconds = this.#dayStartSeconds + (((epochMs - this.#dayStart) / 1000) | 0)
    if (sender >= 0) wallets.setLastActive(sender, seconds)
    if (receiver >= 0) wallets.setLastActive(receiver, seconds)
    if (verdict !== 'OK') return false
    if (reversal) {
      wallets.setBalance(receiver, wallets.balance(receiver) - amount)
      wallets.setBalance(sender, wallets.balance(sender) + amount)
      return true
    }
    if (sender >= 0) {
      wallets.setBalance(sender, wallets.balance(sender) - amount - fee)
      wallets.addDebit(sender, day, amount)
    }
    if (receiver >= 0) wallets.setBalance(receiver, wallets.balance(receiver) + amount)
    return true
  }

  #enterDay(epochMs: number): void {
    this.#day = eatDayNumber(epochMs)
    this.#dayStart = this.#day * MS_PER_DAY - EAT_OFFSET_MS
    this.#dayEnd = this.#dayStart + MS_PER_DAY
    this.#dayStartSeconds = this.#dayStart / 1000
  }

  #verdict(draft: TxDraft, fee: number, day: number): LimitVerdict {
    const wallets = this.#wallets
    if (draft.sender >= 0) {
      const debit = debitVerdict(draft.amount, fee, wallets.balance(draft.sender), wallets.debitedOn(draft.sender, day))
      if (debit !== 'OK') return debit
    }
    if (draft.type === TYPE.WITHDRAW && draft.amount < 50) return 'BELOW_AGENT_MINIMUM'
    if (draft.receiver >= 0) return creditVerdict(draft.amount, wallets.balance(draft.receiver))
    return 'OK'
  }

  #reversalVerdict(draft: TxDraft): LimitVerdict {
    const wallets = this.#wallets
    if (wallets.balance(draft.receiver) < draft.amount) return 'INSUFFICIENT_BALANCE'
    return creditVerdict(draft.amount, wallets.balance(draft.sender))
  }
}
