// The dashboard in a real browser (Debian's Chromium), against the real server fed by a fake live source and an in-memory store.
// Scenarios: the page loads without errors, throughput rises as records flow, a committed alert appears in the feed with its
// account masked, acknowledging it in the page persists across a reload, the detail view alone shows the full number, the
// layout fits a phone, and requests without the token are refused. Screenshots go to test-output/.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { projectRoot } from '../../src/config/paths.ts'
import { alertById, applyBatch, openStore, type Database } from '../../src/store/store.ts'
import type { Page } from 'playwright-core'
import { collectPageErrors, launchChromium, type Chromium } from './support/chromium.ts'
import { browserAlert, seedLiveFigures, seedStoredHours, startDashboard, type DashboardFixture } from './support/dashboard-fixture.ts'
import { alertRow, horizontalOverflow, kpiNumber, PATIENCE_MS, waitForAlertStatus, waitForKpiAbove, waitForLive } from './support/dashboard-page.ts'

const OUTPUT_DIR = join(projectRoot, 'test-output')
const TOKEN = 'browser-test-token-0123456789'
const FULL_ACCOUNT = '254712345678'

describe('dashboard in Chromium', { timeout: 180_000 }, () => {
  let store: Database
  let dashboard: DashboardFixture
  let browser: Chromium

  before(async () => {
    browser = await launchChromium()
    store = await openStore()
    await seedStoredHours(store, Date.parse('2026-11-29T13:00:00.000+03:00'))
    dashboard = await startDashboard({ store, token: TOKEN })
    seedLiveFigures(dashboard.source)
    await mkdir(OUTPUT_DIR, { recursive: true })
  })

  after(async () => {
    await browser?.close()
    await dashboard?.close()
    await store?.close()
  })

  test('live figures, a new alert, acknowledging it in the page, and the detail view', async () => {
    const page = await browser.context.newPage()
    const errors = collectPageErrors(page)
    await page.goto(dashboard.url('/'))
    await waitForLive(page)

    // Throughput: records flow while the page watches (and until the screenshot); the rate and the total shown must rise.
    const totalBefore = await kpiNumber(page, 'inTotal')
    const flow = setInterval(() => dashboard.source.recordThroughput({ in: 40, out: 38, deadLetters: 1 }), 50)
    try {
      await waitForKpiAbove(page, 'inPerSec', 0)
      await waitForKpiAbove(page, 'inTotal', totalBefore)
      await alertScenario(page)
    } finally {
      clearInterval(flow)
    }
    assert.deepEqual(errors, [])
    await page.close()
  })

  /** A committed alert appears masked, is acknowledged in the page, stays so after a reload, and opens in full. */
  async function alertScenario (page: Page): Promise<void> {
    // An alert committed by the processor: stored by the sink, announced by the live source.
    const alert = browserAlert(1, FULL_ACCOUNT)
    await applyBatch(store, 'browser-test', { alerts: [alert], aggregates: [], offsets: [] })
    dashboard.source.pushAlert(alert)
    await waitForAlertStatus(page, alert.alert_id, 'OPEN')
    assert.equal(await page.locator(`${alertRow(alert.alert_id)} .account`).textContent(), '2547****5678')
    assert.equal((await page.locator('body').innerText()).includes(FULL_ACCOUNT), false)

    // Acknowledge through the page; the store records it, and a reload shows it from the store.
    await page.fill('#analyst', 'Wanjiku')
    await page.click(`${alertRow(alert.alert_id)} button[data-action="acknowledge"]`)
    await waitForAlertStatus(page, alert.alert_id, 'ACKNOWLEDGED')
    const stored = await alertById(store, alert.alert_id)
    assert.equal(stored?.status, 'ACKNOWLEDGED')
    assert.equal(stored?.triaged_by, 'Wanjiku')
    await page.reload()
    await waitForLive(page)
    await waitForAlertStatus(page, alert.alert_id, 'ACKNOWLEDGED')

    // The detail view is the one place with the full number.
    await page.click(`${alertRow(alert.alert_id)} button[data-action="details"]`)
    await page.waitForSelector('#detail[open] .full-account', { timeout: PATIENCE_MS })
    assert.equal(await page.locator('#detail .full-account').textContent(), FULL_ACCOUNT)
    await page.click('#detail-close')
    await page.waitForSelector('#detail:not([open])', { state: 'attached', timeout: PATIENCE_MS })
    assert.equal((await page.locator('body').innerText()).includes(FULL_ACCOUNT), false)
    await page.screenshot({ path: join(OUTPUT_DIR, 'dashboard.png'), fullPage: true })
  }

  test('filters narrow the feed, and an alert is resolved with a note from the detail view', async () => {
    const page = await browser.context.newPage()
    const errors = collectPageErrors(page)
    const low = browserAlert(2, '254711000002', { severity: 'LOW', typology: 'STRUCTURING' })
    const high = browserAlert(3, '254711000003', { severity: 'HIGH' })
    await applyBatch(store, 'browser-test', { alerts: [low, high], aggregates: [], offsets: [] })
    await page.goto(dashboard.url('/'))
    await waitForAlertStatus(page, low.alert_id, 'OPEN')
    await waitForAlertStatus(page, high.alert_id, 'OPEN')

    await page.selectOption('#alert-filters select[name="severity"]', 'LOW')
    await page.click('#alert-filters button[type="submit"]')
    await page.waitForSelector(alertRow(high.alert_id), { state: 'detached', timeout: PATIENCE_MS })
    assert.equal(await page.locator(alertRow(low.alert_id)).count(), 1)

    await page.selectOption('#alert-filters select[name="severity"]', '')
    await page.fill('#alert-filters input[name="account"]', '0711000003')
    await page.click('#alert-filters button[type="submit"]')
    await page.waitForSelector(alertRow(low.alert_id), { state: 'detached', timeout: PATIENCE_MS })
    await waitForAlertStatus(page, high.alert_id, 'OPEN')

    await page.fill('#analyst', 'Otieno')
    await page.click(`${alertRow(high.alert_id)} button[data-action="resolve"]`)
    await page.waitForSelector('#detail[open]', { timeout: PATIENCE_MS })
    await page.fill('#detail-note', 'Customer confirmed the transfer')
    await page.click('#detail-resolve')
    await page.waitForSelector('#detail[open] #detail-facts .status.st-RESOLVED', { timeout: PATIENCE_MS })
    await waitForAlertStatus(page, high.alert_id, 'RESOLVED')
    const stored = await alertById(store, high.alert_id)
    assert.deepEqual([stored?.status, stored?.triaged_by, stored?.note], ['RESOLVED', 'Otieno', 'Customer confirmed the transfer'])
    await page.click('#detail-close')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('on a phone-sized screen the page fits the width', async () => {
    const page = await browser.context.newPage()
    const errors = collectPageErrors(page)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(dashboard.url('/'))
    await waitForLive(page)
    await page.waitForSelector('#markets tbody tr td[data-label="Market"]', { timeout: PATIENCE_MS })
    assert.equal(await horizontalOverflow(page), 0)
    await page.screenshot({ path: join(OUTPUT_DIR, 'dashboard-phone.png'), fullPage: true })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('without the token the page, its assets and its event stream are refused', async () => {
    for (const path of ['/', '/assets/app.js', '/events', '/api/alerts']) {
      const response = await fetch(`${dashboard.base}${path}`)
      assert.equal(response.status, 401, path)
      await response.body?.cancel()
    }
  })
})
