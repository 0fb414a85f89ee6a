// A standard generated stream shared by the generator tests: 200,000 background transactions over one mid-month day.

import { parseAccountEvent, parseTransaction } from '../../../src/domain/parse.ts'
import type { AccountEvent, Transaction } from '../../../src/domain/schema.ts'
import type { Label } from '../../../src/domain/labels.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { GeneratedRecord, GeneratorStats, MpesaGenerator } from '../../../src/generator/generator.ts'
import type { GeneratorOptions } from '../../../src/generator/options.ts'

export const START = new Date('2026-11-10T00:00:00.000+03:00')

export const FIXTURE_OPTIONS: GeneratorOptions = {
  seed: 20261110,
  accounts: 50_000,
  fraudRate: 0.003,
  poisonRate: 0.001,
  time: { mode: 'simulated', start: START, days: 1, count: 200_000 }
}

export interface ParsedStream {
  readonly generator: MpesaGenerator
  readonly records: GeneratedRecord[]
  /** Parsed transactions with the index of their record. */
  readonly transactions: { readonly index: number; readonly tx: Transaction }[]
  readonly events: { readonly index: number; readonly event: AccountEvent }[]
  /** Records on the transactions topic that failed to parse. */
  readonly rejected: { readonly index: number; readonly code: string }[]
  readonly labels: Label[]
  readonly stats: GeneratorStats
}

export function generateStream(options: GeneratorOptions = FIXTURE_OPTIONS): ParsedStream {
  const generator = createGenerator(options)
  const records = [...generator]
  const transactions: ParsedStream['transactions'][number][] = []
  const events: ParsedStream['events'][number][] = []
  const rejected: ParsedStream['rejected'][number][] = []
  records.forEach((record, index) => {
    if (record.topic === 'account-events') {
      const parsed = parseAccountEvent(record.value)
      if (!parsed.ok) throw new Error(`account event ${index} invalid: ${parsed.message}`)
      events.push({ index, event: parsed.value })
      return
    }
    const parsed = parseTransaction(record.value)
    if (parsed.ok) transactions.push({ index, tx: parsed.value })
    else rejected.push({ index, code: parsed.code })
  })
  return { generator, records, transactions, events, rejected, labels: generator.takeLabels(), stats: generator.stats() }
}

let cached: ParsedStream | undefined

/** The fixture stream, generated once per test process. */
export function fixtureStream(): ParsedStream {
  cached ??= generateStream()
  return cached
}
