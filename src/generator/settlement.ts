// Settles a filled draft: the customer fee, the ledger's verdict (which moves the money) and a fresh receipt id.

import type { TxDraft } from './draft.ts'
import { feeFor } from './fees.ts'
import type { ReceiptIdFactory } from './ids.ts'
import type { Ledger } from './ledger.ts'

export class Settlement {
  readonly #ledger: Ledger
  readonly #receipts: ReceiptIdFactory

  constructor(ledger: Ledger, receipts: ReceiptIdFactory) {
    this.#ledger = ledger
    this.#receipts = receipts
  }

  /** Completes the draft as the transaction happening at epochMs. */
  settle(draft: TxDraft, epochMs: number): void {
    const fee = feeFor(draft.type, draft.amount)
    draft.epochMs = epochMs
    draft.fee = fee
    draft.failed = !this.#ledger.apply(draft, fee, epochMs)
    const receipts = this.#receipts
    receipts.advance(epochMs)
    draft.idPrefix = receipts.prefix
    draft.idHigh = receipts.high
    draft.idLow = receipts.low
  }
}
