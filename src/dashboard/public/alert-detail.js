// The alert detail view: the one place the full account is shown, with transactions, triage history and the triage buttons.
import { apiGet } from '/assets/api.js'
import { eatShort, el } from '/assets/format.js'

const $ = (selector) => document.querySelector(selector)
let current

function fact (term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)]
}

function historyList (history) {
  if (history.length === 0) return el('p', { className: 'muted' }, 'No triage yet.')
  return el('ol', { className: 'history' }, ...history.map((h) =>
    el('li', {}, `${eatShort(h.at)} · ${h.by}: ${h.from_status} → ${h.to_status}`, h.note ? el('q', {}, h.note) : null)))
}

function show (alert) {
  $('#detail-title').textContent = `${alert.severity} · ${alert.typology}`
  $('#detail-facts').replaceChildren(
    ...fact('Alert', el('code', {}, alert.alert_id)),
    ...fact('Rule', `${alert.rule_id} v${alert.rule_version} · score ${alert.score}`),
    ...fact('Account', el('strong', { className: 'full-account' }, alert.account)),
    ...fact('Event time', alert.event_time),
    ...fact('Detected', alert.detected_at),
    ...fact('Why', alert.explanation),
    ...fact('Transactions', el('code', { className: 'tx-ids' }, alert.transaction_ids.join(', '))),
    ...fact('Status', el('span', { className: `status st-${alert.status}` }, alert.status),
      alert.triaged_by ? ` by ${alert.triaged_by} at ${eatShort(alert.triaged_at)}` : ''),
    ...(alert.note ? fact('Note', alert.note) : [])
  )
  $('#detail-history').replaceChildren(historyList(alert.history))
  $('#detail-ack').hidden = alert.status !== 'OPEN'
  $('#detail-resolve').hidden = alert.status === 'RESOLVED'
  $('#detail-note').closest('label').hidden = alert.status === 'RESOLVED'
  $('#detail-error').textContent = ''
}

/** Opens the detail of one alert; triage(action, id, note) performs a button's action. */
export async function openDetail (id, focusResolve, triage) {
  const dialog = $('#detail')
  try {
    current = { id, triage }
    show(await apiGet(`/api/alerts/${encodeURIComponent(id)}`))
    $('#detail-note').value = ''
    if (!dialog.open) dialog.showModal()
    if (focusResolve) $('#detail-note').focus()
  } catch (error) {
    $('#alert-error').textContent = `Alert ${id} could not be opened: ${error.message}`
  }
}

async function act (action) {
  if (current === undefined) return
  const done = await current.triage(action, current.id, $('#detail-note').value.trim())
  if (done) await openDetail(current.id, false, current.triage)
  else $('#detail-error').textContent = $('#alert-error').textContent
}

export function startDetail () {
  const dialog = $('#detail')
  $('#detail-ack').addEventListener('click', () => act('acknowledge'))
  $('#detail-resolve').addEventListener('click', () => act('resolve'))
  $('#detail-close').addEventListener('click', () => dialog.close())
  // The full number leaves the page with the dialog.
  dialog.addEventListener('close', () => { $('#detail-facts').replaceChildren(); current = undefined })
}
