// The processor's tunable settings (windows, lateness, state expiry), validated once with the rest of the config.
import { MAX_RECORD_BYTES } from '../domain/parse.ts'

export interface PipelineSettings {
  /** Watermark = highest event time seen − this. */
  readonly allowedLatenessMs: number
  /** A window still accepts events this long after the watermark passed its end. */
  readonly graceMs: number
  /** Emit early (non-final) window updates at most this often in wall-clock time; 0 = only final results. */
  readonly earlyUpdatesMs: number
  /** Account state idle (in event time) for longer than this is expired. */
  readonly idleStateMs: number
  /** Larger record values are dead-lettered (RECORD_TOO_LARGE). */
  readonly maxRecordBytes: number
  /** Run the fraud detector (account state, inflows, alerts); false: windows and dead letters only. Default true. */
  readonly detection?: boolean
}

export const defaultPipelineSettings: PipelineSettings = Object.freeze({
  allowedLatenessMs: 5_000,
  graceMs: 60_000,
  earlyUpdatesMs: 1_000,
  idleStateMs: 180 * 24 * 3600 * 1000,
  maxRecordBytes: MAX_RECORD_BYTES
})
