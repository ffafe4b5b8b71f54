/**
 * Screenshots of the security UI (not part of the test run): the names of items that could not be
 * decrypted, and the missing-state confirmation. `npx tsx test/e2e/harness/security-shots.ts`
 * writes build/screenshots/security-*.png (or SHOTS_DIR) at 1280x820 and 900x600, light and dark.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { chromiumLaunchOptions } from './browser'
import { bindApi } from './bind'
import { createHarnessHost } from './host'
import { serveStatic } from './static-server'

const root = join(import.meta.dirname, '../../..')
const outDir = process.env['SHOTS_DIR'] ?? join(root, 'build/screenshots')
mkdirSync(outDir, { recursive: true })
const server = await serveStatic(join(root, 'out/renderer'))
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })

for (const [w, h] of [
  [1280, 820],
  [900, 600],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      viewport: { width: w, height: h },
      colorScheme: theme,
    })
    // A data folder written under one key, then opened under another: a locked keyring.
    const dataDir = mkdtempSync(join(tmpdir(), 'tp-shots-'))
    const first = await createHarnessHost({
      appOrigin: server.origin,
      context: () => context,
      dataDir,
      cipher: new NodeCryptoCipher({ key: randomBytes(32) }),
    })
    await first.services.tabs.save('{"version":1,"tabs":[]}')
    await first.close()
    const host = await createHarnessHost({
      appOrigin: server.origin,
      context: () => context,
      dataDir,
    })
    const page = await context.newPage()
    await bindApi(page, host)
    await page.goto(`${server.origin}/index.html`)
    await page.getByTestId('unreadable').waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(outDir, `security-locked-${w}-${theme}.png`) })
    await page.getByTestId('nav-profile').click()
    await page.getByTestId('unreadable-apiSecret').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(outDir, `security-field-${w}-${theme}.png`) })
    await host.close()

    // The missing-state confirmation, on a fresh app.
    const fresh = await createHarnessHost({ appOrigin: server.origin, context: () => context })
    const p2 = await context.newPage()
    await bindApi(p2, fresh)
    await p2.goto(`${server.origin}/index.html`)
    await p2.getByTestId('grant-implicit').click()
    await p2.getByTestId('run-grant').click()
    const login = await fresh.login.nextPage()
    await login.fill('#username', SANDBOX_DEFAULTS.username)
    await login.fill('#password', SANDBOX_DEFAULTS.password)
    await login.getByRole('button', { name: 'Continue with Google' }).click()
    await p2.getByTestId('confirm-missing-state').waitFor()
    await p2.getByTestId('confirm-missing-state').scrollIntoViewIfNeeded()
    await p2.screenshot({ path: join(outDir, `security-confirm-${w}-${theme}.png`) })
    await fresh.close()
    await context.close()
  }
}
await browser.close()
await server.close()
console.log(`Wrote ${outDir}/security-*.png`)
