import { existsSync } from 'node:fs'
import { chromium, type LaunchOptions } from '@playwright/test'

/** Flags for Chromium on a machine with no network but loopback, possibly as root. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function bundledChromium(): string {
  try {
    return chromium.executablePath()
  } catch {
    return ''
  }
}

/**
 * Debian's Chromium where present (Playwright cannot download browsers here), Playwright's own
 * browser otherwise, and a clear message naming both ways to get one when neither exists.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]
  for (const path of candidates) {
    if (path && existsSync(path)) return { executablePath: path, args: ARGS }
  }
  if (existsSync(bundledChromium())) return { args: ARGS }
  throw new Error(
    'No Chromium for the browser tests. Install Debian\'s ("apt-get install -y chromium", used from ' +
      '/usr/bin/chromium, or set CHROMIUM_PATH) or Playwright\'s own ("npx playwright install chromium").',
  )
}
