// Wallet bookkeeping for generated transactions: applies limits and balances, and records last activity per account.

import { MS_PER_DAY, EAT_OFFSET_MS } from '../domain/eat-time.ts'
import { creditVerdict, debitVerdict } from '../domain/limits.ts'
import type { LimitVerdict } from '../domain/limits.ts'
import type { TransactionStatus } from '../domain/transaction-types.ts'
import type { TxDraft } from './draft.ts'
import type { Population } from './population.ts'

/**
 * Settles a draft against the population's wallets: a customer debit must respect the per-transaction limit,
 * the 500,000 daily debits and the balance (value + fee); a customer credit must keep the balance within 500,000.
 * A REVERSAL moves the amount back from the original receiver to the original sender, without fee or daily count.
 * Returns the status and leaves the wallets untouched on failure.
 */
export class Ledger {
  readonly #pop: Population
  lastVerdict: LimitVerdict = 'OK'

  constructor(population: Population) {
    this.#pop = population
  }

  /** What the sender has debited today (EAT), resetting lazily at midnight. */
  debitedToday(customer: number, epochMs: number): number {
    const day = Math.floor((epochMs + EAT_OFFSET_MS) / MS_PER_DAY)
    const pop = this.#pop
    if (pop.debitDay[customer] !== day) {
      pop.debitDay[customer] = day
      pop.debitedToday[customer] = 0
    }
    return pop.debitedToday[customer]!
  }

  settle(draft: TxDraft, fee: number, epochMs: number): TransactionStatus {
    const verdict = draft.type === 'REVERSAL' ? this.#reversalVerdict(draft) : this.#verdict(draft, fee, epochMs)
    this.lastVerdict = verdict
    this.#touch(draft, epochMs)
    if (verdict !== 'OK') return 'FAILED'
    const pop = this.#pop
    const amount = draft.amount
    if (draft.type === 'REVERSAL') {
      pop.balance[draft.receiver]! -= amount
      pop.balance[draft.sender]! += amount
      return 'SUCCESS'
    }
    if (draft.sender >= 0) {
      pop.balance[draft.sender]! -= amount + fee
      pop.debitedToday[draft.sender]! += amount
    }
    if (draft.receiver >= 0) pop.balance[draft.receiver]! += amount
    return 'SUCCESS'
  }

  #verdict(draft: TxDraft, fee: number, epochMs: number): LimitVerdict {
    const pop = this.#pop
    if (draft.sender >= 0) {
      const debit = debitVerdict(draft.amount, fee, pop.balance[draft.sender]!, this.debitedToday(draft.sender, epochMs))
      if (debit !== 'OK') return debit
    }
    if (draft.type === 'WITHDRAW' && draft.amount < 50) return 'BELOW_AGENT_MINIMUM'
    if (draft.receiver >= 0) return creditVerdict(draft.amount, pop.balance[draft.receiver]!)
    return 'OK'
  }

  #reversalVerdict(draft: TxDraft): LimitVerdict {
    const pop = this.#pop
    if (pop.balance[draft.receiver]! < draft.amount) return 'INSUFFICIENT_BALANCE'
    return creditVerdict(draft.amount, pop.balance[draft.sender]!)
  }

  // Any attempt, successful or not, is activity on both customer wallets (it shows in the stream).
  #touch(draft: TxDraft, epochMs: number): void {
    const seconds = Math.floor(epochMs / 1000)
    if (draft.sender >= 0) this.#pop.lastActive[draft.sender] = seconds
    if (draft.receiver >= 0) this.#pop.lastActive[draft.receiver] = seconds
  }
}
