// What the generator reports about the stream so far: record counts, scenarios started and skipped, labels and poison by kind.

import { FRAUD_TYPOLOGIES, POISON_KINDS } from '../domain/labels.ts'
import type { FraudTypology, PoisonKind } from '../domain/labels.ts'

type Counts<K extends string> = Record<K, number>
const zeroCounts = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>

export interface GeneratorStats {
  backgroundTransactions: number
  scenarioTransactions: number
  accountEvents: number
  poisonRecords: number
  failedTransactions: number
  scenariosStarted: Counts<FraudTypology>
  scenariosSkipped: Counts<FraudTypology>
  /** Fraud labels emitted so far, by typology (HIGH_VALUE_TRANSFER includes organic ones). */
  fraudLabels: Counts<FraudTypology>
  poisonByKind: Counts<PoisonKind>
}

export function emptyStats(): GeneratorStats {
  return {
    backgroundTransactions: 0,
    scenarioTransactions: 0,
    accountEvents: 0,
    poisonRecords: 0,
    failedTransactions: 0,
    scenariosStarted: zeroCounts(FRAUD_TYPOLOGIES),
    scenariosSkipped: zeroCounts(FRAUD_TYPOLOGIES),
    fraudLabels: zeroCounts(FRAUD_TYPOLOGIES),
    poisonByKind: zeroCounts(POISON_KINDS)
  }
}
