// Customer fees by transaction type code for whole-shilling amounts: the tariff as a direct lookup instead of a band search.

import { TARIFF_BANDS, customerFee, tariffBandIndex } from '../domain/tariff.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'

// Amounts are bucketed by 50 shillings (bucket k holds (k - 1) × 50 + 1 .. k × 50); a bucket holding a band edge (only
// 1..50 has one) falls back to the band search. feeFor divides by the literal 50: the JIT turns that into a multiplication.
const STEP = 50
const MAX_AMOUNT = TARIFF_BANDS[TARIFF_BANDS.length - 1]!.to
const BAND_OF_BUCKET = Int8Array.from({ length: Math.ceil(MAX_AMOUNT / STEP) + 1 }, (_, k) => {
  if (k === 0) return -1
  const first = tariffBandIndex((k - 1) * STEP + 1)
  return first === tariffBandIndex(k * STEP) ? first : -1
})

// Fee per band for each type code (most types are free to the customer), one row of bands per type.
const BANDS = TARIFF_BANDS.length
const FEES = Int32Array.from({ length: TRANSACTION_TYPES.length * BANDS }, (_, i) =>
  customerFee(TRANSACTION_TYPES[Math.floor(i / BANDS)]!, TARIFF_BANDS[i % BANDS]!.from)
)

/** customerFee(TRANSACTION_TYPES[typeCode], amount) for an integer amount, without the band search. */
export function feeFor(typeCode: number, amount: number): number {
  if (!(amount >= 1 && amount <= MAX_AMOUNT)) return 0
  // Whole amounts (all of them in practice) take the bucket table; anything else the band search.
  let band = amount === (amount | 0) ? BAND_OF_BUCKET[((amount + 49) / 50) | 0]! : -1
  if (band < 0) band = tariffBandIndex(amount)
  return FEES[typeCode * BANDS + band]!
}
