/**
 * Main-process stalls (event-loop delay, `monitorEventLoopDelay` at 1 ms resolution) while the
 * real workbench receives a 100 MB JSON response, keeps it, and serves it in slices raw and
 * pretty-printed as the viewer and Copy/Save would; and while history compacts. The server runs
 * in its own process so its work is not counted here. Baseline, interleaved in the same run: the
 * same cycle with a 2 KB response. Target: no stall above 30 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { HistoryStore } from '../../electron/core/workbench/history'
import { draftRequestSchema, type HistoryEntry } from '../../electron/shared/workbench'
import { createTestApp } from '../unit/helpers/app-services'
import { median } from './types'
import type { Benchmark, BenchMetric, BenchRow } from './types'

const REPS = 3
const STALL_TARGET_MS = 30
const SLICE_CHARS = 1024 * 1024
const BIG_BYTES = 100 * 1000 * 1000

/** A server in a child process: /big is ~100 MB of JSON, /small ~2 KB. Prints its port. */
const SERVER = `
const http = require('node:http')
const item = (i) => JSON.stringify({ id: 'r' + i, stars: (i % 5) + 1, title: 'Review number ' + i,
  text: 'Quick delivery, friendly support, would order again. '.repeat(3),
  consumer: { id: 'c' + i, displayName: 'Mikkel J.', displayLocation: 'Berlin, DE' } })
const parts = []
let size = 20
for (let i = 0; size < ${BIG_BYTES}; i++) { const s = item(i); parts.push(s); size += s.length + 1 }
const big = Buffer.from('{"reviews":[' + parts.join(',') + '],"end":true}')
const small = Buffer.from('{"reviews":[' + parts.slice(0, 6).join(',') + ']}')
http.createServer((req, res) => {
  const body = req.url.startsWith('/big') ? big : small
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
  res.end(body)
}).listen(0, '127.0.0.1', function () { console.log(this.address().port) })
`

async function startServer(): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)))
  })
  return { base: `http://127.0.0.1:${line.trim()}`, child }
}

interface Stall {
  /** monitorEventLoopDelay's longest delay (wall clock). */
  wall: number
  /**
   * The most CPU time the main thread used between two 1 ms ticks: the part of a stall this
   * process's own work caused. On a loaded machine a wall-clock stall also holds the time the
   * process waited for a CPU; this does not.
   */
  cpu: number
}

const threadCpuMs = () => {
  const u = process.threadCpuUsage()
  return (u.user + u.system) / 1000
}

/** The longest event-loop stall (ms) while `work` runs, by wall clock and by own CPU time. */
async function longestStall(work: () => Promise<void>): Promise<Stall> {
  const h = monitorEventLoopDelay({ resolution: 1 })
  let lastCpu = threadCpuMs()
  let cpu = 0
  const ticker = setInterval(() => {
    const now = threadCpuMs()
    cpu = Math.max(cpu, now - lastCpu)
    lastCpu = now
  }, 1)
  h.enable()
  try {
    await work()
    // Let a last delayed tick land in the histogram.
    await new Promise((r) => setTimeout(r, 20))
  } finally {
    h.disable()
    clearInterval(ticker)
  }
  return { wall: h.max / 1e6, cpu }
}

function historyEntry(n: number, body: string): HistoryEntry {
  return {
    id: `e${n}`,
    at: 1_700_000_000_000 + n,
    profileId: 'p',
    method: 'GET',
    url: `http://127.0.0.1/v1/thing/${n}`,
    status: 200,
    draft: {
      profileId: 'p',
      method: 'GET',
      url: '{{apiBase}}/thing',
      query: [],
      headers: [],
      auth: 'token',
    },
    request: { method: 'GET', url: `http://127.0.0.1/v1/thing/${n}`, headers: {} },
    response: {
      status: 200,
      statusText: 'OK',
      headers: {},
      contentType: 'application/json',
      kind: 'json',
      size: body.length,
      retried: false,
      notes: [],
      warnings: [],
      body,
      bodyTruncated: true,
    },
  }
}

const bench: Benchmark = {
  name: 'main process: event-loop stalls with a 100 MB response and history compaction',
  async run() {
    const { base, child } = await startServer()
    const app = await createTestApp()
    try {
      const { workbench } = app.services
      const draftFor = (path: string) =>
        draftRequestSchema.parse({
          profileId: app.sandboxProfileId,
          method: 'GET',
          url: `${base}${path}`,
          auth: 'none',
        })
      /** Send, then read every slice raw and pretty, as the viewer and Copy/Save would. */
      const cycle = async (path: string) => {
        const res = await workbench.send(draftFor(path))
        if (res.status !== 200) throw new Error(`got ${res.status}`)
        for (const view of ['raw', 'pretty'] as const) {
          for (let offset = 0, done = false; !done;) {
            const slice = await workbench.bodySlice({
              responseId: res.responseId,
              view,
              offset,
              length: SLICE_CHARS,
            })
            offset += slice.text.length
            done = slice.done
          }
        }
        return res.size
      }
      let bigSize = 0
      const small: Stall[] = []
      const big: Stall[] = []
      const bigTime: number[] = []
      for (let r = 0; r < REPS; r++) {
        small.push(await longestStall(async () => void (await cycle('/small'))))
        const t0 = performance.now()
        big.push(await longestStall(async () => void (bigSize = await cycle('/big'))))
        bigTime.push(performance.now() - t0)
      }

      // History compaction: 200 kept + a margin of 256 KB-bodied entries, then one more flush.
      const compaction: Stall[] = []
      const idle: Stall[] = []
      const body = 'x'.repeat(256 * 1024)
      for (let r = 0; r < REPS; r++) {
        const store = new HistoryStore(`${app.dataDir}/history-bench-${r}.jsonl`, {
          cap: 200,
          margin: 50,
        })
        for (let n = 0; n < 250; n++) store.append(historyEntry(n, body))
        await store.flush()
        idle.push(await longestStall(() => new Promise((res) => setTimeout(res, 200))))
        store.append(historyEntry(999, body))
        compaction.push(await longestStall(() => store.flush()))
        await store.dispose()
      }

      const wall = (xs: Stall[]) => xs.map((x) => x.wall)
      const cpu = (xs: Stall[]) => xs.map((x) => x.cpu)
      const mb = (bigSize / 1e6).toFixed(0)
      const rows: BenchRow[] = [
        { label: 'baseline: 2 KB response, longest stall', samples: wall(small) },
        { label: `${mb} MB response, longest stall`, samples: wall(big) },
        { label: 'baseline: 2 KB response, own CPU in longest gap', samples: cpu(small) },
        { label: `${mb} MB response, own CPU in longest gap`, samples: cpu(big) },
        { label: `${mb} MB: send + serve raw and pretty`, samples: bigTime },
        { label: 'baseline: idle 200 ms, longest stall', samples: wall(idle) },
        {
          label: 'history compaction (250 → 200 entries), longest stall',
          samples: wall(compaction),
        },
        { label: 'history compaction, own CPU in longest gap', samples: cpu(compaction) },
      ]
      const spread = (xs: number[]) =>
        `min ${Math.min(...xs).toFixed(1)}, median ${median(xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}`
      const metric = (name: string, xs: number[], base: number[], what: string): BenchMetric => ({
        name,
        value: Math.max(...xs),
        unit: 'ms',
        baseline: Math.max(...base),
        ratio: null,
        target: `${what} ≤ ${STALL_TARGET_MS} ms (worst of ${xs.length}; ${spread(xs)})`,
        pass: Math.max(...xs) <= STALL_TARGET_MS,
      })
      const metrics: BenchMetric[] = [
        metric('main.stall_ms.100mb', wall(big), wall(small), 'longest event-loop stall'),
        metric(
          'main.stall_cpu_ms.100mb',
          cpu(big),
          cpu(small),
          'most main-thread CPU between two 1 ms ticks',
        ),
        metric(
          'main.stall_ms.history_compaction',
          wall(compaction),
          wall(idle),
          'longest event-loop stall',
        ),
      ]
      return {
        rows,
        metrics,
        verdict: {
          pass: metrics.every((m) => m.pass),
          text: metrics
            .map(
              (m) => `${m.name} ${m.value.toFixed(1)} ms (baseline ${m.baseline?.toFixed(1)} ms)`,
            )
            .join('; '),
        },
      }
    } finally {
      await app.services.dispose()
      child.kill()
    }
  },
}

export default bench
