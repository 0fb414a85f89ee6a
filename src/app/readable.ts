// One-line, human-readable views of records for terminals and logs, with every phone number masked.
import { maskMsisdnsInText } from '../domain/msisdn.ts'

interface TransactionLike {
  transaction_id?: unknown; transaction_type?: unknown; amount?: unknown; fee?: unknown; sender?: unknown; receiver?: unknown
  market?: unknown; channel?: unknown; status?: unknown; timestamp?: unknown; event_type?: unknown; msisdn?: unknown
}

/** A transaction or account event as a sentence-like line; anything else as masked, shortened text. */
export function readableRecord (value: Buffer | null, maxLength = 200): string {
  if (value === null || value.length === 0) return '(empty value)'
  const text = value.toString('utf8', 0, Math.min(value.length, 4096))
  let parsed: TransactionLike
  try {
    parsed = JSON.parse(text) as TransactionLike
  } catch {
    return maskMsisdnsInText(text.slice(0, maxLength)) + (value.length > maxLength ? '…' : '')
  }
  if (typeof parsed.transaction_type === 'string') {
    const amount = typeof parsed.amount === 'number' ? parsed.amount.toLocaleString('en-US') : String(parsed.amount)
    return maskMsisdnsInText(`${String(parsed.timestamp)} ${String(parsed.transaction_id)} ${parsed.transaction_type} KES ${amount} (fee ${String(parsed.fee)}) ` +
      `${String(parsed.sender)} -> ${String(parsed.receiver)} ${String(parsed.market)} ${String(parsed.channel)} ${String(parsed.status)}`)
  }
  if (typeof parsed.event_type === 'string') {
    return maskMsisdnsInText(`${String(parsed.timestamp)} ${parsed.event_type} ${String(parsed.msisdn)} ${String((parsed as { market?: unknown }).market)}`)
  }
  return maskMsisdnsInText(text.slice(0, maxLength))
}
