// Makes sure a cluster is there for a command: the configured one, or the local broker started on demand.
import { startLocalCluster } from '../broker/local-cluster.ts'
import { PesaflowError } from '../errors.ts'
import { createKafkaAdmin, type ClusterInfo } from '../kafka/admin.ts'
import type { CommandContext } from './context.ts'

export interface ClusterSession { readonly info: ClusterInfo; readonly startedLocally: boolean }

export async function ensureCluster (ctx: CommandContext, say: (line: string) => void): Promise<ClusterSession> {
  const { config } = ctx
  if (config.kafka.local) {
    const result = await startLocalCluster(config.localCluster, say)
    const started = result.started.length > 0
    say(`${started ? 'Started' : 'Using running'} local Kafka (${result.layout.bootstrap.join(',')}, cluster ${result.info.clusterId})`)
    return { info: result.info, startedLocally: started }
  }
  const admin = createKafkaAdmin(config.kafka)
  try {
    const info = await admin.clusterInfo()
    say(`Using Kafka at ${config.kafka.brokers.join(',')} (cluster ${info.clusterId}, ${info.brokers.length} broker(s))`)
    return { info, startedLocally: false }
  } catch (error) {
    throw new PesaflowError('BROKER_UNREACHABLE', `No Kafka broker answers at KAFKA_BROKERS=${config.kafka.brokers.join(',')}`, { cause: error })
  } finally {
    await admin.close()
  }
}

/** Fails with a clear message when the cluster to talk to is not there (commands that must not start one). */
export async function requireCluster (ctx: CommandContext): Promise<ClusterInfo> {
  const admin = createKafkaAdmin(ctx.config.kafka, { retries: 1 })
  try {
    return await admin.clusterInfo()
  } catch (error) {
    const hint = ctx.config.kafka.local ? 'Start the local broker with `pesaflow kafka start`, or set KAFKA_BROKERS.' : 'Check KAFKA_BROKERS.'
    throw new PesaflowError('BROKER_UNREACHABLE', `No Kafka broker answers at ${ctx.config.kafka.brokers.join(',')}. ${hint}`, { cause: error })
  } finally {
    await admin.close()
  }
}
