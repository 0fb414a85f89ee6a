// The dashboard's HTTP server: the page, the event stream, the alert and volume API, metrics and health, behind one auth check.
import Fastify, { type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import type { Config } from '../config/config.ts'
import type { Logger } from '../log/logger.ts'
import type { Metrics } from '../metrics/registry.ts'
import type { Database } from '../store/store.ts'
import { installAuth, redactUrl } from './auth.ts'
import { createEventHub, type EventHub } from './event-hub.ts'
import { alertListItemOf } from './alert-view.ts'
import { errorReply, HttpError } from './http-errors.ts'
import type { LiveSource } from './live-source.ts'
import { registerPageRoutes } from './page.ts'
import { registerAlertRoutes } from './routes-alerts.ts'
import { registerOpsRoutes, registerVolumeRoutes } from './routes-ops.ts'

export interface DashboardServerOptions {
  readonly config: Config['dashboard']
  readonly source: LiveSource
  readonly store: Database
  readonly metrics: Metrics
  /** Defaults to a silent logger. Request URLs are logged with the token redacted. */
  readonly log?: Logger
  /** Snapshot push period of the event stream (default 1000 ms). */
  readonly pushIntervalMs?: number
  /** Heartbeat comment period of the event stream (default 15 s). */
  readonly heartbeatMs?: number
}

export interface DashboardServer {
  /** The fastify instance: tests call app.inject(). */
  readonly app: FastifyInstance
  readonly hub: EventHub
  /** Listens on config host and port; resolves to the base URL, e.g. http://127.0.0.1:8080. */
  listen (): Promise<string>
  /** Ends every event stream, stops listening and unsubscribes from the source (which the caller still owns and closes). */
  close (): Promise<void>
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY'
} as const

function installErrorHandling (app: FastifyInstance, log: Logger): void {
  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = errorReply(error)
    if (status >= 500) log.error({ err: error, url: redactUrl(request.url) }, 'dashboard request failed')
    if (status === 401) void reply.header('www-authenticate', 'Bearer realm="pesaflow"')
    return reply.code(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = errorReply(new HttpError('NOT_FOUND', `No route ${request.method} ${redactUrl(request.url.split('?')[0] ?? '').slice(0, 200)}.`))
    void reply.code(status).send(body)
  })
}

function installResponseHooks (app: FastifyInstance, log: Logger): void {
  app.addHook('onSend', (_request, reply, payload, done) => { void reply.headers(SECURITY_HEADERS); done(null, payload) })
  app.addHook('onResponse', (request, reply, done) => {
    log.debug({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'dashboard request')
    done()
  })
}

function registerEvents (app: FastifyInstance, hub: EventHub): void {
  app.get('/events', (_request, reply) => {
    // The stream outlives this handler: fastify lets go of the response and the hub owns it until it closes.
    void reply.hijack()
    reply.raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    hub.add(reply.raw)
  })
}

export function createDashboardServer (options: DashboardServerOptions): DashboardServer {
  const { config, source, store, metrics } = options
  const log = options.log ?? pino({ level: 'silent' })
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, routerOptions: { maxParamLength: 256 } })
  const hub = createEventHub({
    source,
    pushIntervalMs: options.pushIntervalMs,
    heartbeatMs: options.heartbeatMs,
    onClientCount: (count) => metrics.dashboardClients.set(count),
    onError: (error) => log.error({ err: error }, 'dashboard snapshot failed')
  })
  const unsubscribe = source.onAlert((alert) => {
    // A page that cannot be told about an alert must not break the source that delivers it.
    try {
      hub.broadcast('alert', alertListItemOf(alert))
    } catch (error) {
      log.error({ err: error }, 'dashboard could not broadcast an alert')
    }
  })

  installAuth(app, config.token)
  installErrorHandling(app, log)
  installResponseHooks(app, log)
  // Streams never end by themselves: end them first, or closing would wait for the browsers to hang up.
  app.addHook('preClose', (done) => { unsubscribe(); hub.close(); done() })

  registerPageRoutes(app, config.token)
  registerEvents(app, hub)
  registerAlertRoutes(app, store, hub)
  registerVolumeRoutes(app, store)
  registerOpsRoutes(app, source, metrics)

  return {
    app,
    hub,
    async listen () {
      await app.listen({ host: config.host, port: config.port })
      const address = app.server.address()
      const port = typeof address === 'object' && address !== null ? address.port : config.port
      const host = config.host.includes(':') ? `[${config.host}]` : config.host
      log.info({ url: `http://${host}:${port}`, token: config.token !== undefined }, 'dashboard listening')
      return `http://${host}:${port}`
    },
    close: () => app.close()
  }
}
