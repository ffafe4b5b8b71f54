/**
 * `npx tsx test/e2e/harness/journeys.ts [outDir]`: screenshots of the main journeys (token, trace,
 * profile, new profile, workbench with a response, history, dialogs, an error) at 1280x820 and at
 * the minimum window size 900x600, in the light and dark theme chosen in the app (the OS stays
 * light, as when a user picks dark by hand). Needs `npm run build:app` first.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost, type HarnessHost } from './host'
import { serveStatic } from './static-server'

const root = join(import.meta.dirname, '../../..')
const outDir = process.argv[2] ?? join(root, 'test-results/journeys')
const sizes = [
  { width: 1280, height: 820 },
  { width: 900, height: 600 },
]
const themes = ['light', 'dark'] as const

async function shot(page: Page, name: string): Promise<void> {
  for (const b of await page.locator('.toast button[aria-label="Dismiss"]').all()) {
    await b.click().catch(() => undefined)
  }
  await page.mouse.move(0, 0)
  await page.waitForTimeout(150)
  await page.screenshot({ path: join(outDir, `${name}.png`) })
}

async function journeys(page: Page, host: HarnessHost, tag: string): Promise<void> {
  await page.getByTestId('run-grant').click()
  await page.getByTestId('access-countdown').waitFor()
  await shot(page, `${tag}-01-token`)
  await page.getByTestId('nav-trace').click()
  await shot(page, `${tag}-02-trace`)
  await page.getByTestId('nav-profile').click()
  await shot(page, `${tag}-03-profile`)
  await page.getByTestId('new-profile').click()
  await shot(page, `${tag}-04-new-profile`)
  await page.getByTestId('input-name').fill('Demo')
  await page.getByRole('button', { name: 'Cancel' }).click()

  await page.getByTestId('endpoint-private.reviews.list').click()
  await page.getByTestId('query-value-perPage').fill('3')
  await page.getByTestId('send').click()
  await page.getByTestId('response-status').waitFor()
  await shot(page, `${tag}-05a-response`)
  await page.getByTestId('endpoint-private.reviews.get').click()
  await page.getByTestId('endpoint-private.reviews.list').click()
  await shot(page, `${tag}-05-workbench`)
  await page.getByTestId('sidebar-tab-history').click()
  await shot(page, `${tag}-06-history`)
  await page.getByTestId('sidebar-tab-endpoints').click()
  await page.getByTestId('new-request').click()
  await page.getByTestId('method').selectOption('POST')
  await page.getByTestId('section-body').click()
  await page.getByTestId('body-kind-json').check()
  await page.getByTestId('body-editor').locator('.cm-content').click()
  await page.keyboard.type('{"stars": 5,, "x": 1')
  await page.getByTestId('send').click()
  await shot(page, `${tag}-07-json-error`)
  await page.getByTestId('open-snippets').click()
  await page.waitForTimeout(300)
  await shot(page, `${tag}-08-snippets`)
  await page.keyboard.press('Escape')
  await page.getByTestId('open-transfer').click()
  await shot(page, `${tag}-09-transfer`)
  await page.keyboard.press('Escape')
  await page.keyboard.press('F1')
  await shot(page, `${tag}-10-help`)
  await page.keyboard.press('Escape')

  await host.services.profiles.save({
    name: 'Production',
    environment: {
      kind: 'custom',
      tokenUrl: 'http://127.0.0.1:9/v1/oauth/accesstoken',
      apiBase: 'http://127.0.0.1:9/v1',
    },
    apiKey: 'offline-key',
    defaultGrant: 'password',
  })
  await page.reload()
  await page.getByTestId('profile-Production').click()
  await page.getByTestId('nav-token').click()
  await page.getByTestId('grant-password').click()
  await shot(page, `${tag}-11-missing-fields`)
  await page.getByTestId('grant-client_credentials').click()
  await page.getByTestId('missing-apiSecret').click()
  await page.getByTestId('input-apiSecret').fill('offline-secret')
  await page.getByTestId('save-profile').click()
  await page.getByTestId('nav-token').click()
  await page.getByTestId('run-grant').click()
  await page.getByTestId('error-panel').waitFor()
  await shot(page, `${tag}-12-offline-error`)
}

mkdirSync(outDir, { recursive: true })
const server = await serveStatic(join(root, 'out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
try {
  for (const size of sizes) {
    for (const theme of themes) {
      const context = await browser.newContext({ viewport: size, colorScheme: 'light' })
      const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
      try {
        const page = await context.newPage()
        await page.addInitScript((t) => localStorage.setItem('tp-explorer:theme', t), theme)
        await bindApi(page, host)
        await page.goto(`${server.origin}/index.html`)
        await journeys(page, host, `${size.width}-${theme}`)
      } finally {
        await context.close()
        await host.close()
      }
    }
  }
  console.log(`Wrote ${outDir}`)
} finally {
  await browser.close()
  await server.close()
}
