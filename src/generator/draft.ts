// A mutable transaction under construction, with small-integer codes for its vocabularies: reused for every record, so the hot path allocates nothing for it.

import { CHANNELS, PARTY_TYPES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { Channel, PartyType, TransactionType } from '../domain/transaction-types.ts'

const codesOf = <K extends string>(names: readonly K[]): Readonly<Record<K, number>> =>
  Object.freeze(Object.fromEntries(names.map((name, i) => [name, i])) as Record<K, number>)

/** Codes are indices into the domain vocabularies (TRANSACTION_TYPES, CHANNELS, PARTY_TYPES), which the encoder's tables follow. */
export const TYPE = codesOf(TRANSACTION_TYPES)
export const CHANNEL = codesOf(CHANNELS)
export const PARTY = codesOf(PARTY_TYPES)

/** A party is a customer (index into the population) or a business number (agent, till, paybill, employer). */
export class TxDraft {
  /** Code of the transaction type (TYPE). */
  type = TYPE.SEND_MONEY
  amount = 0
  /** Customer index, or -1 when the sender is a business. */
  sender = -1
  senderNumber = ''
  /** senderNumber as a number, which the encoder writes without touching the string. */
  senderValue = 0
  /** Code of the sender's party type (PARTY). */
  senderType = PARTY.CUSTOMER
  receiver = -1
  receiverNumber = ''
  receiverValue = 0
  receiverType = PARTY.CUSTOMER
  /** County index (0..46) where the transaction happens. */
  market = 0
  /** Code of the channel (CHANNEL). */
  channel = CHANNEL.USSD
  /** Receipt id reversed; '' unless type is REVERSAL. */
  reverses = ''
  // What settling the draft decided (see Settlement): event time, fee, outcome and receipt id (day prefix and two parts).
  epochMs = 0
  fee = 0
  failed = false
  idPrefix = ''
  idHigh = 0
  idLow = 0

  /** Starts a new transaction from codes (the hot path). */
  begin(type: number, amount: number, market: number, channel: number): this {
    this.type = type
    this.amount = amount
    this.market = market
    this.channel = channel
    this.sender = -1
    this.senderNumber = ''
    this.senderType = PARTY.CUSTOMER
    this.receiver = -1
    this.receiverNumber = ''
    this.receiverType = PARTY.CUSTOMER
    this.reverses = ''
    return this
  }

  /** Starts a new transaction from names (scenarios and tests). */
  reset(type: TransactionType, amount: number, market: number, channel: Channel): this {
    return this.begin(TYPE[type], amount, market, CHANNEL[channel])
  }

  get typeName(): TransactionType {
    return TRANSACTION_TYPES[this.type]!
  }

  fromCustomer(index: number): this {
    this.sender = index
    this.senderType = PARTY.CUSTOMER
    return this
  }

  /** A business sender: its number as text (the record key) and as an integer (what the encoder writes). */
  fromBusiness(type: PartyType, number: string, value: number): this {
    this.sender = -1
    this.senderNumber = number
    this.senderValue = value
    this.senderType = PARTY[type]
    return this
  }

  toCustomer(index: number): this {
    this.receiver = index
    this.receiverType = PARTY.CUSTOMER
    return this
  }

  toBusiness(type: PartyType, number: string, value: number): this {
    this.receiver = -1
    this.receiverNumber = number
    this.receiverValue = value
    this.receiverType = PARTY[type]
    return this
  }
}
