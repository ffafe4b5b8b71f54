/**
 * The response viewer in Chromium with a 20 MB JSON body: time from clicking Send to the first
 * lines being visible, time until the whole (pretty-printed) body is loaded, and the longest
 * main-thread task while scrolling through it (PerformanceObserver 'longtask', plus the longest
 * gap between animation frames). Baseline in the same run: a 2 KB JSON response.
 * Targets: first lines under 1 s, longest task while scrolling under 200 ms.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type BrowserContext, type LaunchOptions, type Page } from '@playwright/test'
import { median } from './types'
import type { Benchmark, BenchRow } from './types'

const root = join(import.meta.dirname, '../..')
const BIG_BYTES = 20 * 1024 * 1024
const BIG_RUNS = 3
const SMALL_RUNS = 5
const FIRST_LINES_TARGET_MS = 1000
const LONG_TASK_TARGET_MS = 200

function bigJson(): string {
  const items: string[] = []
  let size = 20
  for (let i = 0; size < BIG_BYTES; i++) {
    const item = JSON.stringify({
      id: `r${i.toString(16).padStart(8, '0')}`,
      stars: (i % 5) + 1,
      title: `Review number ${i}`,
      text: 'Quick delivery, friendly support, would order again. '.repeat(3),
      consumer: { id: `c${i}`, displayName: 'Mikkel J.', displayLocation: 'Berlin, DE' },
      tags: [{ group: 'generic', value: i % 2 ? 'delivery' : 'support' }],
      createdAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    })
    items.push(item)
    size += item.length + 1
  }
  return `{"reviews":[${items.join(',')}],"needle":"END-OF-BODY"}`
}

function smallJson(): string {
  const reviews = Array.from({ length: 6 }, (_, i) => ({
    id: `r${i}`,
    stars: 5,
    title: 'Great',
    text: 'Quick delivery, friendly support, would order again.',
    consumer: { id: `c${i}`, displayName: 'Mikkel J.' },
  }))
  return JSON.stringify({ reviews })
}

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

async function loadHarness(): Promise<Harness> {
  const load = (file: string) => import(new URL(`../e2e/harness/${file}`, import.meta.url).href)
  const [browser, server, host, bind] = await Promise.all([
    load('browser.ts'),
    load('static-server.ts'),
    load('host.ts'),
    load('bind.ts'),
  ])
  return { ...browser, ...server, ...host, ...bind } as Harness
}

/** Page-side code is passed as text: this project has no DOM types, and none is needed. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration)
  }).observe({ type: 'longtask', buffered: true })
`
const RESET_LONG_TASKS = 'window.__longTasks = []'
const MAX_LONG_TASK = 'Math.max(0, ...(window.__longTasks || []))'

/** A new request tab for `url`, sent with no authentication (the host is not the profile's). */
async function prepare(page: Page, url: string): Promise<void> {
  await page.getByTestId('new-request').click()
  await page.getByTestId('url').fill(url)
  await page.getByTestId('section-auth').click()
  await page.getByTestId('auth-none').check()
}

/** Clicks Send in the page and resolves when the first body line has text and was painted. */
async function timeToFirstLines(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const t0 = performance.now()
    document.querySelector('[data-testid="send"]').click()
    await new Promise((resolve) => {
      const check = () => {
        const line = document.querySelector('[data-testid="body-view"] .cm-line')
        if (line && line.textContent) resolve()
        else requestAnimationFrame(check)
      }
      check()
    })
    // The frame that shows it.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    return performance.now() - t0
  })()`)
}

/** Scrolls the viewer top to bottom with the wheel and by jumps; the longest task and frame gap. */
async function scrollCost(page: Page): Promise<{ longTask: number; frameGap: number }> {
  await page.evaluate(RESET_LONG_TASKS)
  const scroller = page.getByTestId('body-view').locator('.cm-scroller')
  const box = (await scroller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const gapsDone = page.evaluate<number>(`(async () => {
    let last = performance.now()
    let worst = 0
    const end = performance.now() + 6000
    while (performance.now() < end) {
      await new Promise((r) => requestAnimationFrame(r))
      const now = performance.now()
      worst = Math.max(worst, now - last)
      last = now
    }
    return worst
  })()`)
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 1500)
    await page.waitForTimeout(16)
  }
  for (const at of [0.1, 0.35, 0.5, 0.75, 0.99, 0.2, 0.6]) {
    await scroller.evaluate(`(el) => { el.scrollTop = el.scrollHeight * ${at} }`)
    await page.waitForTimeout(120)
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 900)
      await page.waitForTimeout(16)
    }
  }
  const frameGap = await gapsDone
  const longTask = await page.evaluate<number>(MAX_LONG_TASK)
  return { longTask, frameGap }
}

/** Opens the search panel and finds a term near the end of the document. */
async function searchCost(page: Page): Promise<number> {
  await page.evaluate(RESET_LONG_TASKS)
  await page.getByTestId('body-view').locator('.cm-content').click()
  await page.keyboard.press('ControlOrMeta+f')
  await page.keyboard.type('END-OF-BODY')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(300)
  return page.evaluate<number>(MAX_LONG_TASK)
}

const bench: Benchmark = {
  name: 'response viewer: 20 MB JSON in Chromium (first lines, scrolling)',
  async run() {
    const big = bigJson()
    const small = smallJson()
    const origin: Server = createServer((req, res) => {
      const body = req.url?.startsWith('/big') ? big : small
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(body)
    })
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`
    const { bindApi, chromiumLaunchOptions, createHarnessHost, serveStatic } = await loadHarness()
    const server = await serveStatic(join(root, 'out/renderer'))
    const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const host = await createHarnessHost({ appOrigin: server.origin, context: () => context })
    try {
      const page = await context.newPage()
      await page.addInitScript(LONG_TASK_OBSERVER)
      await bindApi(page, host)
      await page.goto(`${server.origin}/index.html`)
      await page.getByTestId('nav-workbench').click()

      const smallFirst: number[] = []
      for (let i = 0; i < SMALL_RUNS; i++) {
        await prepare(page, `${base}/small.json?run=${i}`)
        smallFirst.push(await timeToFirstLines(page))
      }
      const bigFirst: number[] = []
      const bigLoaded: number[] = []
      const longTasks: number[] = []
      const frameGaps: number[] = []
      const searchTasks: number[] = []
      for (let i = 0; i < BIG_RUNS; i++) {
        await prepare(page, `${base}/big.json?run=${i}`)
        const t0 = Date.now()
        bigFirst.push(await timeToFirstLines(page))
        await page
          .locator('[data-testid="body-view"][data-loaded="true"]')
          .waitFor({ timeout: 60_000 })
        bigLoaded.push(Date.now() - t0)
        await page.waitForTimeout(300)
        const s = await scrollCost(page)
        longTasks.push(s.longTask)
        frameGaps.push(s.frameGap)
        searchTasks.push(await searchCost(page))
        await page.keyboard.press('Escape')
        // Close the tab so only one big document is alive at a time.
        await page.getByTestId('close-tab').last().click()
      }
      const rows: BenchRow[] = [
        { label: 'baseline: 2 KB JSON, click → first lines visible', samples: smallFirst },
        { label: '20 MB JSON, click → first lines visible', samples: bigFirst },
        { label: '20 MB JSON, click → whole pretty body loaded', samples: bigLoaded },
        { label: '20 MB JSON, longest task while scrolling', samples: longTasks },
        { label: '20 MB JSON, longest frame gap while scrolling', samples: frameGaps },
        { label: '20 MB JSON, longest task while searching (info)', samples: searchTasks },
      ]
      const first = median(bigFirst)
      const worstTask = Math.max(...longTasks)
      const pass = first < FIRST_LINES_TARGET_MS && worstTask < LONG_TASK_TARGET_MS
      return {
        rows,
        verdict: {
          pass,
          text:
            `first lines of ${(big.length / 1048576).toFixed(1)} MB JSON: median ${first.toFixed(0)} ms ` +
            `(target < ${FIRST_LINES_TARGET_MS} ms; 2 KB baseline ${median(smallFirst).toFixed(0)} ms); ` +
            `longest task while scrolling ${worstTask.toFixed(0)} ms (target < ${LONG_TASK_TARGET_MS} ms; ` +
            `long tasks are those over 50 ms, 0 = none)`,
        },
      }
    } finally {
      await browser.close()
      await host.close()
      await server.close()
      await new Promise((r) => origin.close(r))
    }
  },
}

export default bench
