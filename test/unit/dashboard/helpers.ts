// Shared pieces of the dashboard tests: a server on a fake source, a store stand-in for routes that never query, an SSE reader.
import { FakeLiveSource } from '../../../src/dashboard/fake-source.ts'
import { createDashboardServer, type DashboardServer } from '../../../src/dashboard/server.ts'
import { createMetrics, type Metrics } from '../../../src/metrics/registry.ts'
import type { Database } from '../../../src/store/store.ts'

/** For tests whose routes never reach the store: any query fails loudly. */
export const unusedStore: Database = {
  engine: 'pglite',
  schema: undefined,
  query: () => Promise.reject(new Error('this test should not query the store')),
  exec: () => Promise.reject(new Error('this test should not query the store')),
  transaction: () => Promise.reject(new Error('this test should not query the store')),
  close: () => Promise.resolve()
}

export interface TestServer {
  readonly server: DashboardServer
  readonly source: FakeLiveSource
  readonly metrics: Metrics
  /** The fake clock the source reads (epoch ms); move it with `clock.now = …`. */
  readonly clock: { now: number }
}

export const TOKEN = 'test-token-0123456789abcdef'

export function testServer (options: { store?: Database; token?: string; pushIntervalMs?: number; heartbeatMs?: number } = {}): TestServer {
  const clock = { now: Date.parse('2026-11-29T11:00:00.000Z') }
  const source = new FakeLiveSource({ now: () => clock.now })
  const metrics = createMetrics(undefined, { defaultMetrics: false })
  const server = createDashboardServer({
    config: { host: '127.0.0.1', port: 0, token: options.token },
    source, store: options.store ?? unusedStore, metrics,
    pushIntervalMs: options.pushIntervalMs, heartbeatMs: options.heartbeatMs
  })
  return { server, source, metrics, clock }
}

export interface SseEvent { readonly event: string; readonly data: unknown }

export interface SseReader {
  /** The next event with this name (earlier events of other names are passed over and kept in `seen`). */
  next (event: string): Promise<SseEvent>
  /** Reads on until a comment line (": …") starting with this text arrives. */
  comment (prefix: string): Promise<string>
  /** Resolves when the server ends the stream. */
  ended (): Promise<void>
  readonly seen: SseEvent[]
  readonly comments: string[]
  cancel (): Promise<void>
}

function parseFrame (frame: string): SseEvent | string | undefined {
  if (frame.startsWith(':')) return frame.slice(1).trim()
  const event = /^event: (.*)$/m.exec(frame)?.[1]
  const data = /^data: (.*)$/m.exec(frame)?.[1]
  return event === undefined || data === undefined ? undefined : { event, data: JSON.parse(data) as unknown }
}

/** Reads an event stream frame by frame. */
export async function openEventStream (url: string, headers: Record<string, string> = {}): Promise<{ response: Response; reader: SseReader }> {
  const response = await fetch(url, { headers })
  const body = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined
  const decoder = new TextDecoder()
  const seen: SseEvent[] = []
  const comments: string[] = []
  let buffer = ''
  let done = false
  const pull = async (): Promise<void> => {
    if (body === undefined) { done = true; return }
    const chunk = await body.read()
    if (chunk.done) { done = true; return }
    buffer += decoder.decode(chunk.value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const parsed = parseFrame(buffer.slice(0, end))
      buffer = buffer.slice(end + 2)
      if (typeof parsed === 'string') comments.push(parsed)
      else if (parsed !== undefined) seen.push(parsed)
    }
  }
  let cursor = 0
  const reader: SseReader = {
    seen,
    comments,
    async next (event) {
      for (;;) {
        while (cursor < seen.length) {
          const candidate = seen[cursor++] as SseEvent
          if (candidate.event === event) return candidate
        }
        if (done) throw new Error(`the stream ended before a ${event} event`)
        await pull()
      }
    },
    async comment (prefix) {
      for (;;) {
        const found = comments.find((c) => c.startsWith(prefix))
        if (found !== undefined) return found
        if (done) throw new Error(`the stream ended before a comment starting ${JSON.stringify(prefix)}`)
        await pull()
      }
    },
    async ended () {
      while (!done) await pull()
    },
    cancel: async () => { await body?.cancel() }
  }
  return { response, reader }
}

/** Polls a condition (for state that changes on another socket's events), with a generous guard. */
export async function eventually (condition: () => boolean, what: string, guardMs = 15_000): Promise<void> {
  const deadline = Date.now() + guardMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
