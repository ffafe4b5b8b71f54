/**
 * The app as a user quits and starts it again: every `start()` closes the last browser context,
 * then makes a fresh one and a new host on the same data folder, so whatever reappears was kept
 * by main on disk, not by the page. Uncaught renderer errors of every run are collected.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { Cipher } from '../../../electron/core/vault/cipher'
import { bindApi } from './bind'
import { createHarnessHost, type HarnessHost } from './host'
import { serveStatic } from './static-server'

const rendererDir = join(import.meta.dirname, '../../../out/renderer')

export interface RestartableApp {
  /** Starts the app (again): a new host and page; `cipher` replaces the default one for this run. */
  start(cipher?: Cipher): Promise<{ host: HarnessHost; page: Page }>
  /** Uncaught errors in the renderer, over every run. */
  errors: string[]
  /** Closes the last browser context and the static server. */
  close(): Promise<void>
}

export async function restartableApp(
  browser: Browser,
  options: { dataDir: string; cipher: Cipher; acceptDialogs?: boolean },
): Promise<RestartableApp> {
  const server = await serveStatic(rendererDir)
  const errors: string[] = []
  let context: BrowserContext | undefined
  return {
    errors,
    async start(cipher = options.cipher) {
      await context?.close()
      const ctx = await browser.newContext()
      context = ctx
      const host = await createHarnessHost({
        appOrigin: server.origin,
        context: () => ctx,
        dataDir: options.dataDir,
        cipher,
      })
      const page = await ctx.newPage()
      page.on('pageerror', (e) => errors.push(e.message))
      if (options.acceptDialogs) page.on('dialog', (d) => void d.accept())
      await bindApi(page, host)
      await page.goto(`${server.origin}/index.html`)
      return { host, page }
    },
    async close() {
      await context?.close()
      await server.close()
    },
  }
}
