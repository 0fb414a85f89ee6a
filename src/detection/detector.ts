// The fraud detector: a pure, deterministic function of the records one task sees, its state kept in a store the caller owns.
//
// Partitioning: transactions are keyed by sender and account events by msisdn, so onTransaction and onAccountEvent run
// on the task that owns the sender's (or msisdn's) key. Money into a customer goes through inflowOf → a repartition
// topic keyed by receiver → onInflow on the receiver's task. Agent deposits (keyed by the agent) are judged on the
// agent's task. Every state value is replaced, never mutated, so an aborted Kafka transaction leaves the store intact.

import { ACCOUNT_EVENT_TYPES, TRANSACTION_TYPES } from '../domain/transaction-types.ts'
import { parseEat } from '../domain/eat-time.ts'
import type { AccountEvent, Transaction } from '../domain/schema.ts'
import type { Alert } from './alert.ts'
import { compileRules, nearEdgeIndex } from './compiled-rules.ts'
import type { CompiledRules } from './compiled-rules.ts'
import { IS_OUTFLOW, TransactionContext, countyIndex, typeIndex } from './context.ts'
import { Judge } from './judge.ts'
import type { RuleCounters } from './judge.ts'
import { inflowOf } from './inflow.ts'
import type { Inflow } from './inflow.ts'
import { CREDIT, INFLOW, ringHas } from './ring.ts'
import type { RingHorizons } from './ring.ts'
import { idNumber } from './tx-id.ts'
import { RULE } from './rule-set.ts'
import type { RuleSet } from './rule-set.ts'
import { agentSplitDeposit, agentSplitWithdrawal, impossibleTravel } from './rules/agent.ts'
import { amountAnomaly, anomalyAfterLateInflow, anomalyAfterStructuringWindow, structuringWindowPassed } from './rules/amount-anomaly.ts'
import { highValueTransfer } from './rules/high-value.ts'
import { cashOut, fanInAfterLateInflow, fanInAt } from './rules/mule.ts'
import { structuring } from './rules/structuring.ts'
import { dormantReactivation, simSwapTakeover } from './rules/takeover.ts'
import { velocityBurst } from './rules/velocity.ts'
import { ACCOUNT, AGENT, AGENT_KEY_PREFIX, BASELINE, EVENT_TIME, LAST_TX, SEEN, TASK, TASK_KEY, kindOf, knowsPayee, newTaskState, partyHash, ringStart, upgrade, withBaseline } from './state.ts'
import type { DetectionStateValue, DetectionStore, StateArray } from './state.ts'
import { accountKey } from './state-keys.ts'
import type { StateKey } from './state-keys.ts'
import { AccountDraft, appendDeposit, applyOutflow, recordAgentVisit } from './updates.ts'

export type { Inflow } from './inflow.ts'
export type { RuleCounters } from './judge.ts'

/** How many recent values of each type the task's typical amount follows, and 1 in how many outflows updates it. */
const BASELINE_MEMORY = 2_000
const BASELINE_SAMPLE = 8
const SEND_MONEY = TRANSACTION_TYPES.indexOf('SEND_MONEY')
const DEPOSIT = TRANSACTION_TYPES.indexOf('DEPOSIT')
const B2C = TRANSACTION_TYPES.indexOf('B2C')

export class FraudDetector {
  readonly #store: DetectionStore<DetectionStateValue>
  readonly #ctx = new TransactionContext()
  readonly #judge = new Judge()
  readonly #draft = new AccountDraft()
  readonly #horizons: { outflow: number; large: number; inflow: number } = { outflow: 0, large: 0, inflow: 0 }
  #rules: CompiledRules
  #ruleSet: RuleSet
  #lastTx: Transaction | undefined
  #routed: Inflow | undefined

  constructor(rules: RuleSet, store: DetectionStore<DetectionStateValue>) {
    this.#store = store
    this.#ruleSet = rules
    this.#rules = compileRules(rules)
  }

  get ruleSet(): RuleSet {
    return this.#ruleSet
  }

  /** Alerts raised, shadow hits and evaluations per rule since the detector was made (a snapshot). */
  get counters(): RuleCounters {
    return this.#judge.counters
  }

  /** Swaps the rules; state is kept (its layout does not depend on them). */
  setRules(rules: RuleSet): void {
    this.#ruleSet = rules
    this.#rules = compileRules(rules)
  }

  /** Shadow-mode hits since the last call, oldest first, and how many were dropped for lack of room. */
  takeShadowAlerts(): { alerts: Alert[]; dropped: number } {
    return this.#judge.takeShadow()
  }

  /** On the sender's task. Returns the alerts to publish (usually none: a shared empty array). */
  onTransaction(tx: Transaction, eventTime: number, detectedAt: number): readonly Alert[] {
    this.#judge.begin(this.#rules, detectedAt)
    const c = this.#prepare(tx, eventTime)
    this.#lastTx = tx
    this.#routed = undefined
    if (this.#rules.rules.HIGH_VALUE_TRANSFER.enabled) this.#judge.judge(RULE.HIGH_VALUE_TRANSFER, highValueTransfer(c))
    if (tx.sender_type === 'CUSTOMER') this.#customerTransaction(c)
    else if (c.type === DEPOSIT && tx.sender_type === 'AGENT' && tx.receiver_type === 'CUSTOMER') this.#agentDeposit(c)
    else this.#routed = inflowOf(tx, eventTime, this.#rules)
    return this.#judge.alerts()
  }

  /**
   * What to route to the receiver's task (key: inflow.receiver), or undefined. Called right after onTransaction for
   * the same transaction it answers with the sender's state in mind (a customer transfer is routed only when the
   * receiver is a first-time payee of the sender, about a quarter of transfers); for any other it answers from the
   * transaction alone (every transfer that could matter).
   */
  inflowOf(tx: Transaction, eventTime?: number): Inflow | undefined {
    if (tx === this.#lastTx) return this.#routed
    return inflowOf(tx, eventTime ?? parseEat(tx.timestamp), this.#rules)
  }

  /** On the msisdn's task: remembers SIM swaps and PIN resets; raises nothing by itself (but may report a transfer it kept). */
  onAccountEvent(ev: AccountEvent, eventTime: number, detectedAt: number): readonly Alert[] {
    this.#judge.begin(this.#rules, detectedAt)
    this.#taskState(eventTime)
    const key = accountKey(ev.msisdn)
    const next = this.#draft.load(this.#account(key), eventTime)
    const type = ACCOUNT_EVENT_TYPES.indexOf(ev.event_type)
    if (this.#rules.takeoverEvents[type] === true && eventTime >= next.header[EVENT_TIME]!) {
      next.header[EVENT_TIME] = eventTime
      next.eventType = type
    }
    this.#judgeKeptNearEdge(next, ev.msisdn)
    this.#recordFired(next)
    this.#store.put(key, next.build())
    return this.#judge.alerts()
  }

  /** On the receiver's task, in whatever order relative to the receiver's own transactions. */
  onInflow(inflow: Inflow, detectedAt: number): readonly Alert[] {
    this.#judge.begin(this.#rules, detectedAt)
    const t = inflow.event_time
    this.#taskState(t)
    const key = accountKey(inflow.receiver)
    const prev = this.#account(key)
    const id = idNumber(inflow.transaction_id)
    if (prev !== undefined && ringHas(prev, ringStart(prev), id)) return this.#judge.alerts()
    const draft = this.#draft.load(prev, t)
    const h = draft.header
    draft.append(t, inflow.amount, partyHash(inflow.sender), inflow.type === 'B2C' ? CREDIT : INFLOW, id, this.#horizonsAt(h[SEEN]!))
    if (t > h[LAST_TX]!) h[LAST_TX] = t
    let next = draft.build()
    const on = this.#rules.rules
    if (on.MULE_FAN_IN.enabled && inflow.type === 'SEND_MONEY') {
      this.#judge.judge(RULE.MULE_FAN_IN, fanInAfterLateInflow(next, prev, inflow.receiver, t, this.#rules))
    }
    let changed = false
    if (on.AMOUNT_ANOMALY.enabled && inflow.type === 'B2C' && draft.hasAnomaly) {
      const finding = anomalyAfterLateInflow(next, inflow, this.#rules)
      this.#judge.judge(RULE.AMOUNT_ANOMALY, finding)
      if (finding !== undefined) draft.hasAnomaly = false
      changed = finding !== undefined
    }
    changed = this.#judgeKeptNearEdge(draft, inflow.receiver) || changed
    // Rarely: a rule fired (its cooldown is kept) or the pending anomaly was settled.
    if (this.#recordFired(draft) || changed) next = draft.build()
    this.#store.put(key, next)
    return this.#judge.alerts()
  }

  /**
   * A transfer just under a structuring edge that the anomaly rule kept: once the structuring window after it has
   * passed (by the account's latest event time), reported unless STRUCTURING fired around it; true when settled.
   */
  #judgeKeptNearEdge(draft: AccountDraft, account: string): boolean {
    const now = draft.header[SEEN]!
    if (!draft.hasAnomaly || !structuringWindowPassed(draft.anomaly, now, this.#rules)) return false
    const structuringAt = draft.hasFired ? draft.fired[RULE.STRUCTURING]! : -1
    if (this.#rules.rules.AMOUNT_ANOMALY.enabled) {
      this.#judge.judge(RULE.AMOUNT_ANOMALY, anomalyAfterStructuringWindow(draft.anomaly, structuringAt, account, this.#rules))
    }
    draft.hasAnomaly = false
    return true
  }

  #horizonsAt(now: number): RingHorizons {
    const h = this.#horizons
    h.outflow = now - this.#rules.outHorizonMs
    h.large = now - this.#rules.structuringWindowMs
    h.inflow = now - this.#rules.inflowHorizonMs
    return h
  }

  #taskState(eventTime: number): StateArray {
    const found = upgrade(this.#store.get(TASK_KEY))
    if (found !== undefined && kindOf(found) === TASK) return found
    const created = newTaskState(eventTime, TRANSACTION_TYPES.length)
    this.#store.put(TASK_KEY, created)
    return created
  }

  /** The account's state; a value of an unknown layout is treated as none, so a restore never crashes. */
  #account(key: StateKey): StateArray | undefined {
    const found = upgrade(this.#store.get(key))
    return found !== undefined && kindOf(found) === ACCOUNT ? found : undefined
  }

  #prepare(tx: Transaction, eventTime: number): TransactionContext {
    const c = this.#ctx
    c.reset(tx, eventTime, typeIndex(tx.transaction_type), this.#taskState(eventTime), this.#rules)
    c.success = tx.status === 'SUCCESS'
    c.outflow = IS_OUTFLOW[c.type] === true && tx.sender_type === 'CUSTOMER'
    c.counterparty = partyHash(tx.receiver)
    c.county = tx.channel === 'AGENT' ? countyIndex(tx.market) : -1
    return c
  }

  #customerTransaction(c: TransactionContext): void {
    const key = accountKey(c.tx.sender)
    const prev = this.#account(key)
    c.setPrev(prev)
    c.idleMs = c.eventTime - (prev !== undefined && prev[LAST_TX]! >= 0 ? prev[LAST_TX]! : c.task[SEEN]!)
    const on = this.#rules.rules
    if (c.outflow && on.STRUCTURING.enabled) {
      c.edge = nearEdgeIndex(this.#rules, c.tx.amount)
      c.large = c.success && c.tx.amount >= on.STRUCTURING.counted_from_kes
    }
    if (c.outflow) this.#outflowRules(c)
    if (c.county >= 0 && on.IMPOSSIBLE_TRAVEL.enabled) this.#judge.judge(RULE.IMPOSSIBLE_TRAVEL, impossibleTravel(c))
    this.#routed = this.#routeTransfer(c)
    const next = this.#draft.load(prev, c.eventTime)
    if (c.eventTime > next.header[LAST_TX]!) next.header[LAST_TX] = c.eventTime
    next.voteHome(c.county >= 0 ? c.county : countyIndex(c.tx.market))
    if (c.outflow) this.#learnOutflow(c, next)
    if (c.county >= 0) recordAgentVisit(next, c.eventTime, c.county, c.txId())
    this.#judgeKeptNearEdge(next, c.tx.sender)
    if (!Number.isNaN(c.pendingAnomalyRatio)) next.setAnomaly(c.eventTime, c.tx.amount, c.pendingAnomalyRatio, c.txId(), c.pendingAnomalyFlags)
    this.#recordFired(next)
    this.#store.put(key, next.build())
  }

  /** A customer transfer is routed to its receiver when it could count towards a fan-in: by default, to a first-time payee. */
  #routeTransfer(c: TransactionContext): Inflow | undefined {
    if (c.type !== SEND_MONEY && c.type !== B2C) return undefined
    // A payee paid recently is not a first-time payer's transfer: known before building the inflow.
    if (this.#rules.rules.MULE_FAN_IN.first_time_payers_only && c.prev !== undefined && knowsPayee(c.prev, c.counterparty)) return undefined
    return inflowOf(c.tx, c.eventTime, this.#rules)
  }

  /** The outflow rules: attempts first (a failed burst or anomaly still tells), then those that need money to have moved. */
  #outflowRules(c: TransactionContext): void {
    const on = this.#rules.rules
    const judge = this.#judge
    if (on.VELOCITY_BURST.enabled) judge.judge(RULE.VELOCITY_BURST, velocityBurst(c))
    if (on.AMOUNT_ANOMALY.enabled) judge.judge(RULE.AMOUNT_ANOMALY, amountAnomaly(c))
    if (!c.success) return
    if (on.DORMANT_REACTIVATION.enabled) judge.judge(RULE.DORMANT_REACTIVATION, dormantReactivation(c))
    if (on.SIM_SWAP_TAKEOVER.enabled) judge.judge(RULE.SIM_SWAP_TAKEOVER, simSwapTakeover(c))
    if (on.STRUCTURING.enabled && (c.edge >= 0 || c.large)) judge.judge(RULE.STRUCTURING, structuring(c))
    if (on.AGENT_SPLIT.enabled && c.county >= 0) judge.judge(RULE.AGENT_SPLIT, agentSplitWithdrawal(c))
    const prev = c.prev
    if (on.MULE_FAN_IN.enabled && prev !== undefined && c.ringFrom < prev.length) {
      judge.judge(RULE.MULE_FAN_IN, fanInAt(prev, prev, c.tx.sender, cashOut(c.eventTime, c.tx.amount, c.type, c.txId()), this.#rules))
    }
  }

  /**
   * Folds the outflow into the account and (one in BASELINE_SAMPLE, chosen by transaction id) the task's typical
   * amounts. Outflows that raised an alert or follow a SIM swap or PIN reset do not teach the account's level: fraud
   * must not become the account's normal.
   */
  #learnOutflow(c: TransactionContext, next: AccountDraft): void {
    const learn = c.success && !c.afterTakeoverEvent && !this.#judge.firedBesides(RULE.HIGH_VALUE_TRANSFER)
    applyOutflow(next, c, this.#horizonsAt(c.eventTime), learn)
    if (learn && (c.tx.transaction_id.charCodeAt(9) % BASELINE_SAMPLE === 0 || c.task[BASELINE + c.type * 2] === 0)) {
      this.#store.put(TASK_KEY, withBaseline(c.task, c.type, Math.log(c.tx.amount), BASELINE_MEMORY))
    }
  }

  #agentDeposit(c: TransactionContext): void {
    this.#routed = inflowOf(c.tx, c.eventTime, this.#rules)
    if (!this.#rules.rules.AGENT_SPLIT.enabled || !c.success) return
    const key = AGENT_KEY_PREFIX + c.tx.sender
    const found = upgrade(this.#store.get(key))
    const prev = found !== undefined && kindOf(found) === AGENT ? found : undefined
    const customer = partyHash(c.tx.receiver)
    const finding = agentSplitDeposit(c, prev, customer)
    this.#judge.judge(RULE.AGENT_SPLIT, finding)
    const from = c.eventTime - this.#rules.splitWindowMs
    this.#store.put(key, appendDeposit(prev, c.eventTime, c.tx.amount, customer, c.txId(), from, finding !== undefined))
  }

  /** Remembers on the account when each rule fired (its cooldown; high-value alerts need none); true when any did. */
  #recordFired(next: AccountDraft): boolean {
    const judge = this.#judge
    let any = false
    for (let i = 0; i < judge.firedCount; i++) {
      const rule = judge.firedRule[i]!
      if (rule === RULE.HIGH_VALUE_TRANSFER) continue
      next.markFired(rule, judge.firedTime[i]!)
      any = true
    }
    return any
  }
}
