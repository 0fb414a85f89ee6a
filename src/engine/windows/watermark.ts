// Stream time and lateness for one task: the watermark trails the highest event time seen by the allowed lateness.

export interface LatenessPolicy {
  /** How far behind the highest event time the watermark trails. */
  readonly allowedLatenessMs: number
  /** How long after its end (by the watermark) a window still accepts events. */
  readonly graceMs: number
}

export class Watermark {
  readonly policy: LatenessPolicy
  #maxEventTime = Number.NEGATIVE_INFINITY

  constructor (policy: LatenessPolicy, restoredMaxEventTime = Number.NEGATIVE_INFINITY) {
    this.policy = policy
    this.#maxEventTime = restoredMaxEventTime
  }

  get maxEventTime (): number {
    return this.#maxEventTime
  }

  get value (): number {
    return this.#maxEventTime - this.policy.allowedLatenessMs
  }

  observe (eventTime: number): void {
    if (eventTime > this.#maxEventTime) this.#maxEventTime = eventTime
  }

  /** Late: older than the watermark by more than the grace period, so every window holding it may have closed. */
  isLate (eventTime: number): boolean {
    return eventTime < this.value - this.policy.graceMs
  }

  /** A window closes (emits its final result) once the watermark passes its end plus the grace period. */
  closes (windowEnd: number): boolean {
    return this.value >= windowEnd + this.policy.graceMs
  }
}
