// A small HTTP endpoint for a process's own metrics (the processor's /metrics and /health), token-checked like the dashboard.
import { timingSafeEqual } from 'node:crypto'
import Fastify from 'fastify'
import type { Metrics } from './registry.ts'

export interface MetricsEndpoint { readonly url: string; close (): Promise<void> }

function authorized (header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '')
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

export async function serveMetrics (metrics: Metrics, options: { host: string; port: number; token: string | undefined }): Promise<MetricsEndpoint> {
  const app = Fastify({ logger: false })
  app.addHook('onRequest', async (request, reply) => {
    if (!authorized(request.headers.authorization, options.token)) await reply.code(401).send({ code: 'UNAUTHORIZED', message: 'a bearer token is required' })
  })
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()))
  app.get('/health', () => ({ status: 'ok' }))
  const url = await app.listen({ host: options.host, port: options.port })
  return { url, close: async () => { await app.close() } }
}
