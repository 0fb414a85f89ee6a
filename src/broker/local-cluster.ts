// Runs a real Apache Kafka 4 cluster (KRaft, 1 or 3 nodes) on this machine from the Maven jars.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import { PesaflowError, describeError } from '../errors.ts'
import { createKafkaAdmin, type ClusterInfo } from '../kafka/admin.ts'
import { clusterLayout, type ClusterLayout, type LocalClusterSettings, type NodeLayout } from './cluster-layout.ts'
import { javaRuntime } from './java-runtime.ts'
import { formatStorage, launchNode, logTail, portIsFree, runningPid, stopNode } from './node-process.ts'
import { serverProperties } from './server-properties.ts'

export interface NodeStatus { readonly nodeId: number; readonly address: string; readonly pid: number | undefined }
export interface ClusterStatus {
  readonly name: string
  readonly dir: string
  readonly nodes: readonly NodeStatus[]
  /** Set when the cluster answered an admin request. */
  readonly cluster: ClusterInfo | undefined
}
export interface StartResult { readonly layout: ClusterLayout; readonly started: readonly number[]; readonly reused: readonly number[]; readonly info: ClusterInfo }

type Log = (line: string) => void

export async function startLocalCluster (settings: LocalClusterSettings, log: Log = () => {}, timeoutMs = 180_000): Promise<StartResult> {
  const layout = clusterLayout(settings)
  const runtime = javaRuntime(log)
  mkdirSync(layout.dir, { recursive: true })
  const clusterId = clusterIdOf(layout)
  const started: number[] = []
  const reused: number[] = []
  for (const node of layout.nodes) {
    if (runningPid(node) !== undefined) {
      reused.push(node.nodeId)
      continue
    }
    await ensurePortsFree(node)
    mkdirSync(node.dir, { recursive: true })
    writeFileSync(node.propertiesFile, serverProperties(layout, node))
    formatStorage(runtime, node, clusterId)
    launchNode(runtime, node, settings.heap)
    started.push(node.nodeId)
  }
  if (started.length > 0) log(`Starting Kafka ${layout.name}: node(s) ${started.join(', ')}; data in ${layout.dir}`)
  const info = await waitUntilReady(layout, timeoutMs)
  return { layout, started, reused, info }
}

/** The cluster id is made once per data folder and kept, as KRaft storage is formatted with it. */
function clusterIdOf (layout: ClusterLayout): string {
  if (existsSync(layout.clusterIdFile)) return readFileSync(layout.clusterIdFile, 'utf8').trim()
  let id = randomBytes(16).toString('base64url')
  while (id.startsWith('-')) id = randomBytes(16).toString('base64url')
  writeFileSync(layout.clusterIdFile, id)
  return id
}

async function ensurePortsFree (node: NodeLayout): Promise<void> {
  for (const port of [node.clientPort, node.controllerPort]) {
    if (!(await portIsFree(port))) {
      throw new PesaflowError('BROKER_PORT_TAKEN',
        `Port ${port} on 127.0.0.1 is taken by another program, so local Kafka node ${node.nodeId} cannot start. Free it (see \`ss -ltnp | grep ${port}\`), choose another with KAFKA_LOCAL_PORT, or point KAFKA_BROKERS at the broker that is listening there.`)
    }
  }
}

/** Ready means: every node answers and the cluster reports all of them as brokers. */
async function waitUntilReady (layout: ClusterLayout, timeoutMs: number): Promise<ClusterInfo> {
  const deadline = Date.now() + timeoutMs
  let lastError = 'no answer yet'
  while (Date.now() < deadline) {
    const dead = layout.nodes.find((n) => runningPid(n) === undefined)
    if (dead !== undefined) {
      throw new PesaflowError('BROKER_START_FAILED', `Kafka node ${dead.nodeId} exited during start-up. Last log lines:\n${logTail(dead)}`)
    }
    const info = await probe(layout.bootstrap)
    if (typeof info !== 'string' && info.brokers.length === layout.nodes.length) return info
    lastError = typeof info === 'string' ? info : `${info.brokers.length} of ${layout.nodes.length} brokers registered`
    await delay(500)
  }
  throw new PesaflowError('BROKER_START_TIMEOUT', `Kafka ${layout.name} did not answer within ${timeoutMs / 1000}s (${lastError}). Last log lines:\n${logTail(layout.nodes[0] as NodeLayout)}`)
}

async function probe (bootstrap: readonly string[]): Promise<ClusterInfo | string> {
  const admin = createKafkaAdmin({ brokers: bootstrap, local: true, clientId: 'pesaflow-probe', security: { tls: false } }, { retries: 0 })
  try {
    return await admin.clusterInfo()
  } catch (error) {
    return describeError(error)
  } finally {
    await admin.close().catch(() => {})
  }
}

export async function localClusterStatus (settings: LocalClusterSettings): Promise<ClusterStatus> {
  const layout = clusterLayout(settings)
  const nodes = layout.nodes.map((n) => ({ nodeId: n.nodeId, address: `127.0.0.1:${n.clientPort}`, pid: runningPid(n) }))
  const answer = nodes.some((n) => n.pid !== undefined) ? await probe(layout.bootstrap) : 'not running'
  return { name: layout.name, dir: layout.dir, nodes, cluster: typeof answer === 'string' ? undefined : answer }
}

/**
 * Stops the nodes one at a time, last first, so each shutdown is approved by a controller quorum.
 * The final node of a 3-node cluster has no quorum left to approve its controlled shutdown and would wait
 * forever: after `lastNodeGraceMs` it is killed, which KRaft recovers from like any crash (nothing acknowledged is lost).
 */
export async function stopLocalCluster (settings: LocalClusterSettings, timeoutMs = 120_000, lastNodeGraceMs = 20_000): Promise<number[]> {
  const layout = clusterLayout(settings)
  const stopped: number[] = []
  const running = [...layout.nodes].reverse().filter((node) => runningPid(node) !== undefined)
  for (const [index, node] of running.entries()) {
    const withoutQuorum = layout.nodes.length > 1 && index === running.length - 1
    if (await stopNode(node, withoutQuorum ? lastNodeGraceMs : timeoutMs, withoutQuorum)) stopped.push(node.nodeId)
  }
  return stopped.sort()
}
