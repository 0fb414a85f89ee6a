// Event-time window shapes: tumbling (size) and hopping/sliding (size advancing by a step), aligned to the epoch.

export interface WindowSpec {
  /** Name carried in every output record, e.g. "hourly_market". */
  readonly name: string
  readonly sizeMs: number
  /** Equal to sizeMs for tumbling windows; smaller for hopping windows. */
  readonly advanceMs: number
  /** Offset of window boundaries from the epoch (e.g. to align days on a time zone). */
  readonly alignMs?: number
}

export const tumbling = (name: string, sizeMs: number, alignMs = 0): WindowSpec => ({ name, sizeMs, advanceMs: sizeMs, alignMs })
export const hopping = (name: string, sizeMs: number, advanceMs: number, alignMs = 0): WindowSpec => {
  if (sizeMs % advanceMs !== 0) throw new Error(`window ${name}: size ${sizeMs} must be a multiple of its advance ${advanceMs}`)
  return { name, sizeMs, advanceMs, alignMs }
}

/** Start times of every window of this spec that contains the instant, oldest first. */
export function windowStartsFor (spec: WindowSpec, eventTime: number): number[] {
  const align = spec.alignMs ?? 0
  const lastStart = Math.floor((eventTime - align) / spec.advanceMs) * spec.advanceMs + align
  const starts: number[] = []
  for (let start = lastStart - spec.sizeMs + spec.advanceMs; start <= lastStart; start += spec.advanceMs) starts.push(start)
  return starts
}
