// Who may talk to the dashboard: a bearer token compared in constant time, loopback Host names, same-origin writes.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpError } from './http-errors.ts'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Constant time in the token's content and length: both sides are hashed to 32 bytes before comparing. */
export function tokenMatches (expected: string, given: string | undefined): boolean {
  if (given === undefined) return false
  return timingSafeEqual(digest(expected), digest(given))
}

/** The token a request carries: `Authorization: Bearer …`, else `?token=…` (a page, its assets, an EventSource). */
export function requestToken (authorization: string | undefined, url: string): string | undefined {
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')
  if (bearer?.[1] !== undefined) return bearer[1]
  const query = url.indexOf('?')
  if (query < 0) return undefined
  return new URLSearchParams(url.slice(query + 1)).get('token') ?? undefined
}

/** Replaces the token in a URL before it is logged. */
export function redactUrl (url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The host name of a Host header value, without its port. */
export function hostName (host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '')
}

function hostRefusal (request: FastifyRequest): HttpError | undefined {
  // Without a token the only guard is loopback: refuse other Host names so a rebound DNS name cannot read the API.
  if (LOOPBACK_NAMES.has(hostName(request.headers.host ?? '').toLowerCase())) return undefined
  return new HttpError('FORBIDDEN', 'Without DASHBOARD_TOKEN the dashboard answers only to 127.0.0.1, localhost or [::1].')
}

function tokenRefusal (request: FastifyRequest, token: string): HttpError | undefined {
  if (tokenMatches(token, requestToken(request.headers.authorization, request.url))) return undefined
  return new HttpError('UNAUTHORIZED', 'This dashboard needs its token: send "Authorization: Bearer <token>" or add ?token=<token> to the URL.')
}

function originRefusal (request: FastifyRequest): HttpError | undefined {
  const origin = request.headers.origin
  if (request.method === 'GET' || request.method === 'HEAD' || origin === undefined) return undefined
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = ''
  }
  return originHost === request.headers.host ? undefined : new HttpError('FORBIDDEN', 'Cross-origin writes are refused.')
}

/** Adds the checks every request (routes, 404s, the event stream) passes before anything else runs. */
export function installAuth (app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', (request, _reply, done) => {
    done((token === undefined ? hostRefusal(request) : tokenRefusal(request, token)) ?? originRefusal(request))
  })
}
