/** The e2e browser harness, for benchmarks that drive the renderer in Chromium. */
import type { BrowserContext, LaunchOptions, Page } from '@playwright/test'

/**
 * The browser harness lives with the e2e tests (DOM-typed, outside this Node project), so it is
 * loaded at run time; these are the few parts of it used here.
 */
interface Harness {
  chromiumLaunchOptions(): LaunchOptions
  serveStatic(dir: string): Promise<{ origin: string; close(): Promise<void> }>
  createHarnessHost(options: {
    appOrigin: string
    context: () => BrowserContext
  }): Promise<{ close(): Promise<void> }>
  bindApi(page: Page, host: unknown): Promise<() => void>
}

export async function loadHarness(): Promise<Harness> {
  const load = (file: string) => import(new URL(`../e2e/harness/${file}`, import.meta.url).href)
  const [browser, server, host, bind] = await Promise.all([
    load('browser.ts'),
    load('static-server.ts'),
    load('host.ts'),
    load('bind.ts'),
  ])
  return { ...browser, ...server, ...host, ...bind } as Harness
}
