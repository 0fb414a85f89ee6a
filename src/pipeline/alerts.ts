// Alerts as mpesa-alerts records (key = account); the alert itself is the detector's (src/detection/alert.ts).
import type { Alert } from '../detection/alert.ts'
import type { OutgoingRecord } from '../engine/records.ts'

export type { Alert, Severity } from '../detection/alert.ts'

export function alertRecord (topic: string, partition: number, alert: Alert, eventTime: number): OutgoingRecord {
  return { topic, key: alert.account, value: Buffer.from(JSON.stringify(alert)), timestamp: eventTime, partition }
}
