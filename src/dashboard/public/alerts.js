// The alert feed: search and filters over the store, live alerts from the event stream, acknowledge and resolve, the detail view.
import { apiGet, apiPost } from '/assets/api.js'
import { eatShort, el, fillRows } from '/assets/format.js'
import { openDetail } from '/assets/alert-detail.js'

/** Rows kept in the feed as live alerts arrive; older ones are a search away. */
const MAX_ROWS = 300
const $ = (selector) => document.querySelector(selector)

const state = { items: [], nextCursor: undefined, trimmed: false, reloadTimer: undefined, countsTimer: undefined }

export function analystName () {
  return $('#analyst').value.trim()
}

export function showError (message) {
  $('#alert-error').textContent = message
}

function filters () {
  const form = new FormData($('#alert-filters'))
  const value = (name) => String(form.get(name) ?? '').trim()
  return {
    severity: value('severity'), typology: value('typology'), status: value('status'), account: value('account'), text: value('text'),
    from: value('from') === '' ? '' : `${value('from')}:00+03:00`, to: value('to') === '' ? '' : `${value('to')}:00+03:00`
  }
}

/** Whether a live alert belongs in the feed under the current filters (account and text need the server: those reload). */
function matchesLocally (item, f) {
  if (f.account !== '' || f.text !== '' || f.from !== '' || f.to !== '') return undefined
  return (f.severity === '' || f.severity === item.severity) && (f.typology === '' || f.typology === item.typology) && (f.status === '' || f.status === item.status)
}

function actionButton (action, label, id) {
  return el('button', { type: 'button', className: `small ${action}`, dataset: { action, id } }, label)
}

function rowOf (item) {
  return el('tr', { dataset: { alertId: item.alert_id, status: item.status, severity: item.severity } },
    el('td', { className: 'time', dataset: { label: 'Time' } }, eatShort(item.event_time)),
    el('td', { dataset: { label: 'Severity' } }, el('span', { className: `sev sev-${item.severity}` }, item.severity)),
    el('td', { dataset: { label: 'Typology' } }, item.typology),
    el('td', { className: 'account', dataset: { label: 'Account' } }, item.account_masked),
    el('td', { className: 'explanation', dataset: { label: 'Why' } }, item.explanation),
    el('td', { dataset: { label: 'Status' } }, el('span', { className: `status st-${item.status}` }, item.status)),
    el('td', { className: 'actions', dataset: { label: '' } },
      item.status === 'OPEN' ? actionButton('acknowledge', 'Acknowledge', item.alert_id) : null,
      item.status === 'RESOLVED' ? null : actionButton('resolve', 'Resolve…', item.alert_id),
      actionButton('details', 'Details', item.alert_id))
  )
}

function render () {
  fillRows($('#alerts tbody'), state.items.map(rowOf), 'No alerts match.')
  $('#more').hidden = state.nextCursor === undefined
  $('#alerts-trimmed').hidden = !state.trimmed
}

export async function loadAlerts (older = false) {
  try {
    const page = await apiGet('/api/alerts', { ...filters(), limit: 50, cursor: older ? state.nextCursor : undefined })
    state.items = older ? [...state.items, ...page.items] : page.items
    state.nextCursor = page.nextCursor ?? undefined
    state.trimmed = false
    render()
    showError('')
  } catch (error) {
    showError(`Alerts could not be loaded: ${error.message}`)
  }
}

export async function loadCounts () {
  try {
    const counts = await apiGet('/api/alerts/counts')
    $('#alert-summary').textContent = `${counts.total} alert${counts.total === 1 ? '' : 's'} · ${counts.byStatus.OPEN} open · ${counts.byStatus.ACKNOWLEDGED} acknowledged · ${counts.byStatus.RESOLVED} resolved`
    const select = $('#typology-filter')
    const chosen = select.value
    select.replaceChildren(el('option', { value: '' }, 'any typology'), ...counts.byTypology.map((t) => el('option', { value: t.typology }, `${t.typology} (${t.total})`)))
    select.value = chosen
  } catch (error) {
    $('#alert-summary').textContent = `Counts unavailable: ${error.message}`
  }
}

const later = (key, work, ms) => {
  clearTimeout(state[key])
  state[key] = setTimeout(work, ms)
}

/** A live alert from the event stream. */
export function onLiveAlert (item) {
  later('countsTimer', loadCounts, 1000)
  const matches = matchesLocally(item, filters())
  if (matches === undefined) { later('reloadTimer', () => loadAlerts(), 500); return }
  if (!matches || state.items.some((i) => i.alert_id === item.alert_id)) return
  state.items.unshift(item)
  if (state.items.length > MAX_ROWS) {
    state.items.length = MAX_ROWS
    state.nextCursor = undefined
    state.trimmed = true
  }
  render()
}

/** A triage change, from this page or another analyst's. */
export function onTriage (view) {
  const item = state.items.find((i) => i.alert_id === view.alert_id)
  later('countsTimer', loadCounts, 1000)
  if (item === undefined) return
  Object.assign(item, { status: view.status, triaged_by: view.triaged_by, triaged_at: view.triaged_at })
  render()
}

export async function triage (action, id, note) {
  const by = analystName()
  if (by === '') {
    showError('Type your name in "Analyst" first: every triage records who did it.')
    $('#analyst').focus()
    return false
  }
  try {
    const body = action === 'resolve' && note ? { by, note } : { by }
    onTriage(await apiPost(`/api/alerts/${encodeURIComponent(id)}/${action}`, body))
    showError('')
    return true
  } catch (error) {
    showError(`${action === 'resolve' ? 'Resolve' : 'Acknowledge'} failed: ${error.message}`)
    return false
  }
}

export function startAlertFeed () {
  const analyst = $('#analyst')
  analyst.value = localStorage.getItem('pesaflow.analyst') ?? ''
  analyst.addEventListener('change', () => localStorage.setItem('pesaflow.analyst', analyst.value.trim()))
  $('#alert-filters').addEventListener('submit', (event) => { event.preventDefault(); void loadAlerts() })
  $('#alert-filters').addEventListener('reset', () => setTimeout(() => loadAlerts(), 0))
  $('#more').addEventListener('click', () => loadAlerts(true))
  $('#alerts tbody').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]')
    if (button === null) return
    const { action, id } = button.dataset
    if (action === 'acknowledge') void triage('acknowledge', id)
    else void openDetail(id, action === 'resolve', triage)
  })
  void loadAlerts()
  void loadCounts()
}
