// Operations endpoints: Prometheus /metrics, /health (the process answers), /ready (broker reachable, state restored), stored volumes.
import type { FastifyInstance } from 'fastify'
import { updateFromSnapshot, type Metrics } from '../metrics/registry.ts'
import type { Database } from '../store/store.ts'
import { parseInput } from './http-errors.ts'
import type { LiveSource } from './live-source.ts'
import { VolumesQuery } from './request-schemas.ts'
import { storedVolumes } from './volumes.ts'

export function registerOpsRoutes (app: FastifyInstance, source: LiveSource, metrics: Metrics): void {
  app.get('/metrics', async (_request, reply) => {
    updateFromSnapshot(metrics, source.snapshot())
    const body = await metrics.registry.metrics()
    return reply.header('content-type', metrics.registry.contentType).send(body)
  })

  app.get('/health', (_request, reply) => { void reply.send({ status: 'ok' }) })

  app.get('/ready', (_request, reply) => {
    const { ready, broker } = source.snapshot()
    const body = { ready, broker: { reachable: broker.reachable, brokers: broker.brokers, controller: broker.controller, error: broker.error } }
    void reply.code(ready ? 200 : 503).send(body)
  })
}

export function registerVolumeRoutes (app: FastifyInstance, store: Database): void {
  app.get('/api/volumes', async (request) => {
    const query = parseInput(VolumesQuery, request.query, 'query')
    return storedVolumes(store, query.range, query.at)
  })
}
