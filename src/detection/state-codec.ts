// The detector state's changelog encoding: the value's numbers as varints, about half the bytes of its JSON and several times faster to write.
//
// JSON.stringify formats every number of a state array in decimal, and the times and receipt ids (13 to 16 digits)
// cost about 150 ns each; a value of 20–40 numbers took 1–3 µs per changed account and commit. Here an integer below
// 2^52 in magnitude (times, ids, hashes, amounts, counts, flags) is one zigzag varint (1 byte for small values, 6 for
// a time, 8 for a receipt id) and anything else (the account level, an anomaly ratio) 1 + 8 bytes. Decoding also reads
// JSON (what jsonCodec wrote, either layout), so a store can switch codecs over an existing changelog.

import type { DetectionStateValue, StateArray } from './state.ts'

/** First byte of an encoded value: neither '[' nor '{', which open the JSON forms. */
const BINARY = 0xd5
/** Varint that announces a float64 (little-endian) instead of an integer. */
const FLOAT = 1
const INTEGER_LIMIT = 2 ** 52
const TWO_32 = 2 ** 32

let scratch = Buffer.allocUnsafeSlow(4096)

/** LEB128 of a non-negative integer below 2^54, with 32-bit operations on its two halves. */
function writeVarint(value: number, at: number): number {
  let low = value >>> 0
  if (value < TWO_32) {
    while (low >= 128) {
      scratch[at++] = (low & 127) | 128
      low >>>= 7
    }
    scratch[at++] = low
    return at
  }
  let high = Math.floor(value / TWO_32)
  low = (value - high * TWO_32) >>> 0
  while (high !== 0 || low >= 128) {
    scratch[at++] = (low & 127) | 128
    low = ((low >>> 7) | ((high & 127) << 25)) >>> 0
    high >>>= 7
  }
  scratch[at++] = low
  return at
}

/** The value as bytes: BINARY, then per number an integer (zigzag × 2) or FLOAT and 8 bytes. */
export function encodeState(value: DetectionStateValue): Buffer {
  if (!Array.isArray(value)) return Buffer.from(JSON.stringify(value))
  const numbers: StateArray = value
  if (scratch.length < 1 + numbers.length * 10) scratch = Buffer.allocUnsafeSlow(2 * (1 + numbers.length * 10))
  scratch[0] = BINARY
  let at = 1
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i]!
    if (Number.isInteger(x) && x > -INTEGER_LIMIT && x < INTEGER_LIMIT) {
      // Zigzag (sign in the lowest bit), doubled to leave FLOAT free: exact, as 2^54 is within a double's reach for even numbers.
      at = writeVarint(x >= 0 ? x * 4 : -x * 4 - 2, at)
    } else {
      scratch[at++] = FLOAT
      scratch.writeDoubleLE(x, at)
      at += 8
    }
  }
  return Buffer.from(scratch.subarray(0, at))
}

/** A packed array of doubles to decode into; slice() then gives an exact-size copy. */
const work: number[] = [0.5]

/** The value from bytes written by encodeState, or by JSON (either layout). */
export function decodeState(bytes: Buffer): DetectionStateValue {
  if (bytes[0] !== BINARY) return JSON.parse(bytes.toString('utf8')) as DetectionStateValue
  let count = 0
  let at = 1
  while (at < bytes.length) {
    let value = 0
    let scale = 1
    let byte: number
    do {
      byte = bytes[at++]!
      value += (byte & 127) * scale
      scale *= 128
    } while (byte >= 128)
    let x: number
    if (value === FLOAT) {
      x = bytes.readDoubleLE(at)
      at += 8
    } else {
      const zigzag = value / 2
      x = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2
    }
    if (count < work.length) work[count] = x
    else work.push(x)
    count++
  }
  return work.slice(0, count)
}

/**
 * The account-state store's codec (the processor's `TransactionalStore(name, codec)`): binary changelog values,
 * JSON ones still read.
 */
export const detectionStateCodec = { encode: encodeState, decode: decodeState } as const
