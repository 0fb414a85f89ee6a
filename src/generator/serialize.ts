// JSON for generated records: a string builder (reference and rare records) and a byte encoder that writes the same JSON straight into slabs.

import { Buffer } from 'node:buffer'
import { COUNTIES } from '../domain/counties.ts'
import { formatEat } from '../domain/eat-time.ts'
import { CHANNELS, PARTY_TYPES, TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import type { AccountEventType, Channel, PartyType, TransactionStatus, TransactionType } from '../domain/transaction-types.ts'
import { word16, word32, writeDecimal, writeMsisdnWords, writeReceiptWords, writeSecondsWords, writeText } from './ascii-words.ts'
import { bufferView } from './buffer-view.ts'
import type { Wallets } from './wallets.ts'

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

/** A settled transaction as the hot path has it (TxDraft satisfies this): vocabulary codes, customer indices or business numbers. */
export interface EncodableTransaction {
  /** Index into TRANSACTION_TYPES. */
  readonly type: number
  readonly amount: number
  /** Customer index, or -1 for a business party given by number. */
  readonly sender: number
  /** The business sender's number as an integer (no leading zeros, as all business numbers). */
  readonly senderValue: number
  /** Index into PARTY_TYPES. */
  readonly senderType: number
  readonly receiver: number
  readonly receiverValue: number
  readonly receiverType: number
  /** County index 0..46. */
  readonly market: number
  /** Index into CHANNELS. */
  readonly channel: number
  /** '' when not a reversal. */
  readonly reverses: string
  readonly epochMs: number
  readonly fee: number
  readonly failed: boolean
  /** Receipt id as its day prefix and two parts (see receiptText). */
  readonly idPrefix: string
  readonly idHigh: number
  readonly idLow: number
}

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))
const SLAB_BYTES = 1 << 20
// The longest record: 7-character type, 6-digit amount, 3-digit fee, two business numbers, the longest county, a reversal.
export const MAX_TRANSACTION_BYTES = 512
const ID_AT = HEAD.length
// Each head ends with the timestamp: minute prefix (17), then seconds and milliseconds (6), then '+03:00","amount":' (17).
const AMOUNT_TAIL = '+03:00","amount":'
const MINUTE_FROM_END = 17 + 6 + AMOUNT_TAIL.length
const SECONDS_FROM_END = 6 + AMOUNT_TAIL.length
const FEE_CACHE = 1024
// '","receiver":"' (14 bytes) as three 32-bit words and a 16-bit one.
const RECEIVER_WORDS = [word32('","r'), word32('ecei'), word32('ver"'), word16(':"')] as const
const REVERSES = ',"reverses":"'
const TAIL_COMBINATIONS = PARTY_TYPES.length * PARTY_TYPES.length * COUNTIES.length * CHANNELS.length * TRANSACTION_STATUSES.length

/**
 * Writes transaction JSON (byte-identical to transactionJson) directly into 1 MiB slabs and hands out slices.
 *
 * Everything constant between two variable fields is one precomposed fragment copied with a single TypedArray#set:
 * per type, the head up to the amount (with the current minute of the timestamp); per fee, the fee up to the sender;
 * per combination of party types, market, channel and status, everything after the receiver. A record is then three
 * block copies plus about 60 variable bytes (id, seconds, amount, MSISDNs). Slices never overlap (safe to keep or
 * mutate); a kept slice keeps its slab alive.
 */
export class TransactionEncoder {
  // The slab's memory as an ArrayBuffer (bufferView makes a slice of it without the C++ round trip that
  // Buffer#subarray's .buffer lookup costs) and as a plain Uint8Array (TypedArray#set is about twice
  // as fast on it as on a Buffer).
  #memory = new ArrayBuffer(0)
  #bytes = new Uint8Array(0)
  #view = new DataView(this.#memory)
  #used = SLAB_BYTES
  // The receipt day prefix last seen and its three characters as a word (the prefix changes once a day).
  #idPrefix = ''
  #idPrefixWord = 0
  #minuteStart = Number.NaN
  readonly #heads: readonly Uint8Array[] = TRANSACTION_TYPES.map((t) =>
    bytesOf(`${HEAD}${'0'.repeat(10)}","transaction_type":"${t}","timestamp":"${'0'.repeat(17)}00.000${AMOUNT_TAIL}`)
  )
  readonly #feeParts: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(FEE_CACHE).fill(undefined)
  readonly #tails: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(TAIL_COMBINATIONS).fill(undefined)
  readonly #wallets: Wallets

  /** Customer parties are written from their wallets' MSISDN numbers. */
  constructor(wallets: Wallets) {
    this.#wallets = wallets
  }

  /** The transaction's JSON as its own Buffer (a slice of the current slab). */
  encode(t: EncodableTransaction): Buffer {
    this.reserve(MAX_TRANSACTION_BYTES)
    const start = this.#used
    return this.slice(start, this.write(t))
  }

  /** Makes sure the current slab has room for `bytes` more bytes, starting a new one otherwise. */
  reserve(bytes: number): void {
    if (this.#used + bytes > SLAB_BYTES) this.#newSlab()
  }

  /** The current slab. */
  get memory(): ArrayBuffer {
    return this.#memory
  }

  /** Where in the current slab the next record will be written. */
  get position(): number {
    return this.#used
  }

  /** A Buffer over bytes start..end of the current slab. */
  slice(start: number, end: number): Buffer {
    return bufferView(this.#memory, start, end - start)
  }

  /** Writes the transaction's JSON at the current position (after reserve()) and returns the offset after it. */
  write(t: EncodableTransaction): number {
    const view = this.#view
    const start = this.#used
    let offset = t.epochMs - this.#minuteStart
    if (!(offset >= 0 && offset < 60_000)) offset = this.#enterMinute(t.epochMs)
    const head = this.#heads[t.type]!
    this.#bytes.set(head, start)
    let p = start + head.length
    if (t.idPrefix !== this.#idPrefix) this.#enterDay(t.idPrefix)
    writeReceiptWords(view, start + ID_AT, this.#idPrefixWord, t.idHigh, t.idLow)
    // offset is a whole number below 60,000; | 0 lets the JIT divide it as an integer.
    writeSecondsWords(view, p - SECONDS_FROM_END, offset | 0)
    p = writeDecimal(view, p, t.amount)
    const fee = t.fee
    const feePart = fee >= 0 && fee < FEE_CACHE && fee === Math.floor(fee) ? (this.#feeParts[fee] ??= feeFragment(fee)) : feeFragment(fee)
    this.#bytes.set(feePart, p)
    p += feePart.length
    p = t.sender >= 0 ? writeMsisdnWords(view, p, this.#wallets.msisdnNumber(t.sender)) : writeDecimal(view, p, t.senderValue)
    view.setUint32(p, RECEIVER_WORDS[0], true)
    view.setUint32(p + 4, RECEIVER_WORDS[1], true)
    view.setUint32(p + 8, RECEIVER_WORDS[2], true)
    view.setUint16(p + 12, RECEIVER_WORDS[3], true)
    p += 14
    p = t.receiver >= 0 ? writeMsisdnWords(view, p, this.#wallets.msisdnNumber(t.receiver)) : writeDecimal(view, p, t.receiverValue)
    const key = (((t.senderType * PARTY_TYPES.length + t.receiverType) * COUNTIES.length + t.market) * CHANNELS.length + t.channel) * 2 + (t.failed ? 1 : 0)
    const tail = (this.#tails[key] ??= tailFragment(key))
    this.#bytes.set(tail, p)
    p += tail.length
    // The optional field replaces the closing brace.
    if (t.reverses !== '') p = writeText(view, p - 1, REVERSES + t.reverses + '"}')
    this.#used = p
    return p
  }

  #enterDay(idPrefix: string): void {
    this.#idPrefix = idPrefix
    this.#idPrefixWord = word32(idPrefix + '\0') & 0xffffff
  }

  #newSlab(): void {
    // allocUnsafeSlow: a fresh ArrayBuffer of its own, without zero-filling a megabyte that is about to be overwritten.
    this.#memory = Buffer.allocUnsafeSlow(SLAB_BYTES).buffer
    this.#bytes = new Uint8Array(this.#memory)
    this.#view = new DataView(this.#memory)
    this.#used = 0
  }

  /** Puts the minute of epochMs into every head; returns epochMs's offset into that minute. */
  #enterMinute(epochMs: number): number {
    const offset = ((epochMs % 60_000) + 60_000) % 60_000
    this.#minuteStart = epochMs - offset
    const prefix = bytesOf(formatEat(this.#minuteStart).slice(0, 17))
    for (const head of this.#heads) head.set(prefix, head.length - MINUTE_FROM_END)
    return offset
  }
}

function feeFragment(fee: number): Uint8Array {
  return bytesOf(`,"fee":${fee},"currency":"KES","sender":"`)
}

/** Everything after the receiver for one combination (see the key in encode), closing brace included. */
function tailFragment(key: number): Uint8Array {
  const marketChannelStatus = key % TAILS.length
  const pair = (key - marketChannelStatus) / TAILS.length
  return bytesOf(PARTY_PAIRS[pair]! + TAILS[marketChannelStatus]! + '}')
}

/** Encodes short ASCII text (account events) as its own Buffer. */
export function asciiBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1')
}
