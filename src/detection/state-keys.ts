// Keys of the detector's state: a customer's MSISDN as a small integer in memory, its text in the changelog.
//
// A million accounts in a Map keyed by MSISDN strings cost a string hash and a comparison against the stored key's
// characters on every lookup; a small integer key is hashed and compared in registers. '254' followed by nine digits
// (the first not 0) becomes those nine digits as a number, below 2^30, so a small integer in V8; any other key (an
// agent's or the task's, or a malformed number) stays text. The mapping is one to one, so the changelog keeps the
// text keys it always had and older changelogs restore unchanged.

import type { KeyCodec } from '../engine/state/transactional-store.ts'

export type StateKey = string | number

const ZERO = 48

/** The in-memory key of an MSISDN (or of any other state key text). */
export function accountKey(msisdn: string): StateKey {
  if (msisdn.length !== 12 || msisdn.charCodeAt(0) !== 50 || msisdn.charCodeAt(1) !== 53 || msisdn.charCodeAt(2) !== 52) return msisdn
  let n = msisdn.charCodeAt(3) - ZERO
  if (n < 1 || n > 9) return msisdn
  for (let i = 4; i < 12; i++) {
    const digit = msisdn.charCodeAt(i) - ZERO
    if (digit < 0 || digit > 9) return msisdn
    n = n * 10 + digit
  }
  return n
}

/** The changelog key of an in-memory key. */
export function keyText(key: StateKey): string {
  return typeof key === 'number' ? `254${key}` : key
}

/** The detector store's key codec (the processor's `TransactionalStore(name, codec, stateKeys)`). */
export const stateKeys: KeyCodec<StateKey> = { toText: keyText, fromText: accountKey }
