// Transaction (receipt) ids as numbers: ten base-36 characters fit exactly in a double, so state keeps no id strings.

/** The receipt id as an integer below 36^10 (< 2^53); the schema guarantees ten [A-Z0-9] characters. */
export function idNumber(id: string): number {
  // A loop over the characters: several times faster than Number.parseInt(id, 36), and as exact below 2^53.
  let n = 0
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    n = n * 36 + (c <= 57 ? c - 48 : c >= 97 ? c - 87 : c - 55)
  }
  return n
}

/** The receipt id text of idNumber's result. */
export function idText(value: number): string {
  return value.toString(36).toUpperCase().padStart(10, '0')
}
