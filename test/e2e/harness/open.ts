/**
 * `npm run harness`: the e2e setup in a visible browser window, for exploring by hand. The built
 * renderer is served on 127.0.0.1 and `window.api` is bound to the real core in this process.
 * Without a display it re-runs itself under Xvfb (xvfb-run, from Debian's xvfb package).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost } from './host'
import { serveStatic } from './static-server'

if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['HARNESS_UNDER_XVFB']) {
  const result = spawnSync(
    'xvfb-run',
    ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, HARNESS_UNDER_XVFB: '1' },
    },
  )
  if (result.error) {
    console.error('No display and no xvfb-run: install it with "apt-get install -y xvfb".')
    process.exit(1)
  }
  process.exit(result.status ?? 1)
}

const server = await serveStatic(join(import.meta.dirname, '../../../out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: false })
const context = await browser.newContext({ viewport: { width: 1280, height: 820 } })
const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
const page = await context.newPage()
await bindApi(page, host)
await page.goto(`${server.origin}/index.html`)
console.log(
  `Harness open at ${server.origin}/index.html. Close the window or press Ctrl+C to stop.`,
)

const shutdown = async (): Promise<void> => {
  await browser.close().catch(() => undefined)
  await host.close()
  await server.close()
  process.exit(0)
}
page.on('close', () => void shutdown())
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
