// The M-Pesa customer tariff in force since 29 Jul 2023 (re-published unchanged Jan 2025) and per-type fee rules.

import type { TransactionType } from './transaction-types.ts'

/** One tariff band: amounts from..to inclusive, KES. withdraw is null below the 50 KES agent minimum. */
export interface TariffBand {
  readonly from: number
  readonly to: number
  readonly sendMoney: number
  readonly withdraw: number | null
}

// [from, to, send money (P2P, Pochi, other networks), withdraw at agent]
const BANDS = [
  [1, 49, 0, null],
  [50, 100, 0, 11],
  [101, 500, 7, 29],
  [501, 1_000, 13, 29],
  [1_001, 1_500, 23, 29],
  [1_501, 2_500, 33, 29],
  [2_501, 3_500, 53, 52],
  [3_501, 5_000, 57, 69],
  [5_001, 7_500, 78, 87],
  [7_501, 10_000, 90, 115],
  [10_001, 15_000, 100, 167],
  [15_001, 20_000, 105, 185],
  [20_001, 35_000, 108, 197],
  [35_001, 50_000, 108, 278],
  [50_001, 250_000, 108, 309]
] as const

export const TARIFF_BANDS: readonly TariffBand[] = Object.freeze(
  BANDS.map(([from, to, sendMoney, withdraw]) => Object.freeze({ from, to, sendMoney, withdraw }))
)

export const MIN_AGENT_WITHDRAWAL = 50

// Upper edges in a typed array so the per-record band lookup is a short branchy loop without allocation.
const UPPER_EDGES = Int32Array.from(TARIFF_BANDS, (b) => b.to)

/** Index of the band holding amount, or -1 when outside 1..250,000. */
export function tariffBandIndex(amount: number): number {
  if (amount < 1 || amount > 250_000) return -1
  let lo = 0
  let hi = UPPER_EDGES.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (amount <= UPPER_EDGES[mid]!) hi = mid
    else lo = mid + 1
  }
  return lo
}

export function tariffBandOf(amount: number): TariffBand | undefined {
  return TARIFF_BANDS[tariffBandIndex(amount)]
}

export function sendMoneyFee(amount: number): number {
  return TARIFF_BANDS[tariffBandIndex(amount)]?.sendMoney ?? 0
}

/** Agent withdrawal fee; amounts under the 50 KES minimum have no fee because the withdrawal cannot happen. */
export function withdrawFee(amount: number): number {
  return TARIFF_BANDS[tariffBandIndex(amount)]?.withdraw ?? 0
}

/**
 * Fee the customer pays for a transaction of this type: SEND_MONEY and WITHDRAW by tariff;
 * deposits, airtime, Buy Goods (merchant pays), B2C (business pays), reversals and usual Pay Bill are free.
 */
export function customerFee(type: TransactionType, amount: number): number {
  if (type === 'SEND_MONEY') return sendMoneyFee(amount)
  if (type === 'WITHDRAW') return withdrawFee(amount)
  return 0
}
