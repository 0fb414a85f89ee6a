// Alert history, search and triage over the alert store: list (masked), counts, one alert in full, acknowledge, resolve.
import type { FastifyInstance } from 'fastify'
import { formatEat } from '../domain/eat-time.ts'
import type { Severity } from '../pipeline/alerts.ts'
import {
  acknowledge, alertById, alertCounts, listAlerts, resolve as resolveAlert, StoreError,
  type AlertFilter, type Database, type TriageResult, type TriageStatus
} from '../store/store.ts'
import type { EventHub } from './event-hub.ts'
import { parseInput } from './http-errors.ts'
import { AcknowledgeBody, AlertFilterQuery, AlertIdParams, AlertListQuery, ResolveBody } from './request-schemas.ts'

type FilterQuery = ReturnType<typeof AlertFilterQuery.parse>

/** The validated query as the store's filter (the schemas already checked every value). */
function storeFilter (query: FilterQuery): AlertFilter {
  return {
    severity: query.severity as Severity[] | undefined,
    typology: query.typology,
    status: query.status,
    account: query.account,
    text: query.text,
    from: query.from,
    to: query.to
  }
}

/** The triage outcome as the API returns it (and the event stream tells other open pages). */
export interface TriageView { readonly alert_id: string; readonly from: TriageStatus; readonly status: TriageStatus; readonly triaged_by: string; readonly triaged_at: string }

const triageView = (result: TriageResult): TriageView => ({
  alert_id: result.alertId, from: result.from, status: result.to, triaged_by: result.by, triaged_at: formatEat(result.at.getTime())
})

export function registerAlertRoutes (app: FastifyInstance, store: Database, hub: EventHub): void {
  app.get('/api/alerts', async (request) => {
    const query = parseInput(AlertListQuery, request.query, 'query')
    return listAlerts(store, { ...storeFilter(query), limit: query.limit, cursor: query.cursor })
  })

  app.get('/api/alerts/counts', async (request) => {
    return alertCounts(store, storeFilter(parseInput(AlertFilterQuery, request.query, 'query')))
  })

  app.get('/api/alerts/:id', async (request, reply) => {
    const { id } = parseInput(AlertIdParams, request.params, 'alert id')
    const alert = await alertById(store, id)
    if (alert === undefined) throw new StoreError('ALERT_NOT_FOUND', `Alert ${id} does not exist.`)
    // The only answer with the full account: an analyst opened this alert.
    void reply.header('cache-control', 'no-store')
    return alert
  })

  app.post('/api/alerts/:id/acknowledge', async (request) => {
    const { id } = parseInput(AlertIdParams, request.params, 'alert id')
    const { by } = parseInput(AcknowledgeBody, request.body, 'body')
    const view = triageView(await acknowledge(store, id, by))
    hub.broadcast('triage', view)
    return view
  })

  app.post('/api/alerts/:id/resolve', async (request) => {
    const { id } = parseInput(AlertIdParams, request.params, 'alert id')
    const { by, note } = parseInput(ResolveBody, request.body, 'body')
    const view = triageView(await resolveAlert(store, id, by, note))
    hub.broadcast('triage', view)
    return view
  })
}
