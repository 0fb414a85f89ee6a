// Reading and driving the dashboard page in tests: figures by name, alert rows by id, waits that poll the DOM.
import type { Page } from 'playwright-core'

/** The little of the DOM these helpers touch inside the page. */
interface PageDocument {
  querySelector (selector: string): { textContent: string | null } | null
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number }
}

/** Patience for a condition, not a timing assertion: a healthy page meets these within a second or two. */
export const PATIENCE_MS = 15_000

/** The figure shown for a headline (data-kpi name), as a number: "1,234" → 1234; "–" → NaN. */
export async function kpiNumber (page: Page, name: string): Promise<number> {
  const text = await page.locator(`[data-kpi="${name}"]`).textContent()
  return Number((text ?? '').replace(/[^\d.]/g, '') || Number.NaN)
}

/** Waits until a headline's leading number exceeds `above`. */
export async function waitForKpiAbove (page: Page, name: string, above: number): Promise<void> {
  // Functions, not strings: the page's CSP forbids eval. The casts stand in for the DOM library this project does not load.
  await page.waitForFunction(([kpi, min]) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document
    const text = doc.querySelector(`[data-kpi="${kpi}"]`)?.textContent ?? ''
    return Number(text.replace(/[^\d.]/g, '') || Number.NaN) > min
  }, [name, above] as const, { timeout: PATIENCE_MS })
}

/** How far the page is wider than the screen (0 when nothing scrolls sideways). */
export async function horizontalOverflow (page: Page): Promise<number> {
  return page.evaluate(() => {
    const { documentElement } = (globalThis as unknown as { document: PageDocument }).document
    return documentElement.scrollWidth - documentElement.clientWidth
  })
}

export const alertRow = (id: string): string => `#alerts tr[data-alert-id="${id}"]`

/** Waits until the alert's row is in the feed with this status. */
export async function waitForAlertStatus (page: Page, id: string, status: string): Promise<void> {
  await page.waitForSelector(`${alertRow(id)}[data-status="${status}"]`, { timeout: PATIENCE_MS })
}

/** Waits until the event stream has delivered a snapshot (the connection pill says live). */
export async function waitForLive (page: Page): Promise<void> {
  await page.waitForSelector('#conn[data-state="ok"]', { timeout: PATIENCE_MS })
}
