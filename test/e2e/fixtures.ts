import { test as base, expect, type Page } from '@playwright/test'
import { join } from 'node:path'
import { bindApi } from './harness/bind'
import { createHarnessHost, type HarnessHost } from './harness/host'
import { serveStatic, type StaticServer } from './harness/static-server'

const rendererDir = join(import.meta.dirname, '../../out/renderer')

interface Fixtures {
  /** The built renderer, served on 127.0.0.1. */
  server: StaticServer
  /** The real handler table and core in this process, as the main process would run them. */
  host: HarnessHost
  /** A page with `window.api` bound to `host`, already showing the app. */
  app: Page
}

/** The reusable e2e fixture: `test('...', async ({ app, host }) => { ... })`. */
export const test = base.extend<Fixtures>({
  // Playwright requires the object pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await serveStatic(rendererDir)
    await use(server)
    await server.close()
  },
  host: async ({ server, context }, use) => {
    const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
    await use(host)
    await host.close()
  },
  app: async ({ page, host, server }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await bindApi(page, host)
    await page.goto(`${server.origin}/index.html`)
    await use(page)
    expect(errors, 'uncaught errors in the renderer').toEqual([])
  },
})

export { expect }
