// Before the integration suites: the real Kafka broker, started through PesaFlow's own code unless KAFKA_BROKERS is set.
import { startLocalCluster, stopLocalCluster } from '../../src/broker/local-cluster.ts'
import { loadConfig } from '../../src/config/config.ts'

let startedHere = false

export async function globalSetup (): Promise<void> {
  const config = loadConfig()
  if (!config.kafka.local) return
  const result = await startLocalCluster(config.localCluster, (line) => { console.log(`[global-setup] ${line}`) })
  startedHere = result.started.length > 0
  console.log(`[global-setup] Kafka ${result.layout.bootstrap.join(',')} ${startedHere ? 'started' : 'already running'}`)
}

export async function globalTeardown (): Promise<void> {
  if (!startedHere) return
  const config = loadConfig()
  await stopLocalCluster(config.localCluster)
  console.log('[global-setup] Kafka stopped')
}
