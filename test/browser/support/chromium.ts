// Launching Debian's Chromium for browser tests through playwright-core: the flags these machines need and a throwaway profile.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless, no sandbox (root), and no attempts to reach the internet (see /work/shared/reference/browser-testing.md). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
]

export interface Chromium {
  readonly context: BrowserContext
  /** Closes the browser and deletes its profile. */
  close (): Promise<void>
}

/** Fails, never skips, when Chromium is missing: a browser test that did not run must not look like one that passed. */
export function requireChromium (path = CHROMIUM_PATH): void {
  if (!existsSync(path)) {
    throw new Error(`Chromium is not installed at ${path}: run "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH). The browser tests need a real browser.`)
  }
}

/** Starts Chromium with a fresh --user-data-dir (playwright passes it for a persistent context). */
export async function launchChromium (viewport = { width: 1366, height: 900 }): Promise<Chromium> {
  requireChromium()
  const profile = await mkdtemp(join(tmpdir(), 'pesaflow-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport,
      timezoneId: 'Africa/Nairobi'
    })
    return {
      context,
      close: async () => {
        await context.close()
        await rm(profile, { recursive: true, force: true })
      }
    }
  } catch (error) {
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}

/** Collects everything a page reports as an error: console errors, uncaught exceptions, failed requests. */
export function collectPageErrors (page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`) })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  page.on('requestfailed', (request) => {
    // An event stream cut by navigation or shutdown is not a page error.
    if (!request.url().includes('/events')) errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`)
  })
  return errors
}
