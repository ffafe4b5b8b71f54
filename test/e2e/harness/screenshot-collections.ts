/**
 * `npx tsx test/e2e/harness/screenshot-collections.ts`: the Collections view after a run of a
 * chained demo collection (list reviews → get the first review, one failing check), with the
 * tree in the sidebar. Writes build/screenshots/collections.png (1280x820, light). Set
 * SCREENSHOT_THEME=dark, SCREENSHOT_SIZE=900x600, SCREENSHOT_VIEW=workbench (a saved request
 * open with its captures) and SCREENSHOT_OUT to look at other cases.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import type { CollectionTree, SavedRequest } from '../../../electron/shared/collection'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost } from './host'
import { serveStatic } from './static-server'

const root = join(import.meta.dirname, '../../..')
const out = process.env['SCREENSHOT_OUT'] ?? join(root, 'build/screenshots/collections.png')
const theme = process.env['SCREENSHOT_THEME'] === 'dark' ? 'dark' : 'light'
const [width, height] = (process.env['SCREENSHOT_SIZE'] ?? '1280x820').split('x').map(Number)
const view = process.env['SCREENSHOT_VIEW'] ?? 'collections'

const req = (r: Partial<SavedRequest> & Pick<SavedRequest, 'name' | 'url'>): SavedRequest => ({
  type: 'request',
  method: 'GET',
  query: [],
  headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
  auth: { kind: 'inherit' },
  ...r,
})

const demo: CollectionTree = {
  name: 'Support checks',
  variables: [
    { name: 'perPage', value: '5' },
    { name: 'partnerKey', value: 'demo-partner-key-123456', secret: true },
  ],
  items: [
    {
      type: 'folder',
      name: 'Reviews',
      items: [
        req({
          name: 'List reviews',
          url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
          query: [{ name: 'perPage', value: '{{perPage}}', enabled: true }],
          captures: [{ variable: 'reviewId', from: 'body', path: 'reviews[0].id' }],
          checks: [{ kind: 'json-exists', path: 'reviews[0].id' }],
        }),
        req({
          name: 'Get the first review',
          url: '{{apiBase}}/private/reviews/{{reviewId}}',
          checks: [{ kind: 'status', equals: '200' }],
        }),
        req({
          name: 'Expect five stars',
          url: '{{apiBase}}/private/reviews/{{reviewId}}',
          checks: [{ kind: 'json-equals', path: 'stars', equals: '99' }],
        }),
      ],
    },
    {
      type: 'folder',
      name: 'Invitations',
      items: [
        req({
          name: 'Templates',
          url: '{{invitationsBase}}/private/business-units/{{businessUnitId}}/templates',
        }),
      ],
    },
  ],
}

const server = await serveStatic(join(root, 'out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
const context = await browser.newContext({
  viewport: { width: width ?? 1280, height: height ?? 820 },
  colorScheme: theme,
  deviceScaleFactor: 1,
})
const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
try {
  await host.services.collections.createCollection(demo)
  const page = await context.newPage()
  await bindApi(page, host)
  await page.goto(`${server.origin}/index.html`)
  await page.getByTestId('coll-request-List reviews').waitFor()
  if (view === 'workbench') {
    await page.getByTestId('coll-request-List reviews').getByRole('button').first().click()
    await page.getByTestId('saved-extras-toggle').click()
    await page.getByTestId('send').click()
    await page.getByTestId('response-status').waitFor()
  } else {
    await page.getByTestId('collection-open-Support checks').click()
    await page.getByTestId('run-start').click()
    await page.getByText(/Finished:/).waitFor()
  }
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
