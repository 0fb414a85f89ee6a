// The page's live panels: headline figures, status pills, volume by market, transaction types and consumer lag.
import { el, fillRows, formatCount, formatKes, formatLatency, formatRate } from '/assets/format.js'

const $ = (selector) => document.querySelector(selector)

function setKpi (name, text) {
  const node = document.querySelector(`[data-kpi="${name}"]`)
  if (node !== null) node.textContent = text
}

export function showThroughput ({ throughput, latencyMs }) {
  setKpi('inPerSec', formatRate(throughput.inPerSec))
  setKpi('outPerSec', formatRate(throughput.outPerSec))
  setKpi('deadLettersPerSec', formatRate(throughput.deadLettersPerSec))
  setKpi('inTotal', `${formatCount(throughput.totals.in)} total`)
  setKpi('outTotal', `${formatCount(throughput.totals.out)} total`)
  setKpi('deadLettersTotal', `${formatCount(throughput.totals.deadLetters)} total`)
  setKpi('p50', formatLatency(latencyMs.p50))
  setKpi('p99', formatLatency(latencyMs.p99))
  setKpi('latencySamples', `${formatCount(latencyMs.samples)} samples`)
}

function pill (node, state, text, title = '') {
  node.dataset.state = state
  node.textContent = text
  node.title = title
}

export function showConnection (state) {
  const text = { live: 'live', connecting: 'connecting…', stale: 'no updates', down: 'reconnecting…' }[state] ?? state
  pill($('#conn'), state === 'live' ? 'ok' : 'warn', text)
}

export function showHealth ({ broker, ready }) {
  const brokerText = broker.reachable ? `broker ok · ${broker.brokers} node${broker.brokers === 1 ? '' : 's'}` : 'broker unreachable'
  pill($('#broker'), broker.reachable ? 'ok' : 'bad', brokerText, broker.error ?? (broker.controller === null ? '' : `controller ${broker.controller}`))
  pill($('#ready'), ready ? 'ok' : 'warn', ready ? 'ready' : 'not ready')
}

/** rows: [{ market, count, sumAmount }]; the share bar is relative to the largest amount. */
export function showMarkets (rows, note) {
  const sorted = [...rows].sort((a, b) => b.sumAmount - a.sumAmount || a.market.localeCompare(b.market))
  const top = Math.max(1, ...sorted.map((r) => r.sumAmount))
  fillRows($('#markets tbody'), sorted.map((r) => el('tr', {},
    el('td', { dataset: { label: 'Market' } }, r.market),
    el('td', { className: 'num', dataset: { label: 'Count' } }, formatCount(r.count)),
    el('td', { className: 'num', dataset: { label: 'Volume' } }, formatKes(r.sumAmount)),
    el('td', { className: 'bar', dataset: { label: 'Share' } }, el('meter', { min: 0, max: top, value: r.sumAmount }))
  )), 'No transactions in this window yet.')
  $('#markets-note').textContent = note
}

export function showTypes (rows, note) {
  const total = Math.max(1, rows.reduce((sum, r) => sum + r.count, 0))
  fillRows($('#types tbody'), [...rows].sort((a, b) => b.count - a.count).map((r) => el('tr', {},
    el('td', { dataset: { label: 'Type' } }, r.transactionType),
    el('td', { className: 'num', dataset: { label: 'Count' } }, formatCount(r.count)),
    el('td', { className: 'num', dataset: { label: 'Share' } }, `${Math.round((r.count / total) * 100)}%`),
    el('td', { className: 'bar', dataset: { label: '' } }, el('meter', { min: 0, max: total, value: r.count }))
  )), 'No transactions yet.')
  $('#types-note').textContent = note
}

export function showLag (rows) {
  const sorted = [...rows].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  fillRows($('#lag tbody'), sorted.map((r) => el('tr', { className: BigInt(r.lag) > 0n ? 'lagging' : '' },
    el('td', { dataset: { label: 'Topic' } }, r.topic),
    el('td', { className: 'num', dataset: { label: 'Partition' } }, r.partition),
    el('td', { className: 'num', dataset: { label: 'Committed' } }, r.committed),
    el('td', { className: 'num', dataset: { label: 'End' } }, r.end),
    el('td', { className: 'num', dataset: { label: 'Lag' } }, r.lag),
    el('td', { dataset: { label: 'Consumer' } }, r.consumer)
  )), 'No partitions assigned.')
  const total = rows.reduce((sum, r) => sum + BigInt(r.lag), 0n)
  setKpi('lagTotal', total.toString())
}
