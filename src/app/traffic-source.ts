// Where the traffic producer takes records from: the whole seeded stream, or one worker's share of its partitions.
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

/**
 * One worker's share: the records whose key falls on its partitions. Every worker runs the same seeded
 * generator, so their shares are disjoint and together are exactly the stream, each partition in stream order.
 */
export function partitionShare (generator: MpesaGenerator, isMine: (key: string) => boolean, withLabels: boolean): TrafficSource {
  let position = 0
  return {
    next: (limit) => {
      while (position < limit) {
        const record = generator.next()
        if (record === undefined) return undefined
        position++
        if (isMine(record.key)) return record
      }
      return null
    },
    get position () { return position },
    takeLabels: () => {
      const labels = generator.takeLabels()
      return withLabels ? labels : []
    }
  }
}
