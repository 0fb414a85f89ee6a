// Loads the configuration once, from environment and flags, into one frozen typed object.
import { isAbsolute, resolve } from 'node:path'
import type { z } from 'zod'
import { THREE_NODE_CLIENT_PORTS } from '../broker/cluster-layout.ts'
import { PesaflowError } from '../errors.ts'
import { projectRoot } from './paths.ts'
import { settings, type SettingName } from './settings.ts'

type Parsed = { [K in SettingName]: z.output<(typeof settings)[K]['schema']> }

export interface KafkaSecurity {
  readonly sasl?: { readonly mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; readonly username: string; readonly password: string }
  readonly tls: boolean
}

export interface Config {
  readonly kafka: {
    /** Bootstrap brokers; for the local cluster, its addresses. */
    readonly brokers: readonly string[]
    /** True when PesaFlow runs the cluster itself (KAFKA_BROKERS unset). */
    readonly local: boolean
    readonly clientId: string
    readonly security: KafkaSecurity
  }
  readonly localCluster: { readonly nodes: 1 | 3; readonly basePort: number; readonly heap: string; readonly dataDir: string }
  readonly topics: { readonly prefix: string; readonly partitions: number; readonly replicationFactor: number; readonly retentionMs: number }
  readonly store: { readonly databaseUrl: string | undefined; readonly dataDir: string }
  readonly dashboard: { readonly host: string; readonly port: number; readonly token: string | undefined }
  readonly logLevel: Parsed['logLevel']
}

/** Values given on the command line, by setting name; they win over the environment. */
export type ConfigOverrides = Partial<Record<SettingName, string | number | undefined>>

export function loadConfig (env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = parseSettings(env, overrides)
  return Object.freeze(assemble(parsed))
}

function parseSettings (env: NodeJS.ProcessEnv, overrides: ConfigOverrides): Parsed {
  const out: Record<string, unknown> = {}
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const override = overrides[name]
    const raw = override !== undefined ? String(override) : (env[setting.env] ?? setting.fallback)
    const result = setting.schema.safeParse(raw)
    if (!result.success) {
      const where = setting.flag === undefined ? setting.env : `${setting.env} (${setting.flag})`
      const allowed = result.error.issues.map((issue) => issue.message).join('; ')
      throw new PesaflowError('CONFIG_INVALID', `Invalid setting ${where}: ${JSON.stringify(raw)} is not allowed: ${allowed}. ${setting.describe}`)
    }
    out[name] = result.data
  }
  return out as Parsed
}

function assemble (p: Parsed): Config {
  const local = p.brokers.length === 0
  const nodes = p.localNodes as 1 | 3
  const dataDir = isAbsolute(p.dataDir) ? p.dataDir : resolve(projectRoot, p.dataDir)
  const localBrokers = nodes === 1 ? [`127.0.0.1:${p.localPort}`] : THREE_NODE_CLIENT_PORTS.map((port) => `127.0.0.1:${port}`)
  return {
    kafka: {
      brokers: local ? localBrokers : p.brokers,
      local,
      clientId: p.clientId,
      security: security(p)
    },
    localCluster: { nodes, basePort: p.localPort, heap: p.localHeap, dataDir },
    topics: {
      prefix: p.topicPrefix,
      partitions: p.partitions,
      replicationFactor: p.replicationFactor === '' ? (local ? nodes : 1) : p.replicationFactor,
      retentionMs: p.retentionHours * 3_600_000
    },
    store: {
      databaseUrl: p.databaseUrl === '' ? undefined : p.databaseUrl,
      dataDir: p.storeDir === '' ? resolve(dataDir, 'store') : (isAbsolute(p.storeDir) ? p.storeDir : resolve(projectRoot, p.storeDir))
    },
    dashboard: dashboard(p),
    logLevel: p.logLevel
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function dashboard (p: Parsed): Config['dashboard'] {
  const token = p.dashboardToken === '' ? undefined : p.dashboardToken
  if (!LOOPBACK.has(p.dashboardHost) && token === undefined) {
    throw new PesaflowError('CONFIG_INVALID', `Invalid setting DASHBOARD_HOST (--host): binding the dashboard to ${p.dashboardHost} requires DASHBOARD_TOKEN (at least 16 characters).`)
  }
  return { host: p.dashboardHost, port: p.dashboardPort, token }
}

function security (p: Parsed): KafkaSecurity {
  if (p.saslMechanism === '') return { tls: p.tls }
  if (p.saslUsername === '' || p.saslPassword === '') {
    throw new PesaflowError('CONFIG_INVALID', `Invalid setting KAFKA_SASL_MECHANISM: ${p.saslMechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.`)
  }
  return { tls: p.tls, sasl: { mechanism: p.saslMechanism, username: p.saslUsername, password: p.saslPassword } }
}
