/**
 * `npx tsx test/e2e/harness/screenshot.ts`: opens the built renderer headless in the harness (real
 * core, real sandbox), gets a token for the Sandbox profile and writes build/screenshots/app.png
 * (1280x820). Set SCREENSHOT_VIEW=trace|profile for other views, SCREENSHOT_VIEW=workbench for the
 * workbench with a private-reviews response (build/screenshots/workbench.png), SCREENSHOT_THEME=dark
 * for the dark theme, SCREENSHOT_OUT for another file.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost } from './host'
import { serveStatic } from './static-server'

const root = join(import.meta.dirname, '../../..')
const view = process.env['SCREENSHOT_VIEW'] ?? 'token'
const out =
  process.env['SCREENSHOT_OUT'] ??
  join(root, `build/screenshots/${view === 'workbench' ? 'workbench' : 'app'}.png`)
const theme = process.env['SCREENSHOT_THEME'] === 'dark' ? 'dark' : 'light'

const server = await serveStatic(join(root, 'out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
const context = await browser.newContext({
  viewport: { width: 1280, height: 820 },
  colorScheme: theme,
  deviceScaleFactor: 1,
})
const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
try {
  const page = await context.newPage()
  await bindApi(page, host)
  await page.goto(`${server.origin}/index.html`)
  await page.getByTestId('run-grant').click()
  await page.getByTestId('access-countdown').waitFor()
  // Let the countdown tick once so the screenshot shows the live value.
  await page.waitForTimeout(1200)
  if (view === 'workbench') {
    await page.getByTestId('endpoint-private.reviews.list').click()
    await page.getByTestId('query-value-stars').fill('5')
    await page.getByTestId('query-on-stars').check()
    await page.getByTestId('query-value-perPage').fill('5')
    await page.getByTestId('send').click()
    await page.getByTestId('response-status').waitFor()
    await page.waitForTimeout(300)
  } else if (view !== 'token') {
    await page.getByTestId(`nav-${view}`).click()
    if (view === 'trace')
      await page
        .locator('details.exchange')
        .first()
        .evaluate((d) => ((d as HTMLDetailsElement).open = true))
  }
  // Toasts are transient: leave them out of the picture.
  for (const b of await page.locator('.toast button[aria-label="Dismiss"]').all()) await b.click()
  await page.mouse.move(0, 0)
  mkdirSync(dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`Wrote ${out}`)
} finally {
  await browser.close()
  await host.close()
  await server.close()
}
