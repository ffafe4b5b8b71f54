/**
 * `npx tsx test/e2e/harness/viewer-screenshots.ts`: the response viewer in the harness at
 * 1280x820 and 900x600, light and dark: a JSON body with the find bar open (match count) and
 * wrapping on, and an HTML body in Preview. Writes build/screenshots/viewer-*.png.
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost } from './host'
import { serveStatic } from './static-server'

const root = join(import.meta.dirname, '../../..')
const outDir = join(root, 'build/screenshots')

const json = JSON.stringify({
  reviews: Array.from({ length: 400 }, (_, i) => ({
    id: `r${i}`,
    stars: (i % 5) + 1,
    title: `Review number ${i}`,
    text: 'Quick delivery, friendly support, would order again. '.repeat(i % 3 ? 1 : 6),
    consumer: { displayName: 'Mikkel J.', displayLocation: 'Berlin, DE' },
  })),
})
const html = `<!doctype html><html><head><title>502</title><style>
body{font-family:sans-serif;margin:2em;color:#333}h1{color:#b00}</style></head>
<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer in time.</p>
<script>document.body.append('script ran')</script></body></html>`

const origin = createServer((req, res) => {
  const page = req.url?.startsWith('/page')
  res.writeHead(200, { 'content-type': page ? 'text/html' : 'application/json' })
  res.end(page ? html : json)
})
await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`

async function sendTo(page: Page, url: string): Promise<void> {
  await page.getByTestId('new-request').click()
  await page.getByTestId('url').fill(url)
  await page.getByTestId('section-auth').click()
  await page.getByTestId('auth-none').check()
  await page.getByTestId('send').click()
  await page.getByTestId('response-status').waitFor()
  await page.locator('[data-testid="body-view"][data-loaded="true"]').waitFor()
}

const server = await serveStatic(join(root, 'out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
mkdirSync(outDir, { recursive: true })
try {
  for (const theme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [1280, 820],
      [900, 600],
    ] as const) {
      const context = await browser.newContext({
        viewport: { width, height },
        colorScheme: theme,
        deviceScaleFactor: 1,
      })
      const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
      try {
        const page = await context.newPage()
        await bindApi(page, host)
        await page.goto(`${server.origin}/index.html`)
        await page.getByTestId('nav-workbench').click()
        await sendTo(page, `${base}/reviews.json`)
        await page.getByTestId('wrap-toggle').click()
        await page.getByTestId('search-body').click()
        await page.keyboard.type('mikkel')
        await page.getByTestId('find-count').filter({ hasText: 'of' }).waitFor()
        await page.keyboard.press('Enter')
        await page.mouse.move(0, 0)
        const name = `viewer-${theme}-${width}`
        await page.screenshot({ path: join(outDir, `${name}-json.png`) })
        await sendTo(page, `${base}/page.html`)
        await page.getByTestId('mode-preview').click()
        await page.frameLocator('[data-testid="html-preview"]').locator('h1').waitFor()
        await page.screenshot({ path: join(outDir, `${name}-preview.png`) })
        console.log(`Wrote ${name}-*.png`)
      } finally {
        await context.close()
        await host.close()
      }
    }
  }
} finally {
  await browser.close()
  await server.close()
  origin.close()
}
