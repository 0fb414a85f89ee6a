// Builders for detection tests: valid transactions and account events on a virtual clock, and a detector over a plain store.

import { formatEat } from '../../../src/domain/eat-time.ts'
import type { AccountEvent, Transaction } from '../../../src/domain/schema.ts'
import { TransactionSchema } from '../../../src/domain/schema.ts'
import type { Alert } from '../../../src/detection/alert.ts'
import { FraudDetector } from '../../../src/detection/detector.ts'
import type { Inflow } from '../../../src/detection/detector.ts'
import { defaultRuleSet, validateRuleSet } from '../../../src/detection/rule-set.ts'
import type { RuleSet } from '../../../src/detection/rule-set.ts'
import { MemoryDetectionStore } from '../../../src/detection/state.ts'
import type { DetectionStateValue } from '../../../src/detection/state.ts'

export const T0 = Date.parse('2026-11-10T09:00:00.000+03:00')
export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const ALICE = '254712345678'
export const BOB = '254722000111'
export const AGENT = '123456'

/** The n-th test customer: a valid Safaricom MSISDN. */
export function customer(n: number): string {
  return `254700${String(n).padStart(6, '0')}`
}

let sequence = 0
/** A fresh receipt id of the valid shape (year U, month K, day A, then 7 characters). */
export function receipt(): string {
  sequence++
  return `UKA${sequence.toString(36).toUpperCase().padStart(7, '0')}`
}

type TxFields = Partial<Omit<Transaction, 'timestamp'>> & { readonly at: number }

/** A schema-valid transaction (checked, so a test never feeds the detector what the parser would reject). */
export function tx(fields: TxFields): Transaction {
  const { at, ...rest } = fields
  const value = {
    schema_version: 1,
    transaction_id: receipt(),
    transaction_type: 'SEND_MONEY',
    timestamp: formatEat(at),
    amount: 500,
    fee: 7,
    currency: 'KES',
    sender: ALICE,
    receiver: BOB,
    sender_type: 'CUSTOMER',
    receiver_type: 'CUSTOMER',
    market: 'Nairobi',
    channel: 'APP',
    status: 'SUCCESS',
    ...rest
  }
  return TransactionSchema.parse(value)
}

export function withdraw(at: number, amount: number, fields: Partial<Transaction> = {}): Transaction {
  return tx({ at, transaction_type: 'WITHDRAW', amount, fee: 29, receiver: AGENT, receiver_type: 'AGENT', channel: 'AGENT', ...fields })
}

export function deposit(at: number, amount: number, fields: Partial<Transaction> = {}): Transaction {
  return tx({ at, transaction_type: 'DEPOSIT', amount, fee: 0, sender: AGENT, sender_type: 'AGENT', receiver: ALICE, channel: 'AGENT', ...fields })
}

export function accountEvent(at: number, type: AccountEvent['event_type'], msisdn = ALICE): AccountEvent {
  return { event_id: `EV${receipt()}`, msisdn, event_type: type, timestamp: formatEat(at), market: 'Nairobi' }
}

/** A rule set with only the named rules on (their defaults), plus overrides per rule. */
export function rulesWith(overrides: Record<string, Record<string, unknown>>, version = 1): RuleSet {
  const rules = Object.fromEntries(Object.entries(overrides).map(([id, fields]) => [id, fields]))
  const result = validateRuleSet({ version, rules })
  if (!result.ok) throw new Error(result.error)
  return result.ruleSet
}

/** A detector on a fresh in-memory store, with helpers that feed records and collect alerts. */
export class Harness {
  readonly store = new MemoryDetectionStore<DetectionStateValue>()
  readonly detector: FraudDetector
  readonly alerts: Alert[] = []
  readonly inflows: Inflow[] = []

  constructor(rules: RuleSet = defaultRuleSet()) {
    this.detector = new FraudDetector(rules, this.store)
  }

  /** Feeds a transaction as its sender's task would and keeps any inflow it asks to route (not delivered). */
  send(transaction: Transaction): readonly Alert[] {
    const at = Date.parse(transaction.timestamp)
    const alerts = this.detector.onTransaction(transaction, at, at)
    this.alerts.push(...alerts)
    const inflow = this.detector.inflowOf(transaction)
    if (inflow !== undefined) this.inflows.push(inflow)
    return alerts
  }

  event(ev: AccountEvent): readonly Alert[] {
    const at = Date.parse(ev.timestamp)
    const alerts = this.detector.onAccountEvent(ev, at, at)
    this.alerts.push(...alerts)
    return alerts
  }

  /** Delivers the routed inflows (all, or those matching) to the receivers' tasks, in routing order. */
  deliver(filter: (inflow: Inflow) => boolean = () => true): readonly Alert[] {
    const due = this.inflows.filter(filter)
    const out: Alert[] = []
    for (const inflow of due) {
      this.inflows.splice(this.inflows.indexOf(inflow), 1)
      out.push(...this.detector.onInflow(inflow, inflow.event_time))
    }
    this.alerts.push(...out)
    return out
  }

  /** Everyday history for an account: `count` transfers of about `amount` to a few usual payees, a day apart. */
  history(account: string, count: number, amount: number, from: number): number {
    let at = from
    for (let i = 0; i < count; i++) {
      this.send(tx({ at, sender: account, receiver: customer(900_000 + (i % 4)), amount: amount + (i % 3) * 10 }))
      at += DAY
    }
    return at
  }

  ids(rule: string): string[] {
    return this.alerts.filter((a) => a.rule_id === rule).map((a) => a.alert_id)
  }
}
