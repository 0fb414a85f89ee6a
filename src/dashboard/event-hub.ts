// Server-sent events: one timer pushes the live snapshot to every open stream, alerts and triage go out as they happen.
import type { ServerResponse } from 'node:http'
import { maskMsisdnsInText } from '../domain/msisdn.ts'
import type { LiveSnapshot, LiveSource } from './live-source.ts'

/** A stream this far behind (bytes queued) is dropped rather than buffered without end. */
const MAX_QUEUED_BYTES = 1 << 20
/** Chart points kept for pages that open later: five minutes at one a second. */
const HISTORY_POINTS = 300

/** One point of the page's rolling charts, so a page opened (or reloaded) now starts with the last five minutes. */
export interface ChartPoint {
  readonly at: number
  readonly inPerSec: number
  readonly outPerSec: number
  readonly deadLettersPerSec: number
  readonly slidingCount: number
  readonly slidingAmount: number
}

export function chartPoint (snapshot: LiveSnapshot): ChartPoint {
  const { inPerSec, outPerSec, deadLettersPerSec } = snapshot.throughput
  let slidingCount = 0
  let slidingAmount = 0
  for (const market of snapshot.sliding5m) {
    slidingCount += market.count
    slidingAmount += market.sumAmount
  }
  return { at: snapshot.at, inPerSec, outPerSec, deadLettersPerSec, slidingCount, slidingAmount }
}

export interface EventHubOptions {
  readonly source: LiveSource
  /** How often the snapshot is pushed (default 1000 ms). */
  readonly pushIntervalMs?: number
  /** How often a comment line keeps idle proxies from closing the stream (default 15 s). */
  readonly heartbeatMs?: number
  /** Told the number of open streams whenever it changes. */
  readonly onClientCount?: (count: number) => void
  /** Told when the source's snapshot throws; the tick is skipped and the streams stay open. */
  readonly onError?: (error: unknown) => void
}

export interface EventHub {
  /** Starts streaming to a response whose headers are already written; it leaves when the connection closes. */
  add (response: ServerResponse): void
  /** Sends one event to every open stream (data is JSON-encoded, phone numbers masked). */
  broadcast (event: string, data: unknown): void
  readonly size: number
  /** The chart points of the last five minutes, oldest first. */
  history (): readonly ChartPoint[]
  /** Ends every stream and stops the timers. */
  close (): void
}

/** One SSE frame; JSON never contains a raw newline, so the data fits on one line. */
export function sseFrame (event: string, data: unknown): string {
  return `event: ${event}\ndata: ${maskMsisdnsInText(JSON.stringify(data))}\n\n`
}

export function createEventHub (options: EventHubOptions): EventHub {
  const clients = new Set<ServerResponse>()
  const changed = (): void => options.onClientCount?.(clients.size)
  const remove = (response: ServerResponse): void => {
    if (clients.delete(response)) changed()
  }
  const send = (response: ServerResponse, frame: string): void => {
    if (response.writableEnded || response.destroyed) { remove(response); return }
    if (response.writableLength > MAX_QUEUED_BYTES) { response.destroy(); remove(response); return }
    response.write(frame)
  }
  const sendAll = (frame: string): void => { for (const client of clients) send(client, frame) }
  const points: ChartPoint[] = []
  const remember = (snapshot: LiveSnapshot): LiveSnapshot => {
    points.push(chartPoint(snapshot))
    if (points.length > HISTORY_POINTS) points.shift()
    return snapshot
  }
  // Every tick is remembered, watched or not, so the charts have no gap when a page opens.
  const tick = (): void => {
    try {
      const snapshot = remember(options.source.snapshot())
      if (clients.size > 0) sendAll(sseFrame('snapshot', snapshot))
    } catch (error) {
      options.onError?.(error)
    }
  }

  const pushTimer = setInterval(tick, options.pushIntervalMs ?? 1000)
  const heartbeatTimer = setInterval(() => sendAll(`: heartbeat ${Date.now()}\n\n`), options.heartbeatMs ?? 15_000)
  pushTimer.unref()
  heartbeatTimer.unref()

  return {
    add (response) {
      clients.add(response)
      changed()
      response.on('close', () => remove(response))
      response.write('retry: 2000\n\n')
      send(response, sseFrame('history', points))
      try {
        send(response, sseFrame('snapshot', options.source.snapshot()))
      } catch (error) {
        options.onError?.(error)
      }
    },
    broadcast (event, data) {
      if (clients.size > 0) sendAll(sseFrame(event, data))
    },
    get size () { return clients.size },
    history: () => [...points],
    close () {
      clearInterval(pushTimer)
      clearInterval(heartbeatTimer)
      for (const client of clients) client.end()
      clients.clear()
      changed()
    }
  }
}
