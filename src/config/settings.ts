// Every configuration setting, declared once: its environment variable, CLI flag, schema, default and meaning.
import { z } from 'zod'

const brokerAddress = z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'host:port')
const booleanText = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')
const integerText = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

export const settings = {
  brokers: {
    env: 'KAFKA_BROKERS', flag: '--brokers',
    schema: z.string().trim().transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
      .pipe(z.array(brokerAddress)),
    fallback: '',
    describe: 'Comma list of bootstrap brokers (host:port). Set: use that cluster, never start a local broker. Empty: the local broker.'
  },
  clientId: {
    env: 'KAFKA_CLIENT_ID', flag: '--client-id', schema: z.string().min(1).max(200), fallback: 'pesaflow',
    describe: 'Kafka client id prefix.'
  },
  saslMechanism: {
    env: 'KAFKA_SASL_MECHANISM', flag: undefined, schema: z.enum(['', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']), fallback: '',
    describe: 'SASL mechanism for an existing secured cluster (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512); empty: none.'
  },
  saslUsername: {
    env: 'KAFKA_SASL_USERNAME', flag: undefined, schema: z.string(), fallback: '',
    describe: 'SASL user name.'
  },
  saslPassword: {
    env: 'KAFKA_SASL_PASSWORD', flag: undefined, schema: z.string(), fallback: '',
    describe: 'SASL password (never logged).'
  },
  tls: {
    env: 'KAFKA_TLS', flag: undefined, schema: booleanText, fallback: 'false',
    describe: 'Connect to the brokers over TLS (true/false).'
  },
  localNodes: {
    env: 'KAFKA_LOCAL_NODES', flag: '--nodes', schema: z.enum(['1', '3']).transform(Number), fallback: '1',
    describe: 'Nodes of the local cluster: 1 (port 9092) or 3 (ports 19092, 20092, 21092; RF 3, min ISR 2).'
  },
  localPort: {
    env: 'KAFKA_LOCAL_PORT', flag: '--port', schema: integerText(1024, 65000), fallback: '9092',
    describe: 'Client port of the single local node (its controller uses the next port).'
  },
  localHeap: {
    env: 'KAFKA_HEAP', flag: undefined, schema: z.string().regex(/^\d+[mg]$/, 'a size like 768m or 1g'), fallback: '1g',
    describe: 'Java heap of each local broker node.'
  },
  dataDir: {
    env: 'PESAFLOW_DATA_DIR', flag: '--data-dir', schema: z.string().min(1), fallback: '.pesaflow',
    describe: 'Folder for the local broker\'s data and logs (relative to the project root unless absolute).'
  },
  topicPrefix: {
    env: 'TOPIC_PREFIX', flag: '--topic-prefix', schema: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, . _ -'), fallback: '',
    describe: 'Prefix put before every topic name (isolates tests or tenants on a shared cluster).'
  },
  partitions: {
    env: 'TOPIC_PARTITIONS', flag: '--partitions', schema: integerText(1, 1000), fallback: '3',
    describe: 'Partitions of the transaction topic and of every topic co-partitioned with it.'
  },
  replicationFactor: {
    env: 'TOPIC_REPLICATION_FACTOR', flag: '--replication-factor', schema: z.union([z.literal(''), integerText(1, 7)]), fallback: '',
    describe: 'Replication factor of created topics; empty: 1 on one node, 3 on three.'
  },
  retentionHours: {
    env: 'TOPIC_RETENTION_HOURS', flag: '--retention-hours', schema: integerText(1, 1_000_000), fallback: '168',
    describe: 'Retention of the data topics in hours. Kafka ages records by their timestamp, the event time: traffic simulated further back than this is deleted.'
  },
  databaseUrl: {
    env: 'DATABASE_URL', flag: '--database-url', schema: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')]), fallback: '',
    describe: 'PostgreSQL for the alert store (e.g. postgresql://postgres@127.0.0.1:5432/test); empty: embedded PGlite in PESAFLOW_STORE_DIR.'
  },
  storeDir: {
    env: 'PESAFLOW_STORE_DIR', flag: '--store-dir', schema: z.string(), fallback: '',
    describe: 'Folder of the embedded alert store (PGlite) when DATABASE_URL is empty; default <PESAFLOW_DATA_DIR>/store.'
  },
  dashboardHost: {
    env: 'DASHBOARD_HOST', flag: '--host', schema: z.string().min(1), fallback: '127.0.0.1',
    describe: 'Address the dashboard binds to; anything but 127.0.0.1/localhost/::1 requires DASHBOARD_TOKEN.'
  },
  dashboardPort: {
    env: 'DASHBOARD_PORT', flag: '--dashboard-port', schema: integerText(0, 65535), fallback: '8080',
    describe: 'Port of the dashboard, its API, /metrics, /health and /ready (0: any free port).'
  },
  dashboardToken: {
    env: 'DASHBOARD_TOKEN', flag: undefined, schema: z.union([z.literal(''), z.string().min(16, 'at least 16 characters')]), fallback: '',
    describe: 'Bearer token required on every dashboard request (header Authorization: Bearer …, or ?token= for the page and its event stream). Required when not bound to loopback.'
  },
  logLevel: {
    env: 'LOG_LEVEL', flag: '--log-level', schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']), fallback: 'info',
    describe: 'Log level (logs are JSON lines on stderr; phone numbers masked).'
  }
} as const

export type SettingName = keyof typeof settings
