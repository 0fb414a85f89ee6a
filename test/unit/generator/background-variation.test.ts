// Tests the background variations (amountScale, activeHoursShift): defaults leave the stream byte for byte as it was,
// a scaled background really has scaled amounts and still valid records, a shifted one has its daily cycle moved.

import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { LIMITS } from '../../../src/domain/limits.ts'
import { parseTransaction } from '../../../src/domain/parse.ts'
import { customerFee } from '../../../src/domain/tariff.ts'
import type { Transaction } from '../../../src/domain/schema.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { GeneratorOptions } from '../../../src/generator/options.ts'
import { START } from './stream-fixture.ts'

const SMALL: GeneratorOptions = {
  seed: 20261110,
  accounts: 5_000,
  fraudRate: 0.02,
  poisonRate: 0.01,
  time: { mode: 'simulated', start: START, days: 1, count: 20_000 }
}

/** SHA-256 of every record (topic, key, timestamp, value) and of the labels. */
function streamDigest(options: GeneratorOptions): string {
  const generator = createGenerator(options)
  const hash = createHash('sha256')
  for (const r of generator) hash.update(`${r.topic} ${r.key} ${r.timestamp} `).update(r.value).update('\n')
  return hash.update(JSON.stringify(generator.takeLabels())).digest('hex')
}

interface Background {
  /** Amounts of the background (not injected) transactions, sorted. */
  readonly amounts: number[]
  /** Background transactions by EAT hour of day. */
  readonly byHour: number[]
  readonly transactions: Transaction[]
}

function background(extra: Partial<GeneratorOptions>): Background {
  const generator = createGenerator({ seed: 7, accounts: 20_000, fraudRate: 0.002, time: { mode: 'simulated', start: START, days: 1, count: 60_000 }, ...extra })
  const transactions: Transaction[] = []
  for (const record of generator) {
    if (record.topic !== 'transactions') continue
    const parsed = parseTransaction(record.value)
    assert.ok(parsed.ok, record.key)
    transactions.push(parsed.value)
  }
  const labels = generator.takeLabels()
  const injected = new Set(labels.flatMap((l) => (l.kind === 'fraud' && l.injected ? l.transaction_ids : [])))
  const organic = transactions.filter((tx) => !injected.has(tx.transaction_id))
  const byHour = new Array<number>(24).fill(0)
  for (const tx of organic) byHour[Number(tx.timestamp.slice(11, 13))]!++
  return { amounts: organic.map((tx) => tx.amount).sort((a, b) => a - b), byHour, transactions }
}

const base = background({})
const median = (sorted: readonly number[]): number => sorted[sorted.length >> 1]!

/** The shift (0..23 hours) that best lines the shifted histogram up with the default one (circular cross-correlation). */
function bestLag(base: readonly number[], shifted: readonly number[]): number {
  let best = 0
  let bestScore = Number.NEGATIVE_INFINITY
  for (let lag = 0; lag < 24; lag++) {
    const score = base.reduce((sum, count, h) => sum + count * shifted[(h + lag) % 24]!, 0)
    if (score > bestScore) {
      best = lag
      bestScore = score
    }
  }
  return best
}

describe('defaults', () => {
  test('the default stream is byte for byte the one generated before the variations existed', () => {
    // Pinned from the generator before amountScale and activeHoursShift; a deliberate change to the stream updates it.
    assert.equal(streamDigest(SMALL), 'f5e53ec035f39b35427df5450b45e3458346431249080870d46bedcc519bc1c0')
  })

  test('explicit defaults (amountScale 1, activeHoursShift 0) give the same bytes as omitting them', () => {
    assert.equal(streamDigest({ ...SMALL, amountScale: 1, activeHoursShift: 0 }), streamDigest(SMALL))
  })
})

describe('amountScale', () => {
  const doubled = background({ amountScale: 2 })

  test('doubling roughly doubles the median background amount', () => {
    const ratio = median(doubled.amounts) / median(base.amounts)
    assert.ok(ratio > 1.8 && ratio < 2.2, `median ${median(base.amounts)} -> ${median(doubled.amounts)}`)
  })

  test('scaled records stay valid: fees from the tariff, amounts within the per-transaction limit, few failures', () => {
    for (const tx of doubled.transactions) {
      assert.equal(tx.fee, customerFee(tx.transaction_type, tx.amount), tx.transaction_id)
      assert.ok(tx.amount <= LIMITS.maxPerTransaction)
    }
    // Opening balances scale too, so customers are no more often short of money than in the default background.
    const failedShare = (b: Background): number => b.transactions.filter((tx) => tx.status === 'FAILED').length / b.transactions.length
    assert.ok(failedShare(doubled) < 0.05 && Math.abs(failedShare(doubled) - failedShare(base)) < 0.01, `${failedShare(base)} ${failedShare(doubled)}`)
  })

  test('halving roughly halves the median', () => {
    const ratio = median(background({ amountScale: 0.5 }).amounts) / median(base.amounts)
    assert.ok(ratio > 0.4 && ratio < 0.6, String(ratio))
  })
})

describe('fraud scenarios under amountScale', () => {
  const ONLY = { VELOCITY_BURST: 1, STRUCTURING: 1, SIM_SWAP_TAKEOVER: 0, AMOUNT_ANOMALY: 0, MULE_FAN_IN: 0, AGENT_SPLIT: 0, IMPOSSIBLE_TRAVEL: 0, DORMANT_REACTIVATION: 0, HIGH_VALUE_TRANSFER: 0 }

  function scenarioAmounts(amountScale: number): Record<'VELOCITY_BURST' | 'STRUCTURING', number[]> {
    const generator = createGenerator({ ...SMALL, poisonRate: 0, fraudRate: 0.01, typologyWeights: ONLY, amountScale })
    const amountById = new Map<string, number>()
    for (const record of generator) {
      const parsed = record.topic === 'transactions' ? parseTransaction(record.value) : undefined
      if (parsed?.ok === true) amountById.set(parsed.value.transaction_id, parsed.value.amount)
    }
    const out = { VELOCITY_BURST: [] as number[], STRUCTURING: [] as number[] }
    for (const label of generator.takeLabels()) {
      if (label.kind === 'fraud' && (label.typology === 'VELOCITY_BURST' || label.typology === 'STRUCTURING')) {
        out[label.typology].push(...label.transaction_ids.map((id) => amountById.get(id)!))
      }
    }
    return out
  }

  test('everyday-looking fraud scales with the background; fraud aimed at the limits does not', () => {
    const base = scenarioAmounts(1)
    const doubled = scenarioAmounts(2)
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    const ratio = mean(doubled.VELOCITY_BURST) / mean(base.VELOCITY_BURST)
    assert.ok(ratio > 1.7 && ratio < 2.3, `velocity burst mean ${mean(base.VELOCITY_BURST)} -> ${mean(doubled.VELOCITY_BURST)}`)
    // Structuring's agent deposits sit just under the per-transaction limit whatever the background.
    const largest = (xs: readonly number[]): number => Math.max(...xs)
    assert.ok(largest(doubled.STRUCTURING) >= 245_000 && largest(doubled.STRUCTURING) <= LIMITS.maxPerTransaction)
    assert.ok(largest(base.STRUCTURING) >= 245_000)
  })
})

describe('activeHoursShift', () => {
  const shifted = background({ activeHoursShift: 3 }).byHour

  test('the hour-of-day histogram moves by the shift, later or earlier', () => {
    assert.equal(bestLag(base.byHour, shifted), 3)
    assert.equal(bestLag(base.byHour, background({ activeHoursShift: -6 }).byHour), 18)
  })

  test('the quiet night moves with it: 01:00-04:00 by default, 04:00-07:00 three hours later', () => {
    const sum = (hours: readonly number[], from: number, to: number): number => hours.slice(from, to).reduce((a, b) => a + b, 0)
    assert.ok(sum(base.byHour, 17, 20) > 8 * sum(base.byHour, 1, 4))
    assert.ok(sum(shifted, 20, 23) > 8 * sum(shifted, 4, 7))
    assert.ok(sum(shifted, 1, 4) > 3 * sum(shifted, 4, 7))
  })
})
