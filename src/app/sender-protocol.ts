// Messages between the traffic producer and its sender threads (structured-clone safe).
import type { Compression } from '../engine/records.ts'
import type { KafkaConnection } from '../kafka/client-options.ts'
import type { TrafficTopics } from './traffic-sink.ts'

export interface SenderSettings {
  readonly index: number
  readonly kafka: KafkaConnection
  readonly topics: TrafficTopics
  readonly compression: Compression
}

export type SenderRequest =
  | { readonly kind: 'records'; readonly id: number; readonly packed: ArrayBuffer }
  | { readonly kind: 'labels'; readonly id: number; readonly labels: readonly { readonly key: string; readonly value: string }[] }
  | { readonly kind: 'close'; readonly id: number }

export type SenderReply = { readonly id: number; readonly ok: true } | { readonly id: number; readonly ok: false; readonly error: string }
