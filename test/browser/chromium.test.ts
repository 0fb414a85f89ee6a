// The browser launcher itself: a missing Chromium fails with a message that says how to install it, never a silent skip.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CHROMIUM_FLAGS, requireChromium } from './support/chromium.ts'

test('a missing Chromium is an error naming the path and the fix', () => {
  assert.throws(() => requireChromium('/nonexistent/chromium'),
    { message: 'Chromium is not installed at /nonexistent/chromium: run "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH). The browser tests need a real browser.' })
})

test('the launch flags keep Chromium headless, unsandboxed (root) and off the network', () => {
  assert.deepEqual(CHROMIUM_FLAGS, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'
  ])
})
