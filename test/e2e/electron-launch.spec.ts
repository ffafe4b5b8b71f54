import { _electron as electron, expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { installedElectron } from './harness/electron-binary'

const binary = installedElectron()
if ('missing' in binary) console.log(`[electron-launch] skipped: ${binary.missing}`)
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

test.describe('the real Electron app', () => {
  // Runs wherever Electron is installed; elsewhere the skip reason says why.
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '')

  test('starts, shows its window, and answers through the real preload', async () => {
    if (!('path' in binary)) return
    const app = await electron.launch({ executablePath: binary.path, args: ['.'] })
    try {
      const page = await app.firstWindow()
      await expect(page).toHaveTitle('Trustpilot API Explorer')
      const result = await page.evaluate(() => window.api?.appInfo())
      expect(result).toMatchObject({ ok: true, value: { version: pkg.version } })
    } finally {
      await app.close()
    }
  })
})
