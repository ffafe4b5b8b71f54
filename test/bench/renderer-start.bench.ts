/**
 * Renderer start in the harness (Chromium, the built renderer, the real core behind `window.api`):
 * time from navigation start until the app is interactive (its navigation is shown, its profiles
 * loaded, and the main thread is free: the next frame plus a task), against a blank page's load
 * on the same origin, interleaved in the same run. Also the size of the main renderer chunk.
 * Targets: interactive ≤ 2.5 × the blank page; main chunk ≤ 600 kB.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { loadHarness } from './harness'
import { median } from './types'
import type { Benchmark, BenchMetric } from './types'

const root = join(import.meta.dirname, '../..')
const RUNS = 15
const RATIO_TARGET = 2.5
const CHUNK_TARGET_KB = 600

/**
 * Page-side: ms since navigation start until the app is interactive (its navigation drawn and the
 * main thread free: the next frame plus a task), and until its profiles are listed as well.
 */
const INTERACTIVE = `new Promise((resolve) => {
  const out = {}
  const when = (name, ready, then) => {
    const check = () => {
      if (ready()) requestAnimationFrame(() => setTimeout(() => { out[name] = performance.now(); then() }, 0))
      else requestAnimationFrame(check)
    }
    check()
  }
  when('interactive', () => document.querySelector('[data-testid="nav-workbench"]'), () =>
    when('profiles', () => document.querySelector('.profile-list [role="option"]'), () => resolve(out)))
})`

const BLANK_LOADED = `new Promise((resolve) => {
  const done = () => {
    const nav = performance.getEntriesByType('navigation')[0]
    if (nav && nav.loadEventEnd > 0) resolve(nav.loadEventEnd)
    else setTimeout(done, 5)
  }
  done()
})`

/** The entry chunk index.html loads (the main renderer chunk), in kB. */
async function mainChunkKb(): Promise<number> {
  const html = await readFile(join(root, 'out/renderer/index.html'), 'utf8')
  const src = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(html)?.[1]
  if (!src) throw new Error('no entry script in out/renderer/index.html')
  return (await stat(join(root, 'out/renderer', src))).size / 1000
}

const bench: Benchmark = {
  name: 'renderer start: interactive vs a blank page (harness, Chromium)',
  async run() {
    const assets = await readdir(join(root, 'out/renderer/assets'))
    if (!assets.length) throw new Error('run "npm run build:app" first')
    const { bindApi, chromiumLaunchOptions, createHarnessHost, serveStatic } = await loadHarness()
    const server = await serveStatic(join(root, 'out/renderer'))
    const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } })
    await context.route('**/blank.html', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html><head><title>blank</title></head><body></body></html>',
      }),
    )
    const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
    const blank: number[] = []
    const app: number[] = []
    const profiles: number[] = []
    const once = async (measure: (page: Page) => Promise<number>, into: number[]) => {
      const page = await context.newPage()
      try {
        into.push(await measure(page))
      } finally {
        await page.close()
      }
    }
    const blankLoad = async (page: Page) => {
      await page.goto(`${server.origin}/blank.html`)
      return page.evaluate<number>(BLANK_LOADED)
    }
    const appInteractive = async (page: Page) => {
      await bindApi(page, host)
      await page.goto(`${server.origin}/index.html`, { waitUntil: 'commit' })
      const t = await page.evaluate<{ interactive: number; profiles: number }>(INTERACTIVE)
      profiles.push(t.profiles)
      return t.interactive
    }
    try {
      // A first pair warms the browser and the core; then ABBA order.
      await once(blankLoad, [])
      await once(appInteractive, [])
      profiles.length = 0
      for (let i = 0; i < RUNS; i++) {
        if (i % 2 === 0) {
          await once(blankLoad, blank)
          await once(appInteractive, app)
        } else {
          await once(appInteractive, app)
          await once(blankLoad, blank)
        }
      }
    } finally {
      await browser.close()
      await host.close()
      await server.close()
    }
    const ratio = median(app) / median(blank)
    const chunk = await mainChunkKb()
    const spread = (xs: number[]) =>
      `min ${Math.min(...xs).toFixed(0)}, median ${median(xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} ms`
    const metrics: BenchMetric[] = [
      {
        name: 'renderer.interactive_ratio',
        value: ratio,
        unit: 'ratio',
        baseline: median(blank),
        ratio,
        target: `median interactive ≤ ${RATIO_TARGET} × a blank page's load (app ${spread(app)}; blank ${spread(blank)})`,
        pass: ratio <= RATIO_TARGET,
      },
      {
        name: 'renderer.main_chunk_kb',
        value: chunk,
        unit: 'kB',
        baseline: null,
        ratio: null,
        target: `main renderer chunk ≤ ${CHUNK_TARGET_KB} kB (minified)`,
        pass: chunk <= CHUNK_TARGET_KB,
      },
    ]
    return {
      rows: [
        { label: 'baseline: blank page, load event', samples: blank },
        { label: 'app: interactive (navigation drawn, main thread free)', samples: app },
        { label: 'app: profiles listed too (after its first IPC calls)', samples: profiles },
      ],
      metrics,
      verdict: {
        pass: metrics.every((m) => m.pass),
        text: `interactive ${median(app).toFixed(0)} ms vs blank ${median(blank).toFixed(0)} ms: ratio ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}); main chunk ${chunk.toFixed(0)} kB (target ≤ ${CHUNK_TARGET_KB})`,
      },
    }
  },
}

export default bench
