// JSON for generated records: a string builder (reference and rare records) and a byte encoder that writes the same JSON straight into slabs.

import { COUNTIES } from '../domain/counties.ts'
import type { EatTimestampFormatter } from '../domain/eat-time.ts'
import { CHANNELS, PARTY_TYPES, TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { AccountEventType, Channel, PartyType, TransactionStatus, TransactionType } from '../domain/transaction-types.ts'
import { writeReceipt } from './ids.ts'

// Every piece below is ASCII (county names included), so one character is one byte.
export const HEAD = '{"schema_version":1,"transaction_id":"'
const TYPE_PARTS = TRANSACTION_TYPES.map((t) => `","transaction_type":"${t}","timestamp":"`)
const PARTY_PAIRS = PARTY_TYPES.flatMap((s) => PARTY_TYPES.map((r) => `","sender_type":"${s}","receiver_type":"${r}","market":"`))
// market + channel + status, indexed (county * 4 + channel) * 2 + status.
const TAILS = COUNTIES.flatMap((c) =>
  CHANNELS.flatMap((ch) => TRANSACTION_STATUSES.map((st) => `${c.name}","channel":"${ch}","status":"${st}"`))
)

export function partyPairIndex(sender: PartyType, receiver: PartyType): number {
  return PARTY_TYPES.indexOf(sender) * PARTY_TYPES.length + PARTY_TYPES.indexOf(receiver)
}

export function tailIndex(market: number, channel: Channel, status: TransactionStatus): number {
  return (market * CHANNELS.length + CHANNELS.indexOf(channel)) * 2 + (status === 'SUCCESS' ? 0 : 1)
}

export interface TransactionFields {
  readonly id: string
  readonly type: TransactionType
  readonly timestamp: string
  readonly amount: number
  readonly fee: number
  readonly sender: string
  readonly receiver: string
  readonly senderType: PartyType
  readonly receiverType: PartyType
  /** County index 0..46. */
  readonly market: number
  readonly channel: Channel
  readonly status: TransactionStatus
  /** '' when not a reversal. */
  readonly reverses: string
}

/** Serialises a transaction exactly as JSON.stringify would for the same object in schema field order. */
export function transactionJson(f: TransactionFields): string {
  return (
    HEAD +
    f.id +
    TYPE_PARTS[TRANSACTION_TYPES.indexOf(f.type)]! +
    f.timestamp +
    '","amount":' +
    f.amount +
    ',"fee":' +
    f.fee +
    ',"currency":"KES","sender":"' +
    f.sender +
    '","receiver":"' +
    f.receiver +
    PARTY_PAIRS[partyPairIndex(f.senderType, f.receiverType)]! +
    TAILS[tailIndex(f.market, f.channel, f.status)]! +
    (f.reverses === '' ? '}' : ',"reverses":"' + f.reverses + '"}')
  )
}

export function accountEventJson(id: string, msisdn: string, type: AccountEventType, timestamp: string, market: number): string {
  return (
    `{"event_id":"${id}","msisdn":"${msisdn}","event_type":"${type}",` +
    `"timestamp":"${timestamp}","market":"${COUNTIES[market]!.name}"}`
  )
}

/** A transaction reduced to numbers and ready strings, as the hot path has it. */
export interface EncodableTransaction {
  readonly idPrefix: string
  readonly idHigh: number
  readonly idLow: number
  readonly typeIndex: number
  readonly epochMs: number
  readonly amount: number
  readonly fee: number
  /** Customer index, or -1 for a business party given by number. */
  readonly sender: number
  readonly senderNumber: string
  readonly receiver: number
  readonly receiverNumber: string
  readonly partyPair: number
  readonly tail: number
  readonly reverses: string
}

/** Writes a customer's 12 MSISDN digits at pos and returns the position after them. */
export type MsisdnWriter = (target: Uint8Array, pos: number, customer: number) => number

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))
const HEAD_BYTES = bytesOf(HEAD)
const TYPE_BYTES = TYPE_PARTS.map(bytesOf)
const PARTY_BYTES = PARTY_PAIRS.map(bytesOf)
const TAIL_BYTES = TAILS.map(bytesOf)
const AMOUNT_BYTES = bytesOf('","amount":')
const FEE_BYTES = bytesOf(',"fee":')
const SENDER_BYTES = bytesOf(',"currency":"KES","sender":"')
const RECEIVER_BYTES = bytesOf('","receiver":"')
const REVERSES_BYTES = bytesOf(',"reverses":"')
const SLAB_BYTES = 1 << 20
const MAX_TRANSACTION_BYTES = 512

function writeUint(target: Uint8Array, pos: number, value: number): number {
  let digits = 1
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++
  let v = value
  for (let i = pos + digits - 1; i >= pos; i--) {
    const q = Math.floor(v / 10)
    target[i] = 48 + v - q * 10
    v = q
  }
  return pos + digits
}

function writeAscii(target: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) target[pos + i] = text.charCodeAt(i)
  return pos + text.length
}

/**
 * Writes transaction JSON (byte-identical to transactionJson) directly into 1 MiB slabs and hands out slices.
 * Building a string and calling Buffer.from per record cost a cons-string flatten plus a pooled allocation each;
 * writing bytes avoids both. Slices never overlap (safe to keep or mutate); a kept slice keeps its slab alive.
 */
export class TransactionEncoder {
  #slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
  #used = 0
  readonly #formatter: EatTimestampFormatter
  readonly #writeMsisdn: MsisdnWriter

  constructor(formatter: EatTimestampFormatter, writeMsisdn: MsisdnWriter) {
    this.#formatter = formatter
    this.#writeMsisdn = writeMsisdn
  }

  encode(t: EncodableTransaction): Buffer {
    if (this.#used + MAX_TRANSACTION_BYTES > SLAB_BYTES) {
      this.#slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
      this.#used = 0
    }
    const b = this.#slab
    const start = this.#used
    b.set(HEAD_BYTES, start)
    let p = writeReceipt(b, start + HEAD_BYTES.length, t.idPrefix, t.idHigh, t.idLow)
    const typePart = TYPE_BYTES[t.typeIndex]!
    b.set(typePart, p)
    p = this.#formatter.write(b, p + typePart.length, t.epochMs)
    b.set(AMOUNT_BYTES, p)
    p = writeUint(b, p + AMOUNT_BYTES.length, t.amount)
    b.set(FEE_BYTES, p)
    p = writeUint(b, p + FEE_BYTES.length, t.fee)
    b.set(SENDER_BYTES, p)
    p += SENDER_BYTES.length
    p = t.sender >= 0 ? this.#writeMsisdn(b, p, t.sender) : writeAscii(b, p, t.senderNumber)
    b.set(RECEIVER_BYTES, p)
    p += RECEIVER_BYTES.length
    p = t.receiver >= 0 ? this.#writeMsisdn(b, p, t.receiver) : writeAscii(b, p, t.receiverNumber)
    const pair = PARTY_BYTES[t.partyPair]!
    b.set(pair, p)
    p += pair.length
    const tail = TAIL_BYTES[t.tail]!
    b.set(tail, p)
    p += tail.length
    if (t.reverses !== '') {
      b.set(REVERSES_BYTES, p)
      p = writeAscii(b, p + REVERSES_BYTES.length, t.reverses)
      b[p++] = 34 // '"'
    }
    b[p++] = 125 // '}'
    this.#used = p
    return b.subarray(start, p)
  }
}

/** Encodes short ASCII text (account events) as its own Buffer. */
export function asciiBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1')
}
