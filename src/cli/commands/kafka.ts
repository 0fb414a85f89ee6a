// `pesaflow kafka start | stop | status`: the local Apache Kafka broker (or 3-node cluster).
import { Command, Option } from 'commander'
import { localClusterStatus, startLocalCluster, stopLocalCluster } from '../../broker/local-cluster.ts'
import { PesaflowError } from '../../errors.ts'
import { commandContext, type CommandContext } from '../context.ts'

const nodesOption = (): Option => new Option('--nodes <n>', 'nodes of the local cluster: 1 or 3 (RF 3, min ISR 2)').env('KAFKA_LOCAL_NODES')
const portOption = (): Option => new Option('--port <port>', 'client port of the single local node').env('KAFKA_LOCAL_PORT')

function localContext (command: Command): CommandContext {
  const opts = command.opts<{ nodes?: string; port?: string }>()
  const ctx = commandContext(command, { localNodes: opts.nodes, localPort: opts.port })
  if (!ctx.config.kafka.local) {
    throw new PesaflowError('CONFIG_INVALID', `KAFKA_BROKERS is set (${ctx.config.kafka.brokers.join(',')}): PesaFlow uses that cluster and runs no local broker. Unset it to manage the local one.`)
  }
  return ctx
}

export function kafkaCommand (): Command {
  const kafka = new Command('kafka').description('run a real local Apache Kafka 4 broker (KRaft) from the Maven jars')
  kafka.command('start')
    .description('start the local broker, or reuse it when running; waits until it answers')
    .addOption(nodesOption()).addOption(portOption())
    .action(async (_opts, command: Command) => {
      const ctx = localContext(command)
      const result = await startLocalCluster(ctx.config.localCluster, (line) => { console.log(line) })
      const verb = result.started.length === 0 ? 'already running' : 'started'
      console.log(`Kafka ${result.layout.name} ${verb}: ${result.info.brokers.join(', ')} (cluster ${result.info.clusterId})`)
    })
  kafka.command('stop')
    .description('stop the local broker cleanly (SIGTERM, waits for exit)')
    .addOption(nodesOption()).addOption(portOption())
    .action(async (_opts, command: Command) => {
      const ctx = localContext(command)
      const stopped = await stopLocalCluster(ctx.config.localCluster)
      console.log(stopped.length === 0 ? 'Kafka was not running.' : `Kafka stopped (node(s) ${stopped.join(', ')}).`)
    })
  kafka.command('status')
    .description('show whether the local broker runs and answers (exit 1 when it does not)')
    .addOption(nodesOption()).addOption(portOption())
    .action(async (_opts, command: Command) => {
      const ctx = localContext(command)
      const status = await localClusterStatus(ctx.config.localCluster)
      for (const node of status.nodes) {
        console.log(`node ${node.nodeId}  ${node.address}  ${node.pid === undefined ? 'stopped' : `running (pid ${node.pid})`}`)
      }
      console.log(status.cluster === undefined ? 'cluster: not answering' : `cluster: ${status.cluster.clusterId}, ${status.cluster.brokers.length} broker(s) answering`)
      console.log(`data: ${status.dir}`)
      if (status.cluster === undefined) process.exitCode = 1
    })
  return kafka
}
