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
    retryDelay: 250
  }
  if (kafka.security.tls) options.tls = {}
  if (kafka.security.sasl !== undefined) {
    const { mechanism, username, password } = kafka.security.sasl
    options.sasl = { mechanism, username, password }
  }
  return options
}
