// The page's time series, drawn by uPlot: throughput, the sliding 5-minute volume, and the stored hours of the last day.
import uPlot from '/assets/vendor/uPlot.esm.js'
import { formatCompact, formatCount, formatKes, formatRate } from '/assets/format.js'

/** Five minutes of one-second points. */
const KEEP_POINTS = 300
const WINDOW_SECONDS = 300

const color = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
const chartHeight = () => (window.matchMedia('(max-width: 700px)').matches ? 170 : 220)

// Times on the page are East Africa Time, whatever the viewer's own zone.
const tzDate = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Africa/Nairobi')

function mount (target, options, data) {
  const chart = new uPlot({ ...options, tzDate, width: Math.max(target.clientWidth, 200), height: chartHeight() }, data, target)
  new ResizeObserver(() => chart.setSize({ width: Math.max(target.clientWidth, 200), height: chartHeight() })).observe(target)
  return chart
}

// The rolling charts always span the last five minutes, so a fresh page does not stretch its first points over years.
const lastFiveMinutes = (_u, _min, max) => {
  const end = max ?? Date.now() / 1000
  return [end - WINDOW_SECONDS, end]
}
const fromZero = (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1]
const compactAxis = (scale, side) => ({ ...(scale ? { scale } : {}), ...(side ? { side, grid: { show: false } } : {}), size: 64, values: (_u, ticks) => ticks.map(formatCompact) })

const line = (label, stroke, value, scale) => ({ label, stroke: color(stroke), width: 2, value: (_u, v) => (v === null ? '–' : value(v)), ...(scale ? { scale } : {}) })

/** A rolling chart: push(seconds, ...values) appends a point and drops the oldest beyond five minutes. */
function rolling (target, series, axes, scales = {}) {
  const columns = [[], ...series.map(() => [])]
  let redraw = 0
  const chart = mount(target, { series: [{}, ...series], axes: [{ space: 90 }, ...axes], scales: { x: { time: true, range: lastFiveMinutes }, y: { range: fromZero }, ...scales } }, columns)
  return {
    push (seconds, ...values) {
      columns[0].push(seconds)
      values.forEach((v, i) => columns[i + 1].push(v))
      if (columns[0].length > KEEP_POINTS) for (const column of columns) column.shift()
      // Many points at once (the history on connect) are drawn once, on the next frame.
      if (!redraw) redraw = requestAnimationFrame(() => { redraw = 0; chart.setData(columns) })
    }
  }
}

export function throughputChart (target) {
  return rolling(target, [
    line('in /s', '--c-in', formatRate),
    line('out /s', '--c-out', formatRate),
    line('dead letters /s', '--c-dead', formatRate)
  ], [compactAxis()])
}

export function slidingChart (target) {
  return rolling(target, [
    line('transactions (5 min)', '--c-in', formatCount),
    line('KES (5 min)', '--c-out', formatKes, 'kes')
  ], [compactAxis(), compactAxis('kes', 1)], { kes: { range: fromZero } })
}

/** Bars per stored hour; set(hours) replaces them all ({ start: epoch ms, count, sumAmount }). */
export function hoursChart (target) {
  const chart = mount(target, {
    series: [{}, { label: 'transactions', stroke: color('--c-in'), fill: color('--c-in-fill'), paths: uPlot.paths.bars({ size: [0.7, 60] }), points: { show: false }, value: (_u, v) => (v === null ? '–' : formatCount(v)) }],
    axes: [{}, compactAxis()],
    scales: { x: { time: true }, y: { range: fromZero } }
  }, [[], []])
  return {
    set (hours) {
      chart.setData([hours.map((h) => h.start / 1000), hours.map((h) => h.count)])
    }
  }
}
