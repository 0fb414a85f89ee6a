// Where each node of a local Kafka cluster listens and keeps its files (pure: no I/O).
import { join } from 'node:path'

export interface NodeLayout {
  readonly nodeId: number
  readonly clientPort: number
  readonly controllerPort: number
  readonly dir: string
  readonly dataDir: string
  readonly logsDir: string
  readonly propertiesFile: string
  readonly pidFile: string
}

export interface ClusterLayout {
  readonly name: string
  readonly dir: string
  readonly clusterIdFile: string
  readonly nodes: readonly NodeLayout[]
  /** controller.quorum.voters: every node votes (combined broker+controller mode). */
  readonly voters: string
  readonly bootstrap: readonly string[]
  readonly replicationFactor: number
  readonly minInsyncReplicas: number
}

export interface LocalClusterSettings { readonly nodes: 1 | 3; readonly basePort: number; readonly heap: string; readonly dataDir: string }

/**
 * Client ports of the three-node cluster (controllers one above). All below Linux's ephemeral range (32768 and up):
 * a listener there can find its port taken by some client connection's local end and fail to start.
 */
export const THREE_NODE_CLIENT_PORTS: readonly number[] = [19092, 20092, 21092]

/** One node: client port P, controller port P+1. Three nodes: THREE_NODE_CLIENT_PORTS with controllers one above. */
export function clusterLayout (settings: LocalClusterSettings): ClusterLayout {
  const name = settings.nodes === 1 ? `kafka-${settings.basePort}` : 'kafka-3nodes'
  const dir = join(settings.dataDir, name)
  const ports = settings.nodes === 1
    ? [{ client: settings.basePort, controller: settings.basePort + 1 }]
    : THREE_NODE_CLIENT_PORTS.map((client) => ({ client, controller: client + 1 }))
  const nodes = ports.map((p, index) => nodeLayout(dir, index + 1, p.client, p.controller))
  return {
    name,
    dir,
    clusterIdFile: join(dir, 'cluster-id'),
    nodes,
    voters: nodes.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(','),
    bootstrap: nodes.map((n) => `127.0.0.1:${n.clientPort}`),
    replicationFactor: settings.nodes,
    minInsyncReplicas: settings.nodes === 1 ? 1 : 2
  }
}

function nodeLayout (clusterDir: string, nodeId: number, clientPort: number, controllerPort: number): NodeLayout {
  const dir = join(clusterDir, `node-${nodeId}`)
  return {
    nodeId,
    clientPort,
    controllerPort,
    dir,
    dataDir: join(dir, 'data'),
    logsDir: join(dir, 'logs'),
    propertiesFile: join(dir, 'server.properties'),
    pidFile: join(dir, 'broker.pid')
  }
}
