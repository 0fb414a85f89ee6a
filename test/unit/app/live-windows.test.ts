// The live window view: only the latest window of each kind, each partition's latest share, summed per market or type.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LiveWindows } from '../../../src/app/live-windows.ts'
import type { AggregateRow } from '../../../src/store/store.ts'

const row = (window: string, start: string, market: string, partition: number, count: number, sum: number, type?: string): AggregateRow => ({
  window, window_start: `2026-11-29T${start}:00.000+03:00`, window_end: '2026-11-29T23:59:00.000+03:00', market: market as AggregateRow['market'],
  ...(type === undefined ? {} : { transaction_type: type as NonNullable<AggregateRow['transaction_type']> }),
  count, sum_amount: sum, sum_fee: 0, failed_count: 0, emit: 'EARLY', partition
})

test('the current hour sums the partitions\' latest shares; an older hour arriving late is ignored', () => {
  const live = new LiveWindows()
  live.add(row('hourly_market', '10:00', 'Nairobi', 0, 5, 500))
  live.add(row('hourly_market', '11:00', 'Nairobi', 0, 1, 100))
  live.add(row('hourly_market', '11:00', 'Nairobi', 1, 2, 300))
  live.add(row('hourly_market', '11:00', 'Nairobi', 1, 3, 400))
  live.add(row('hourly_market', '11:00', 'Kisumu', 2, 9, 50))
  live.add(row('hourly_market', '10:00', 'Nairobi', 2, 99, 9900))
  assert.deepEqual(live.currentHour(), [{ market: 'Nairobi', count: 4, sumAmount: 500 }, { market: 'Kisumu', count: 9, sumAmount: 50 }])
  assert.deepEqual(live.sliding5m(), [])
})

test('the type mix adds up every market of the current hour by transaction type', () => {
  const live = new LiveWindows()
  live.add(row('hourly_market_type', '11:00', 'Nairobi', 0, 2, 200, 'PAYBILL'))
  live.add(row('hourly_market_type', '11:00', 'Kisumu', 0, 3, 300, 'PAYBILL'))
  live.add(row('hourly_market_type', '11:00', 'Kisumu', 1, 1, 1000, 'WITHDRAW'))
  assert.deepEqual(live.typeMix(), [{ transactionType: 'WITHDRAW', count: 1, sumAmount: 1000 }, { transactionType: 'PAYBILL', count: 5, sumAmount: 500 }])
})
