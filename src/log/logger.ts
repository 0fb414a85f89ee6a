// The process logger: JSON lines on stderr (pino), with every phone number in a message masked.
import { pino, type Logger } from 'pino'
import { maskMsisdnsInText } from '../domain/msisdn.ts'

export type { Logger }

export function createLogger (level: string, name = 'pesaflow'): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    hooks: {
      // Personal data: a full MSISDN must never reach a log line, whatever the caller passed.
      logMethod (args, method) {
        const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskMsisdnsInText(arg) : arg))
        method.apply(this, masked as Parameters<typeof method>)
      }
    },
    formatters: {
      log (object) {
        return JSON.parse(maskMsisdnsInText(JSON.stringify(object))) as Record<string, unknown>
      }
    }
  }, pino.destination({ fd: 2, sync: true }))
}
