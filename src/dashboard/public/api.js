// The page's calls to its server: the token (from ?token=) on every request, JSON errors turned into readable messages.
const token = new URLSearchParams(window.location.search).get('token')

/** Query string for the event stream, which cannot send headers. */
export function eventsUrl () {
  return token === null ? '/events' : `/events?token=${encodeURIComponent(token)}`
}

function headers (extra) {
  return token === null ? extra : { ...extra, authorization: `Bearer ${token}` }
}

async function answer (response) {
  const body = await response.json().catch(() => ({}))
  if (!response.ok) {
    const error = new Error(body.message ?? `${response.status} ${response.statusText}`)
    error.code = body.code
    error.status = response.status
    throw error
  }
  return body
}

/** GET path with params (skipping empty values; arrays repeat the key). */
export async function apiGet (path, params = {}) {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== '') query.append(key, String(v))
  }
  const url = query.size === 0 ? path : `${path}?${query}`
  return answer(await fetch(url, { headers: headers({ accept: 'application/json' }) }))
}

export async function apiPost (path, body) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: 'application/json' }),
    body: JSON.stringify(body)
  }))
}
