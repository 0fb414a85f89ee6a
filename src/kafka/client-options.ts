// Connection options shared by every Kafka client PesaFlow makes, built from the validated config.
import type { BaseOptions } from '@platformatic/kafka'
import type { Config } from '../config/config.ts'

export type KafkaConnection = Config['kafka']

export function baseOptions (kafka: KafkaConnection, role: string): BaseOptions {
  const options: BaseOptions = {
    clientId: `${kafka.clientId}-${role}`,
    bootstrapBrokers: [...kafka.brokers],
    connectTimeout: 5000,
    requestTimeout: 30000,
    retries: 5,
    retryDelay: backoffWithJitter
  }
  if (kafka.security.tls) options.tls = {}
  if (kafka.security.sasl !== undefined) {
    const { mechanism, username, password } = kafka.security.sasl
    options.sasl = { mechanism, username, password }
  }
  return options
}

/** Exponential backoff, 100 ms doubling to at most 5 s, with full jitter so clients do not retry in step. */
export function backoffWithJitter (_client: unknown, _operation: string, attempt: number): number {
  const ceiling = Math.min(5000, 100 * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + Math.random() * ceiling / 2)
}
