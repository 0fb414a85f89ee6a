// The dashboard page's entry point: opens the event stream, feeds the panels and charts, refreshes stored volumes.
import { apiGet, eventsUrl } from '/assets/api.js'
import { startDetail } from '/assets/alert-detail.js'
import { onLiveAlert, onTriage, startAlertFeed } from '/assets/alerts.js'
import { hoursChart, slidingChart, throughputChart } from '/assets/charts.js'
import { eatHour } from '/assets/format.js'
import { showConnection, showHealth, showLag, showMarkets, showThroughput, showTypes } from '/assets/panels.js'

const STORED_REFRESH_MS = 30_000
const STALE_AFTER_MS = 5_000
const $ = (selector) => document.querySelector(selector)

const state = { snapshot: undefined, stored24h: undefined, storedHour: undefined, range: 'sliding5m', lastSnapshotAt: 0, lastPlottedAt: 0 }
const charts = {}

function marketView () {
  const { snapshot, stored24h, storedHour } = state
  if (state.range === 'sliding5m') return [snapshot?.sliding5m ?? [], 'Live: the 5-minute sliding window.']
  if (state.range === 'hour') {
    if (snapshot !== undefined && snapshot.currentHour.length > 0) return [snapshot.currentHour, 'Live: the current hour (early results, final when the hour closes).']
    return [storedHour?.markets ?? [], storedHour === undefined ? 'Loading…' : `From the store: the hour from ${eatHour(storedHour.hourStart)} EAT.`]
  }
  return [stored24h?.markets ?? [], stored24h === undefined ? 'Loading…' : `From the store: the 24 hours up to ${eatHour(stored24h.hourStart + 3_600_000)} EAT.`]
}

function renderMarkets () {
  const [rows, note] = marketView()
  showMarkets(rows, note)
}

function renderTypes () {
  const live = state.snapshot?.typeMix ?? []
  if (live.length > 0) showTypes(live, 'Live: the current hour.')
  else showTypes(state.stored24h?.types ?? [], 'From the store: the last 24 hours.')
}

function onSnapshot (snapshot) {
  state.snapshot = snapshot
  state.lastSnapshotAt = Date.now()
  showConnection('live')
  showThroughput(snapshot)
  showHealth(snapshot)
  showLag(snapshot.lag)
  renderMarkets()
  renderTypes()
  const { inPerSec, outPerSec, deadLettersPerSec } = snapshot.throughput
  const sliding = snapshot.sliding5m.reduce((sum, m) => ({ count: sum.count + m.count, amount: sum.amount + m.sumAmount }), { count: 0, amount: 0 })
  plot({ at: snapshot.at, inPerSec, outPerSec, deadLettersPerSec, slidingCount: sliding.count, slidingAmount: sliding.amount })
}

/** One chart point; points older than the newest plotted (a history replay after a reconnect) are skipped. */
function plot (point) {
  if (point.at <= state.lastPlottedAt) return
  state.lastPlottedAt = point.at
  charts.throughput.push(point.at / 1000, point.inPerSec, point.outPerSec, point.deadLettersPerSec)
  charts.sliding.push(point.at / 1000, point.slidingCount, point.slidingAmount)
}

async function refreshStored () {
  try {
    const [day, hour] = await Promise.all([apiGet('/api/volumes', { range: '24h' }), apiGet('/api/volumes', { range: 'hour' })])
    state.stored24h = day
    state.storedHour = hour
    charts.hours.set(day.hours)
    $('#hours-note').textContent = `Transactions per hour, stored, up to ${eatHour(day.hourStart + 3_600_000)} EAT.`
    renderMarkets()
    renderTypes()
  } catch (error) {
    $('#hours-note').textContent = `Stored volumes unavailable: ${error.message}`
  }
}

function connect () {
  const events = new EventSource(eventsUrl())
  events.addEventListener('open', () => showConnection('live'))
  events.addEventListener('error', () => showConnection('down'))
  events.addEventListener('history', (event) => { for (const point of JSON.parse(event.data)) plot(point) })
  events.addEventListener('snapshot', (event) => onSnapshot(JSON.parse(event.data)))
  events.addEventListener('alert', (event) => onLiveAlert(JSON.parse(event.data)))
  events.addEventListener('triage', (event) => onTriage(JSON.parse(event.data)))
  setInterval(() => {
    if (state.lastSnapshotAt > 0 && Date.now() - state.lastSnapshotAt > STALE_AFTER_MS) showConnection('stale')
  }, 1000)
}

function startRangeTabs () {
  for (const tab of document.querySelectorAll('[data-range]')) {
    tab.addEventListener('click', () => {
      state.range = tab.dataset.range
      for (const other of document.querySelectorAll('[data-range]')) other.setAttribute('aria-selected', String(other === tab))
      renderMarkets()
    })
  }
}

charts.throughput = throughputChart($('#throughput-chart'))
charts.sliding = slidingChart($('#sliding-chart'))
charts.hours = hoursChart($('#hours-chart'))
showConnection('connecting')
startRangeTabs()
startDetail()
startAlertFeed()
connect()
void refreshStored()
setInterval(refreshStored, STORED_REFRESH_MS)
