/**
 * The response viewer in Chromium with 20 MB and 100 MB JSON bodies (through the real core, as
 * in the e2e harness): time from the response arriving to its first lines being visible (no
 * click), time until the whole pretty body is loaded, and the longest main-thread task and
 * animation frame while scrolling through it and while searching it. Baseline in the same run,
 * interleaved: a 2 KB JSON response, measured the same way.
 * Targets: first lines within 400 ms of the response arriving (100 MB); no task and no frame
 * above 50 ms while scrolling and searching (20 MB and 100 MB).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { loadHarness } from './harness'
import { median } from './types'
import type { Benchmark, BenchMetric, BenchRow } from './types'

const root = join(import.meta.dirname, '../..')
const MB = 1024 * 1024
/** Just under LARGE_BODY_LIMIT (100 MiB): the largest body shown with no click. */
const SIZES = { '20mb': 20 * MB, '100mb': 100 * MB - 64 * 1024 } as const
type Size = keyof typeof SIZES
const RUNS = 2
const FIRST_LINES_TARGET_MS = 400
const FRAME_TARGET_MS = 50

function bigJson(bytes: number): string {
  const items: string[] = []
  let size = 40
  for (let i = 0; size < bytes; i++) {
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
  return JSON.stringify({ reviews, needle: 'END-OF-BODY' })
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

/**
 * Clicks Send in the page; resolves with the time from the response arriving (the viewer shows
 * its status) to the first body line having text and being painted.
 */
async function timeToFirstLines(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const before = document.querySelector('[data-testid="response"]')?.dataset.responseId ?? ''
    document.querySelector('[data-testid="send"]').click()
    const until = (test) => new Promise((resolve) => {
      const check = () => (test() ? resolve(performance.now()) : requestAnimationFrame(check))
      check()
    })
    const arrived = await until(() => {
      const r = document.querySelector('[data-testid="response"]')
      return r && r.dataset.responseId && r.dataset.responseId !== before
    })
    await until(() => {
      const line = document.querySelector('[data-testid="body-view"] .cm-line')
      return line && line.textContent
    })
    // The frame that shows it.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    return performance.now() - arrived
  })()`)
}

/** Starts recording the longest gap between animation frames; stop() returns it. */
async function watchFrames(page: Page): Promise<{ stop(): Promise<number> }> {
  await page.evaluate(`(() => {
    window.__frames = { worst: 0, on: true }
    let last = performance.now()
    const tick = (now) => {
      window.__frames.worst = Math.max(window.__frames.worst, now - last)
      last = now
      if (window.__frames.on) requestAnimationFrame(tick)
    }
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick) })
  })()`)
  return {
    stop: () => page.evaluate<number>('(window.__frames.on = false, window.__frames.worst)'),
  }
}

/** Scrolls the viewer with the wheel and by jumps; the longest task and frame meanwhile. */
async function scrollCost(page: Page): Promise<{ longTask: number; frame: number }> {
  await page.evaluate(RESET_LONG_TASKS)
  const scroller = page.getByTestId('body-view').locator('.cm-scroller')
  const box = (await scroller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const frames = await watchFrames(page)
  for (let i = 0; i < 30; i++) {
    await page.mouse.wheel(0, 1500)
    await page.waitForTimeout(16)
  }
  for (const at of [0.1, 0.35, 0.5, 0.75, 0.99, 0.2, 0.6]) {
    await scroller.evaluate(`(el) => { el.scrollTop = el.scrollHeight * ${at} }`)
    await page.waitForTimeout(120)
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 900)
      await page.waitForTimeout(16)
    }
  }
  const frame = await frames.stop()
  const longTask = await page.evaluate<number>(MAX_LONG_TASK)
  return { longTask, frame }
}

/**
 * Opens the find bar, types a term that occurs once at the very end and one that occurs on every
 * review, steps through matches; the longest task and frame meanwhile.
 */
async function searchCost(page: Page): Promise<{ longTask: number; frame: number }> {
  await page.evaluate(RESET_LONG_TASKS)
  await page.getByTestId('body-view').locator('.cm-content').click()
  const frames = await watchFrames(page)
  await page.keyboard.press('ControlOrMeta+f')
  await page.keyboard.type('END-OF-BODY', { delay: 30 })
  await page.getByTestId('find-count').filter({ hasText: '1 of 1' }).waitFor({ timeout: 60_000 })
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('mikkel', { delay: 30 })
  await page.getByTestId('find-count').filter({ hasText: /of \d/ }).waitFor({ timeout: 60_000 })
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Enter')
    await page.waitForTimeout(50)
  }
  await page.waitForTimeout(200)
  const frame = await frames.stop()
  const longTask = await page.evaluate<number>(MAX_LONG_TASK)
  await page.keyboard.press('Escape')
  return { longTask, frame }
}

interface Run {
  first: number
  loaded: number
  /** Longest of (task, frame) while scrolling, and while searching. */
  scroll: number
  search: number
}

/** One response of `path` in a new tab: first lines, full load, scrolling and searching. */
async function measure(page: Page, url: string): Promise<Run> {
  await prepare(page, url)
  const t0 = Date.now()
  const first = await timeToFirstLines(page)
  await page.locator('[data-testid="body-view"][data-loaded="true"]').waitFor({ timeout: 240_000 })
  const loaded = Date.now() - t0
  await page.waitForTimeout(300)
  const s = await scrollCost(page)
  const f = await searchCost(page)
  // Close the tab so only one big document is alive at a time.
  await page.getByTestId('close-tab').last().click()
  return {
    first,
    loaded,
    scroll: Math.max(s.longTask, s.frame),
    search: Math.max(f.longTask, f.frame),
  }
}

const stats = (xs: number[]) =>
  `min ${Math.min(...xs).toFixed(0)}, median ${median(xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} ms`

const bench: Benchmark = {
  name: 'response viewer: 20 MB and 100 MB JSON in Chromium (first lines, scrolling, search)',
  async run() {
    const bodies = { '20mb': bigJson(SIZES['20mb']), '100mb': bigJson(SIZES['100mb']) }
    const small = smallJson()
    const origin: Server = createServer((req, res) => {
      const size = /\/big-(\w+)/.exec(req.url ?? '')?.[1] as Size | undefined
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(size ? bodies[size] : small)
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

      // Interleaved: a 2 KB baseline before each large body.
      const runs: Record<'small' | Size, Run[]> = { small: [], '20mb': [], '100mb': [] }
      let n = 0
      for (let i = 0; i < RUNS; i++) {
        for (const size of ['20mb', '100mb'] as const) {
          runs.small.push(await measure(page, `${base}/small.json?run=${n++}`))
          runs[size].push(await measure(page, `${base}/big-${size}.json?run=${n++}`))
        }
      }
      const col = (key: 'small' | Size, field: keyof Run) => runs[key].map((r) => r[field])
      const worst = (key: 'small' | Size) => runs[key].map((r) => Math.max(r.scroll, r.search))
      const rows: BenchRow[] = [
        { label: 'baseline 2 KB: response → first lines', samples: col('small', 'first') },
        { label: 'baseline 2 KB: longest task/frame, scrolling', samples: col('small', 'scroll') },
        { label: 'baseline 2 KB: longest task/frame, searching', samples: col('small', 'search') },
      ]
      for (const size of ['20mb', '100mb'] as const) {
        const mb = (bodies[size].length / MB).toFixed(0)
        rows.push(
          { label: `${mb} MB: response → first lines`, samples: col(size, 'first') },
          { label: `${mb} MB: send → whole pretty body loaded`, samples: col(size, 'loaded') },
          { label: `${mb} MB: longest task/frame, scrolling`, samples: col(size, 'scroll') },
          { label: `${mb} MB: longest task/frame, searching`, samples: col(size, 'search') },
        )
      }
      const smallFirst = median(col('small', 'first'))
      const smallWorst = median(worst('small'))
      const first100 = col('100mb', 'first')
      const metrics: BenchMetric[] = [
        {
          name: 'viewer.first_lines_ms.100mb',
          value: median(first100),
          unit: 'ms',
          baseline: smallFirst,
          ratio: median(first100) / smallFirst,
          target: `median ≤ ${FIRST_LINES_TARGET_MS} ms from the response arriving, no click (${stats(first100)})`,
          pass: median(first100) <= FIRST_LINES_TARGET_MS,
        },
        ...(['20mb', '100mb'] as const).map((size): BenchMetric => {
          const xs = worst(size)
          return {
            name: `viewer.longest_frame_ms.${size}`,
            value: Math.max(...xs),
            unit: 'ms',
            baseline: smallWorst,
            ratio: Math.max(...xs) / smallWorst,
            target: `no task or frame > ${FRAME_TARGET_MS} ms while scrolling and searching (worst of ${xs.length}; ${stats(xs)})`,
            pass: Math.max(...xs) <= FRAME_TARGET_MS,
          }
        }),
      ]
      return {
        rows,
        metrics,
        verdict: {
          pass: metrics.every((m) => m.pass),
          text: metrics
            .map(
              (m) => `${m.name} ${m.value.toFixed(0)} ms (baseline ${m.baseline?.toFixed(0)} ms)`,
            )
            .join('; '),
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
