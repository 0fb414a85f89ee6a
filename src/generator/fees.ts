// Customer fees by transaction type code for whole-shilling amounts: the tariff as a direct lookup instead of a band search.

import { TARIFF_BANDS, customerFee, tariffBandIndex } from '../domain/tariff.ts'
import { TRANSACTION_TYPES } from '../domain/transaction-types.ts'

// Amounts are bucketed by 50 shillings; a bucket holding a band edge (only 1..50 has one) falls back to the band search.
const STEP = 50
const MAX_AMOUNT = TARIFF_BANDS[TARIFF_BANDS.length - 1]!.to
const BAND_OF_BUCKET = Int8Array.from({ length: Math.ceil(MAX_AMOUNT / STEP) + 1 }, (_, k) => {
  if (k === 0) return -1
  const first = tariffBandIndex((k - 1) * STEP + 1)
  return first === tariffBandIndex(k * STEP) ? first : -1
})

// Fee per band for each type code (most types are free to the customer).
const FEES_BY_TYPE: readonly Int32Array[] = TRANSACTION_TYPES.map((type) =>
  Int32Array.from(TARIFF_BANDS, (band) => customerFee(type, band.from))
)

/** customerFee(TRANSACTION_TYPES[typeCode], amount) for an integer amount, without the band search. */
export function feeFor(typeCode: number, amount: number): number {
  if (!(amount >= 1 && amount <= MAX_AMOUNT)) return 0
  let band = BAND_OF_BUCKET[Math.ceil(amount / STEP)]!
  if (band < 0) band = tariffBandIndex(amount)
  return FEES_BY_TYPE[typeCode]![band]!
}
