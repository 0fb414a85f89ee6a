// Wording helpers for alert explanations: shillings, durations, EAT clock times and masked phone numbers.

import { formatEat } from '../domain/eat-time.ts'
import { maskMsisdn, maskMsisdnsInText } from '../domain/msisdn.ts'

const KES = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

export function kes(amount: number): string {
  return `KES ${KES.format(Math.round(amount))}`
}

/** A customer number masked, a business or agent number as is. */
export function party(id: string): string {
  return id.length >= 12 ? maskMsisdn(id) : id
}

/** '14:03:07 EAT on 2026-11-29'. */
export function clock(epochMs: number): string {
  const text = formatEat(epochMs)
  return `${text.slice(11, 19)} EAT on ${text.slice(0, 10)}`
}

/** A duration in the largest sensible unit: '45 s', '12 min', '3.5 h', '120 days'. */
export function duration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 120) return `${Math.round(seconds)} s`
  const minutes = seconds / 60
  if (minutes < 120) return `${Math.round(minutes)} min`
  const hours = minutes / 60
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`
  return `${Math.round(hours / 24)} days`
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Final safety net: no full phone number leaves the detector in free text. */
export function sentence(text: string): string {
  return maskMsisdnsInText(text)
}
