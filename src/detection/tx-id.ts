// Transaction (receipt) ids as numbers: ten base-36 characters fit exactly in a double, so state keeps no id strings.

/** The receipt id as an integer below 36^10 (< 2^53); the schema guarantees ten [A-Z0-9] characters. */
export function idNumber(id: string): number {
  return Number.parseInt(id, 36)
}

/** The receipt id text of idNumber's result. */
export function idText(value: number): string {
  return value.toString(36).toUpperCase().padStart(10, '0')
}
