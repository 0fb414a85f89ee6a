// Formatting for the page: counts, shillings, rates, latencies, EAT times; and a tiny DOM builder that never parses HTML.
const integer = new Intl.NumberFormat('en-KE', { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat('en-KE', { maximumFractionDigits: 1 })
const compact = new Intl.NumberFormat('en-KE', { notation: 'compact', maximumFractionDigits: 1 })

export const formatCount = (n) => integer.format(n)
export const formatRate = (n) => (n >= 100 ? integer.format(n) : oneDecimal.format(n))
export const formatCompact = (n) => compact.format(n)
export const formatKes = (n) => `KES ${n >= 1e6 ? compact.format(n) : integer.format(n)}`

export function formatLatency (ms) {
  if (ms === null || ms === undefined) return '–'
  if (ms >= 1000) return `${oneDecimal.format(ms / 1000)} s`
  return `${ms >= 10 ? integer.format(ms) : oneDecimal.format(ms)} ms`
}

/** "2026-11-29T14:03:05.123+03:00" → "14:03:05" (the stored times are already EAT). */
export const eatClock = (iso) => (typeof iso === 'string' ? iso.slice(11, 19) : '')
/** "2026-11-29T14:03:05.123+03:00" → "29 Nov 14:03". */
export function eatShort (iso) {
  if (typeof iso !== 'string') return ''
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(iso.slice(5, 7)) - 1]
  return `${Number(iso.slice(8, 10))} ${month} ${iso.slice(11, 16)}`
}
/** Epoch ms → EAT "HH:MM" (UTC+3, no daylight saving). */
export const eatHour = (ms) => new Date(ms + 3 * 3600_000).toISOString().slice(11, 16)

/** el('td', { className: 'x', dataset: { id } }, 'text', child…): text is always text, never markup. */
export function el (tag, props = {}, ...children) {
  const node = document.createElement(tag)
  const { dataset, ...rest } = props
  Object.assign(node, rest)
  if (dataset !== undefined) Object.assign(node.dataset, dataset)
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child))
  }
  return node
}

/** Replaces a table body's rows, with one spanning "empty" row when there are none. */
export function fillRows (tbody, rows, emptyText) {
  const columns = tbody.closest('table')?.querySelectorAll('thead th').length ?? 1
  tbody.replaceChildren(...(rows.length > 0 ? rows : [el('tr', { className: 'empty' }, el('td', { colSpan: columns }, emptyText))]))
}
