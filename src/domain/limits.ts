// Personal-wallet limits in force since Sept 2023 and the pure checks that decide whether a transaction fails.

export const LIMITS = Object.freeze({
  maxPerTransaction: 250_000,
  maxDailyDebits: 500_000,
  maxBalance: 500_000,
  minAgentWithdrawal: 50
} as const)

/** Why a transaction would fail, or OK; FAILED records on the wire carry no reason, so this stays internal. */
export const LIMIT_VERDICTS = [
  'OK',
  'OVER_TRANSACTION_LIMIT',
  'OVER_DAILY_LIMIT',
  'INSUFFICIENT_BALANCE',
  'OVER_BALANCE_LIMIT',
  'BELOW_AGENT_MINIMUM'
] as const
export type LimitVerdict = (typeof LIMIT_VERDICTS)[number]

/**
 * Checks a debit from a customer wallet. The daily limit counts transaction value (not fees),
 * while the balance must cover value plus fee.
 */
export function debitVerdict(amount: number, fee: number, balance: number, debitedToday: number): LimitVerdict {
  if (amount > LIMITS.maxPerTransaction) return 'OVER_TRANSACTION_LIMIT'
  if (debitedToday + amount > LIMITS.maxDailyDebits) return 'OVER_DAILY_LIMIT'
  if (amount + fee > balance) return 'INSUFFICIENT_BALANCE'
  return 'OK'
}

/** Checks a credit to a customer wallet against the per-transaction and maximum-balance limits. */
export function creditVerdict(amount: number, balance: number): LimitVerdict {
  if (amount > LIMITS.maxPerTransaction) return 'OVER_TRANSACTION_LIMIT'
  if (balance + amount > LIMITS.maxBalance) return 'OVER_BALANCE_LIMIT'
  return 'OK'
}
