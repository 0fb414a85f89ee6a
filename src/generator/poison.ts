// Deliberately bad transaction values ("poison pills") of each kind, built from a valid record so they look like real traffic gone wrong.

import type { PoisonKind } from '../domain/labels.ts'
import { POISON_KINDS } from '../domain/labels.ts'
import type { Rng } from './rng.ts'

/** Size of ONE_MB_RECORD values: far above the parser's 64 KiB limit, still below Kafka's default 1 MiB message size. */
export const ONE_MB_RECORD_BYTES = 1_000_000

const REQUIRED_FIELDS = ['transaction_id', 'transaction_type', 'timestamp', 'amount', 'sender', 'receiver', 'market', 'status'] as const
// Non-Safaricom or malformed customer numbers: Airtel and Telkom prefixes, local 07 form, too short, with a plus sign.
const BAD_MSISDN_SHAPES = [
  (r: Rng) => `25473${r.between(1_000_000, 9_999_999)}`,
  (r: Rng) => `25477${r.between(1_000_000, 9_999_999)}`,
  (r: Rng) => `07${r.between(10_000_000, 29_999_999)}`,
  (r: Rng) => `2547${r.between(10_000_000, 99_999_999)}`.slice(0, 11),
  (r: Rng) => `+2547${r.between(10_000_000, 29_999_999)}`
]

type Json = Record<string, unknown>

function withField(record: Json, field: string, value: unknown): Buffer {
  return Buffer.from(JSON.stringify({ ...record, [field]: value }), 'utf8')
}

function wrongTypes(record: Json, rng: Rng): Buffer {
  const variants: [string, unknown][] = [
    ['amount', String(record.amount)],
    ['schema_version', '1'],
    ['fee', null],
    ['status', true],
    ['timestamp', Date.parse(String(record.timestamp))]
  ]
  const [field, value] = rng.pick(variants)
  return withField(record, field, value)
}

function missingFields(record: Json, rng: Rng): Buffer {
  const copy = { ...record }
  const drop = rng.between(1, 3)
  for (let i = 0; i < drop; i++) delete copy[rng.pick(REQUIRED_FIELDS)]
  // The first pick is always removed, so at least one required field is missing.
  return Buffer.from(JSON.stringify(copy), 'utf8')
}

/** Invalid UTF-8 bytes placed inside the transaction_id string, so the JSON is otherwise well-formed. */
function nonUtf8(json: string, rng: Rng): Buffer {
  const at = json.indexOf('"transaction_id":"') + '"transaction_id":"'.length + 2
  const bad = rng.pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80]])
  return Buffer.concat([Buffer.from(json.slice(0, at), 'latin1'), Buffer.from(bad), Buffer.from(json.slice(at), 'latin1')])
}

function oneMegabyte(record: Json): Buffer {
  const base = JSON.stringify({ ...record, note: '' })
  const padding = 'x'.repeat(ONE_MB_RECORD_BYTES - Buffer.byteLength(base))
  return Buffer.from(JSON.stringify({ ...record, note: padding }), 'utf8')
}

/**
 * The value bytes of one poison record of `kind`, derived from `validJson` (a well-formed transaction).
 * Every kind fails parseTransaction with the code POISON_EXPECTED_CODE[kind].
 */
export function poisonValue(kind: PoisonKind, validJson: string, rng: Rng): Buffer {
  const record = JSON.parse(validJson) as Json
  switch (kind) {
    case 'MALFORMED_JSON':
      return Buffer.from(validJson.slice(0, rng.between(1, validJson.length - 1)), 'latin1')
    case 'WRONG_TYPES':
      return wrongTypes(record, rng)
    case 'MISSING_FIELDS':
      return missingFields(record, rng)
    case 'INVALID_MSISDN':
      return withField({ ...record, sender_type: 'CUSTOMER' }, 'sender', rng.pick(BAD_MSISDN_SHAPES)(rng))
    case 'NEGATIVE_AMOUNT':
      return withField(record, 'amount', -rng.between(1, 5000))
    case 'OVERSIZED_AMOUNT':
      return withField(record, 'amount', rng.between(250_001, 10_000_000))
    case 'NON_UTF8':
      return nonUtf8(validJson, rng)
    case 'EMPTY_VALUE':
      return Buffer.alloc(0)
    case 'ONE_MB_RECORD':
      return oneMegabyte(record)
  }
}

export { POISON_KINDS }
