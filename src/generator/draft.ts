// A mutable transaction under construction: reused for every background record so the hot path allocates no objects for it.

import type { Channel, PartyType, TransactionType } from '../domain/transaction-types.ts'

/** A party is a customer (index into the population) or a business number (agent, till, paybill, employer). */
export class TxDraft {
  type: TransactionType = 'SEND_MONEY'
  amount = 0
  /** Customer index, or -1 when the sender is a business. */
  sender = -1
  senderNumber = ''
  senderType: PartyType = 'CUSTOMER'
  receiver = -1
  receiverNumber = ''
  receiverType: PartyType = 'CUSTOMER'
  /** County index (0..46) where the transaction happens. */
  market = 0
  channel: Channel = 'USSD'
  /** Receipt id reversed; '' unless type is REVERSAL. */
  reverses = ''

  reset(type: TransactionType, amount: number, market: number, channel: Channel): this {
    this.type = type
    this.amount = amount
    this.market = market
    this.channel = channel
    this.sender = -1
    this.senderNumber = ''
    this.senderType = 'CUSTOMER'
    this.receiver = -1
    this.receiverNumber = ''
    this.receiverType = 'CUSTOMER'
    this.reverses = ''
    return this
  }

  fromCustomer(index: number): this {
    this.sender = index
    this.senderType = 'CUSTOMER'
    return this
  }

  fromBusiness(type: PartyType, number: string): this {
    this.sender = -1
    this.senderNumber = number
    this.senderType = type
    return this
  }

  toCustomer(index: number): this {
    this.receiver = index
    this.receiverType = 'CUSTOMER'
    return this
  }

  toBusiness(type: PartyType, number: string): this {
    this.receiver = -1
    this.receiverNumber = number
    this.receiverType = type
    return this
  }
}
