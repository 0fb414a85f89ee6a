// Where the traffic producer takes records from: the seeded stream, with its position for pacing and counting.
import type { Label } from '../domain/labels.ts'
import type { GeneratedRecord, MpesaGenerator } from '../generator/generator.ts'

export interface TrafficSource {
  /**
   * The next record whose position in the full stream is below `limit`; null when the limit is reached first,
   * undefined when the stream has ended.
   */
  next (limit: number): GeneratedRecord | null | undefined
  /** Records of the full stream consumed so far (taken or skipped): paces and counts every worker alike. */
  readonly position: number
  takeLabels (): Label[]
}

export function wholeStream (generator: MpesaGenerator): TrafficSource {
  let position = 0
  return {
    next: (limit) => {
      if (position >= limit) return null
      const record = generator.next()
      if (record !== undefined) position++
      return record
    },
    get position () { return position },
    takeLabels: () => generator.takeLabels()
  }
}

