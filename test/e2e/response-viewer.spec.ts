import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'

/**
 * The response viewer with bodies from a plain local server (not the API): a multi-MB JSON body
 * kept in main shows at once, pretty-printed, with no extra click; search counts its matches; long
 * lines wrap on demand; an HTML page previews in a sandboxed frame that runs no script.
 */

function bigJson(): string {
  const items: string[] = []
  for (let i = 0; i < 13_000; i++) {
    items.push(
      JSON.stringify({
        id: `r${i}`,
        title: i % 290 === 7 ? `Needle ${i}` : `Review ${i}`,
        text: 'Quick delivery, friendly support, would order again. '.repeat(4),
      }),
    )
  }
  return `{"reviews":[${items.join(',')}]}`
}

const PAGE = `<!doctype html><html><head><title>Maintenance</title></head><body>
<h1 id="h">Down for maintenance</h1>
<script>document.getElementById('h').textContent = 'script ran'; parent.document.title = 'pwned'</script>
<img src="http://127.0.0.1:9/tracker.gif"></body></html>`

let origin: Server
let base = ''
let requests: string[] = []
const big = bigJson()
const NEEDLES = big.split('Needle').length - 1

test.beforeAll(async () => {
  origin = createServer((req, res) => {
    requests.push(req.url ?? '')
    if (req.url?.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(PAGE)
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(big)
  })
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`
})

test.afterAll(() => new Promise<void>((r) => origin.close(() => r())))

/** A new request tab for `url`, sent with no authentication (the host is not the profile's). */
async function sendTo(app: Page, url: string): Promise<void> {
  await app.getByTestId('nav-workbench').click()
  await app.getByTestId('new-request').click()
  await app.getByTestId('url').fill(url)
  await app.getByTestId('section-auth').click()
  await app.getByTestId('auth-none').check()
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
}

test('a multi-MB JSON body shows pretty at once; search counts matches; wrap toggles', async ({
  app,
}) => {
  expect(big.length).toBeGreaterThan(3 * 1024 * 1024)
  await sendTo(app, `${base}/big.json`)
  const content = app.getByTestId('body-view').locator('.cm-content')
  // No "view it here" step: the first lines are there, pretty-printed.
  await expect(content).toContainText('"reviews": [')
  await expect(content).toContainText('"id": "r0"')
  await expect(app.getByTestId('large-choice')).toHaveCount(0)
  await expect(app.getByTestId('body-view')).toHaveAttribute('data-loaded', 'true', {
    timeout: 30_000,
  })

  await content.click()
  await app.keyboard.press('ControlOrMeta+Home')
  await app.keyboard.press('ControlOrMeta+f')
  await expect(app.getByTestId('find-input')).toBeFocused()
  await app.keyboard.type('needle')
  await expect(app.getByTestId('find-count')).toHaveText(`1 of ${NEEDLES}`)
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('find-count')).toHaveText(`2 of ${NEEDLES}`)
  await expect(content).toContainText('Needle')
  await app.keyboard.press('Shift+Enter')
  await app.keyboard.press('Shift+Enter')
  await expect(app.getByTestId('find-count')).toHaveText(`${NEEDLES} of ${NEEDLES}`)
  await expect(app.getByTestId('find-msg')).toHaveText('Wrapped around')

  const wrap = app.getByTestId('wrap-toggle')
  await expect(content).not.toHaveClass(/cm-lineWrapping/)
  await wrap.click()
  await expect(wrap).toHaveAttribute('aria-pressed', 'true')
  await expect(content).toHaveClass(/cm-lineWrapping/)
  await wrap.click()
  await expect(content).not.toHaveClass(/cm-lineWrapping/)
})

test('an HTML body previews in a sandboxed frame: no script runs, nothing is fetched', async ({
  app,
}) => {
  requests = []
  const title = await app.title()
  await sendTo(app, `${base}/page.html`)
  await expect(app.getByTestId('body-view').locator('.cm-content')).toContainText('<h1 id="h">')
  await app.getByTestId('mode-preview').click()
  const frame = app.getByTestId('html-preview')
  await expect(frame).toHaveAttribute('sandbox', '')
  await expect(app.frameLocator('[data-testid="html-preview"]').locator('h1')).toHaveText(
    'Down for maintenance',
  )
  expect(await app.title()).toBe(title)
  expect(requests).toEqual(['/page.html'])
  await app.getByTestId('mode-source').click()
  await expect(app.getByTestId('body-view')).toBeVisible()
})
