// Who gets in: the token on every route (header or query), loopback Host names without a token, same-origin writes only,
// and the page's own defences (CSP with a per-request nonce, an import map that carries the token to every module).
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { testServer, TOKEN } from './helpers.ts'

describe('with a token', () => {
  const { server } = testServer({ token: TOKEN })
  after(() => server.close())

  test('every route, existing or not, answers 401 without the token', async () => {
    for (const url of ['/', '/assets/app.js', '/assets/vendor/uPlot.esm.js', '/events', '/api/alerts', '/api/alerts/x', '/api/volumes', '/metrics', '/health', '/ready', '/nope']) {
      const response = await server.app.inject({ url })
      assert.equal(response.statusCode, 401, url)
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="pesaflow"')
      assert.equal(response.json<{ code: string }>().code, 'UNAUTHORIZED')
    }
    const post = await server.app.inject({ method: 'POST', url: '/api/alerts/x/acknowledge', payload: { by: 'a' } })
    assert.equal(post.statusCode, 401)
  })

  test('a wrong token, a token of another length, or another scheme is refused', async () => {
    for (const authorization of [`Bearer ${TOKEN.slice(0, -1)}x`, 'Bearer short', `Basic ${TOKEN}`]) {
      assert.equal((await server.app.inject({ url: '/health', headers: { authorization } })).statusCode, 401, authorization)
    }
    assert.equal((await server.app.inject({ url: '/health?token=wrong-token-0123456789' })).statusCode, 401)
  })

  test('the token is accepted as a Bearer header or as ?token=', async () => {
    assert.equal((await server.app.inject({ url: '/health', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200)
    assert.equal((await server.app.inject({ url: `/health?token=${TOKEN}` })).statusCode, 200)
    assert.equal((await server.app.inject({ url: `/assets/styles.css?token=${TOKEN}` })).statusCode, 200)
  })

  test('with a token any Host name is served (the token is the guard)', async () => {
    const response = await server.app.inject({ url: '/health', headers: { host: 'dashboard.example:8080', authorization: `Bearer ${TOKEN}` } })
    assert.equal(response.statusCode, 200)
  })

  test('the page hands the token on to its styles, its scripts (import map) and nothing inline runs without the nonce', async () => {
    const response = await server.app.inject({ url: `/?token=${TOKEN}` })
    assert.equal(response.statusCode, 200)
    const html = response.body
    const nonce = /<script type="importmap" nonce="([^"]+)">/.exec(html)?.[1]
    assert.ok(nonce !== undefined && nonce.length >= 16)
    assert.equal(response.headers['content-security-policy'],
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'`)
    assert.match(html, new RegExp(`<script type="module" src="/assets/app.js\\?token=${TOKEN}"></script>`))
    assert.match(html, new RegExp(`href="/assets/styles.css\\?token=${TOKEN}"`))
    const map = JSON.parse(/<script type="importmap"[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? '') as { imports: Record<string, string> }
    assert.equal(map.imports['/assets/vendor/uPlot.esm.js'], `/assets/vendor/uPlot.esm.js?token=${TOKEN}`)
    assert.equal(map.imports['/assets/alerts.js'], `/assets/alerts.js?token=${TOKEN}`)
    assert.equal(Object.values(map.imports).every((url) => url.endsWith(`?token=${TOKEN}`)), true)
    const second = await server.app.inject({ url: `/?token=${TOKEN}` })
    assert.notEqual(/nonce="([^"]+)"/.exec(second.body)?.[1], nonce)
  })
})

describe('without a token (loopback only)', () => {
  const { server } = testServer()
  after(() => server.close())

  test('loopback Host names are served, others refused (a rebound DNS name gets nothing)', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LOCALHOST']) {
      assert.equal((await server.app.inject({ url: '/health', headers: { host } })).statusCode, 200, host)
    }
    const refused = await server.app.inject({ url: '/api/alerts', headers: { host: 'attacker.example:8080' } })
    assert.equal(refused.statusCode, 403)
    assert.equal(refused.json<{ code: string }>().code, 'FORBIDDEN')
  })

  test('writes from another origin are refused before they reach the store', async () => {
    const response = await server.app.inject({
      method: 'POST', url: '/api/alerts/A/acknowledge', payload: { by: 'x' },
      headers: { host: '127.0.0.1:8080', origin: 'http://attacker.example' }
    })
    assert.equal(response.statusCode, 403)
    assert.equal(response.json<{ message: string }>().message, 'Cross-origin writes are refused.')
  })

  test('the page has no token to hand on, and security headers are set', async () => {
    const response = await server.app.inject({ url: '/' })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<script type="module" src="\/assets\/app.js"><\/script>/)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['referrer-policy'], 'no-referrer')
    assert.equal(response.headers['x-frame-options'], 'DENY')
    assert.equal(response.headers['cache-control'], 'no-store')
  })

  test('assets: our modules and uPlot from node_modules; nothing else, and no path escapes', async () => {
    const uplot = await server.app.inject({ url: '/assets/vendor/uPlot.esm.js' })
    assert.equal(uplot.statusCode, 200)
    assert.equal(uplot.headers['content-type'], 'text/javascript; charset=utf-8')
    assert.match(uplot.body, /export \{ uPlot as default \}/)
    assert.equal((await server.app.inject({ url: '/assets/vendor/uPlot.min.css' })).headers['content-type'], 'text/css; charset=utf-8')
    for (const url of ['/assets/index.html', '/assets/../server.ts', '/assets/%2e%2e/server.ts', '/assets/vendor/uPlot.cjs.js', '/assets/']) {
      const response = await server.app.inject({ url })
      assert.equal(response.statusCode, 404, url)
      assert.equal(response.json<{ code: string }>().code, 'NOT_FOUND')
    }
  })

  test('unknown routes and methods answer a JSON 404', async () => {
    const response = await server.app.inject({ method: 'DELETE', url: '/api/alerts' })
    assert.equal(response.statusCode, 404)
    assert.deepEqual(response.json(), { code: 'NOT_FOUND', message: 'No route DELETE /api/alerts.' })
  })
})
