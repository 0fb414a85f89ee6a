// The page and its assets: index.html with a per-request nonce and import map, our scripts and styles, uPlot's dist files.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { HttpError } from './http-errors.ts'

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url))
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
}

interface Asset { readonly body: Buffer; readonly type: string }

/** uPlot straight from its npm package: served as /assets/vendor/<name>, no CDN. */
const VENDOR_FILES = ['uPlot.esm.js', 'uPlot.min.css'] as const

/** Every servable asset by its path under /assets/, read once: a fixed list, so no request path reaches the file system. */
export function loadAssets (): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const name of readdirSync(PUBLIC_DIR)) {
    const type = CONTENT_TYPES[extname(name)]
    if (type !== undefined) assets.set(name, { body: readFileSync(join(PUBLIC_DIR, name)), type })
  }
  const require = createRequire(import.meta.url)
  for (const name of VENDOR_FILES) {
    const type = CONTENT_TYPES[extname(name)] as string
    assets.set(`vendor/${name}`, { body: readFileSync(require.resolve(`uplot/dist/${name}`)), type })
  }
  return assets
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The import map sends every module import to a URL carrying the token: a browser adds no header to module loads,
 * and a relative import would drop the page's query string.
 */
function importMap (assets: ReadonlyMap<string, Asset>, query: string): string {
  const imports = Object.fromEntries([...assets.keys()].filter((name) => name.endsWith('.js')).map((name) => [`/assets/${name}`, `/assets/${name}${query}`]))
  return JSON.stringify({ imports }).replace(/</g, '\\u003c')
}

export function contentSecurityPolicy (nonce: string): string {
  return [
    "default-src 'self'", `script-src 'self' 'nonce-${nonce}'`, "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"
  ].join('; ')
}

/** Renders index.html for one request: the token (already checked) travels on to the assets and the event stream. */
export function renderPage (template: string, assets: ReadonlyMap<string, Asset>, token: string | undefined, nonce: string): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  return template
    .replaceAll('{{nonce}}', nonce)
    .replaceAll('{{importmap}}', importMap(assets, query))
    .replaceAll('{{q}}', escapeHtml(query))
}

export function registerPageRoutes (app: FastifyInstance, token: string | undefined): void {
  const template = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8')
  const assets = loadAssets()

  app.get('/', async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64')
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .send(renderPage(template, assets, token, nonce))
  })

  app.get('/assets/*', async (request, reply) => {
    const name = (request.params as { '*': string })['*']
    const asset = assets.get(name)
    if (asset === undefined) throw new HttpError('NOT_FOUND', `No asset ${JSON.stringify(name.slice(0, 100))}.`)
    return reply.header('content-type', asset.type).header('cache-control', 'no-cache').send(asset.body)
  })
}
