// Starts, finds and stops the Java process of one local Kafka node, tracked by a pid file.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { PesaflowError } from '../errors.ts'
import { isProcessAlive } from '../os/process-alive.ts'
import type { NodeLayout } from './cluster-layout.ts'
import type { JavaRuntime } from './java-runtime.ts'

/** The pid of this node's broker if it is alive and really is this node's Kafka (not a recycled pid). */
export function runningPid (node: NodeLayout): number | undefined {
  if (!existsSync(node.pidFile)) return undefined
  const pid = Number(readFileSync(node.pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return cmdline.includes('kafka.Kafka') && cmdline.includes(node.propertiesFile) ? pid : undefined
  } catch {
    return isProcessAlive(pid) ? pid : undefined
  }
}


export async function portIsFree (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => { resolve(false) })
    server.listen(port, '127.0.0.1', () => { server.close(() => { resolve(true) }) })
  })
}

/** Formats the node's storage once (KRaft needs a cluster id on disk before the first start). */
export function formatStorage (runtime: JavaRuntime, node: NodeLayout, clusterId: string): void {
  if (existsSync(join(node.dataDir, 'meta.properties'))) return
  mkdirSync(node.dataDir, { recursive: true })
  const result = spawnSync(runtime.java, [
    ...logArgs(runtime, node), '-cp', runtime.classpath, 'kafka.tools.StorageTool',
    'format', '-t', clusterId, '-c', node.propertiesFile, '--ignore-formatted'
  ], { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new PesaflowError('BROKER_START_FAILED', `Formatting the storage of node ${node.nodeId} failed: ${(result.stdout + result.stderr).slice(-1500)}`)
  }
}

function logArgs (runtime: JavaRuntime, node: NodeLayout): string[] {
  return [`-Dlog4j2.configurationFile=${runtime.log4jConfig}`, `-Dkafka.logs.dir=${node.logsDir}`]
}

/** Launches the node in the background, detached, so it outlives the command that started it. */
export function launchNode (runtime: JavaRuntime, node: NodeLayout, heap: string): number {
  mkdirSync(node.logsDir, { recursive: true })
  const out = openSync(join(node.logsDir, 'stdout.log'), 'a')
  const child = spawn(runtime.java, [
    '-Xms256m', `-Xmx${heap}`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent', '-Djava.awt.headless=true', ...logArgs(runtime, node),
    '-cp', runtime.classpath, 'kafka.Kafka', node.propertiesFile
  ], { detached: true, stdio: ['ignore', out, out] })
  closeSync(out)
  if (child.pid === undefined) throw new PesaflowError('BROKER_START_FAILED', `Could not launch Java for node ${node.nodeId}`)
  child.unref()
  writeFileSync(node.pidFile, String(child.pid))
  return child.pid
}

/** SIGTERM, then wait for the process to exit (Kafka shuts down cleanly on SIGTERM); optionally SIGKILL after the wait. */
export async function stopNode (node: NodeLayout, timeoutMs: number, killAfterTimeout = false): Promise<boolean> {
  const pid = runningPid(node)
  if (pid === undefined) {
    rmSync(node.pidFile, { force: true })
    return false
  }
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline && killAfterTimeout) {
      process.kill(pid, 'SIGKILL')
      killAfterTimeout = false
    } else if (Date.now() > deadline + 10_000) {
      throw new PesaflowError('BROKER_STOP_TIMEOUT', `Node ${node.nodeId} (pid ${pid}) did not exit within ${timeoutMs / 1000}s after SIGTERM; see ${join(node.logsDir, 'server.log')}`)
    }
    await delay(100)
  }
  rmSync(node.pidFile, { force: true })
  return true
}

export function logTail (node: NodeLayout, lines = 20): string {
  for (const file of ['server.log', 'stdout.log']) {
    const path = join(node.logsDir, file)
    if (existsSync(path)) return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n')
  }
  return '(no log yet)'
}
