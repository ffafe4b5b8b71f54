/**
 * Added time per call of the whole send pipeline (resolve, token, send, body store, redaction and
 * the history record) over a raw fetch with a fixed Authorization header, with the sandbox in a
 * SEPARATE PROCESS (`npm run sandbox -- --json --port 0`) and a simulated server latency of 0, 5
 * and 50 ms (the sandbox's documented `delay` fault). Interleaved call by call (see `interleave`);
 * each figure is the median over repetitions of each repetition's median difference, with
 * min/max over repetitions shown. Also: occasional sends (seconds apart), sends with the profile
 * context rebuilt, 1 KB and 100 KB responses, and the token storm count.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { TokenManager } from '../../electron/core/token-manager'
import { MemoryTokenStore } from '../../electron/core/token-store'
import { sandboxEnvironment } from '../../electron/core/environments'
import type { SandboxInfo } from '../../electron/core/services/sandbox-port'
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import { draftRequestSchema } from '../../electron/shared/workbench'
import { createTestApp } from '../unit/helpers/app-services'
import { interleave, median } from './types'
import type { Benchmark, BenchMetric, BenchRow } from './types'
import { sandboxControlHeaders } from '../../electron/shared/sandbox-control'

const TARGET_US = 60
const LATENCIES = [0, 5, 50] as const
/** Calls per repetition and repetitions, per latency: the 50 ms run is kept short. */
const PLAN: Record<number, { calls: number; reps: number }> = {
  0: { calls: 300, reps: 5 },
  5: { calls: 100, reps: 5 },
  50: { calls: 30, reps: 5 },
}
const WARMUP = 100
const OCCASIONAL = { pairs: 6, gapMs: 1500 }

interface ChildSandbox {
  info: SandboxInfo
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>
  stop(): void
}

/** `npm run sandbox -- --json --port 0` in its own process; the first stdout line is its JSON. */
async function spawnSandbox(): Promise<ChildSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/sandbox/cli.ts',
      '--json',
      '--port',
      '0',
      '--token-rate-limit',
      '1000000',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before it started`)))
  })
  child.stdout!.resume()
  const parsed = JSON.parse(first) as Omit<SandboxInfo, 'controlBase'>
  const info: SandboxInfo = {
    ...parsed,
    controlBase: `${new URL(parsed.apiBase).origin}/__sandbox`,
  }
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${info.controlBase}${path}`, {
      method,
      headers: sandboxControlHeaders(),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text}`)
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }
  return { info, control, stop: () => child.kill('SIGTERM') }
}

interface Pairing {
  addedUs: number[]
  raw: number[]
  subject: number[]
}

/** Repetitions of an interleaved run; per repetition, the median difference in µs. */
async function measure(
  raw: () => Promise<void>,
  subject: () => Promise<void>,
  calls: number,
  reps: number,
): Promise<Pairing> {
  const out: Pairing = { addedUs: [], raw: [], subject: [] }
  for (let r = 0; r < reps; r++) {
    const s = await interleave(raw, subject, { calls, warmup: r === 0 ? WARMUP : 10 })
    out.addedUs.push((median(s.subject) - median(s.baseline)) * 1000)
    out.raw.push(...s.baseline)
    out.subject.push(...s.subject)
  }
  return out
}

const spread = (xs: number[]) =>
  `min ${Math.min(...xs).toFixed(0)} / median ${median(xs).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} µs`

function addedMetric(name: string, p: Pairing, target = TARGET_US): BenchMetric {
  const value = median(p.addedUs)
  const rawUs = median(p.raw) * 1000
  return {
    name,
    value: Math.round(value * 10) / 10,
    unit: 'us',
    baseline: Math.round(rawUs * 10) / 10,
    ratio: Math.round((median(p.subject) / median(p.raw)) * 10_000) / 10_000,
    target: `median added time ≤ ${target} µs per call`,
    pass: value <= target,
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const bench: Benchmark = {
  name: 'send pipeline: added time per call vs raw fetch (sandbox in its own process)',
  async run() {
    const child = await spawnSandbox()
    const app = await createTestApp({
      // The app's Sandbox profile points at the child process.
      sandbox: {
        start: async () => ({ ...child.info, info: child.info, close: async () => undefined }),
        defaults: child.info,
      },
    })
    try {
      const { workbench } = app.services
      const draftFor = (perPage: number) =>
        draftRequestSchema.parse({
          profileId: app.sandboxProfileId,
          method: 'GET',
          url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
          query: [{ name: 'perPage', value: String(perPage), enabled: true }],
          headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
          auth: 'token',
        })
      const draft = draftFor(1)
      if ((await workbench.send(draft)).status !== 200) throw new Error('first send failed')
      const token = (await new VaultTokenStore(app.services.vault).load(app.sandboxProfileId))!
      const info = child.info
      const urlFor = (perPage: number) =>
        `${info.apiBase}/private/business-units/${info.businessUnitId}/reviews?perPage=${perPage}`
      const fixed = { Accept: 'application/json', Authorization: `Bearer ${token.accessToken}` }
      const rawFor = (perPage: number) => async () => {
        const res = await fetch(urlFor(perPage), { headers: fixed })
        await res.text()
        if (res.status !== 200) throw new Error(`raw fetch got ${res.status}`)
      }
      const pipelineFor = (d: typeof draft) => async () => {
        const res = await workbench.send(d)
        if (res.status !== 200 || res.retried) throw new Error(`pipeline got ${res.status}`)
      }
      const raw = rawFor(1)
      const pipeline = pipelineFor(draft)

      const rows: BenchRow[] = []
      const metrics: BenchMetric[] = []
      const notes: string[] = []
      for (const latency of LATENCIES) {
        const { calls, reps } = PLAN[latency]!
        await child.control('DELETE', '/faults')
        if (latency > 0) {
          const count = Math.min(10_000, 2 * (calls * reps + WARMUP + 10 * reps) + 10)
          await child.control('POST', '/faults', {
            target: 'api',
            kind: 'delay',
            delayMs: latency,
            count,
          })
        }
        const p = await measure(raw, pipeline, calls, reps)
        rows.push({ label: `raw fetch, ${latency} ms server latency`, samples: p.raw })
        rows.push({ label: `pipeline send, ${latency} ms server latency`, samples: p.subject })
        metrics.push(addedMetric(`send.added_us.${latency}ms`, p))
        notes.push(`${latency} ms: added ${spread(p.addedUs)}`)
      }
      await child.control('DELETE', '/faults')

      // Response size: 1 KB-ish (1 review) and ~100 KB (a page of reviews).
      const bigPerPage = await perPageNear(100 * 1024, urlFor, fixed)
      const big = await measure(rawFor(bigPerPage), pipelineFor(draftFor(bigPerPage)), 100, 3)
      rows.push({
        label: `pipeline send, ~100 KB response (perPage=${bigPerPage})`,
        samples: big.subject,
      })
      metrics.push(addedMetric('send.added_us.100kb', big))
      notes.push(`100 KB: added ${spread(big.addedUs)}`)

      // Occasional sends: seconds apart, the context still cached (no time-based expiry).
      const occasional = { addedUs: [] as number[], raw: [] as number[], subject: [] as number[] }
      for (let i = 0; i < OCCASIONAL.pairs; i++) {
        await sleep(OCCASIONAL.gapMs)
        const s = await interleave(raw, pipeline, { calls: 1, warmup: 0 })
        occasional.addedUs.push((s.subject[0]! - s.baseline[0]!) * 1000)
        occasional.raw.push(...s.baseline)
        occasional.subject.push(...s.subject)
      }
      rows.push({
        label: `pipeline send, one every ${OCCASIONAL.gapMs} ms`,
        samples: occasional.subject,
      })
      metrics.push(addedMetric('send.added_us.occasional', occasional))
      notes.push(`occasional: added ${spread(occasional.addedUs)}`)

      // Context rebuilt before each send (a secret was just written): the true cold case.
      let n = 0
      const cold = await measure(
        raw,
        async () => {
          await app.services.vault.set('bench:bump', String(n++))
          await pipeline()
        },
        20,
        3,
      )
      rows.push({ label: 'pipeline send, context rebuilt each time', samples: cold.subject })
      metrics.push(addedMetric('send.added_us.cold_context', cold, 1000))
      notes.push(`context rebuilt: added ${spread(cold.addedUs)} (includes one vault write)`)

      metrics.push(await tokenStorm(child))
      return {
        rows,
        metrics,
        verdict: {
          text: notes.join('; '),
          pass: metrics.filter((m) => m.name.match(/^send\.added_us\.\d+ms$/)).every((m) => m.pass),
        },
      }
    } finally {
      await app.services.dispose()
      child.stop()
    }
  },
}

/** The perPage whose response is closest to `bytes` (the sandbox's reviews page). */
async function perPageNear(
  bytes: number,
  urlFor: (perPage: number) => string,
  headers: Record<string, string>,
): Promise<number> {
  const one = (await (await fetch(urlFor(1), { headers })).text()).length
  const ten = (await (await fetch(urlFor(10), { headers })).text()).length
  const perReview = Math.max(1, (ten - one) / 9)
  return Math.max(1, Math.round((bytes - one) / perReview) + 1)
}

/** 100 concurrent calls on an expired token against the child sandbox: token requests seen. */
async function tokenStorm(child: ChildSandbox): Promise<BenchMetric> {
  let now = Date.now()
  const manager = new TokenManager({
    profileId: 'storm',
    env: sandboxEnvironment(child.info),
    client: { apiKey: child.info.apiKey, apiSecret: child.info.apiSecret, clientAuth: 'basic' },
    credentials: { username: child.info.username, password: child.info.password },
    grant: 'password',
    fetch,
    store: new MemoryTokenStore(),
    now: () => now,
  })
  await manager.getAccessToken()
  now += 101 * 3_600_000
  await child.control('POST', '/clock', { advanceSeconds: 101 * 3600 })
  await child.control('DELETE', '/log')
  const url = `${child.info.apiBase}/private/business-units/${child.info.businessUnitId}/reviews?perPage=1`
  await Promise.all(
    Array.from({ length: 100 }, () => manager.fetchAuthorized({ method: 'GET', url })),
  )
  const log = (await child.control('GET', '/log')).entries as { path: string }[]
  const count = log.filter((e) => e.path.includes('/oauth/')).length
  return {
    name: 'token.requests.storm100',
    value: count,
    unit: 'requests',
    baseline: null,
    ratio: null,
    target: 'exactly 1 token request',
    pass: count === 1,
  }
}

export default bench
