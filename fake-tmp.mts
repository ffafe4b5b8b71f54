import { SANDBOX_DEFAULTS, startSandbox } from './electron/sandbox/index'
import { draftRequestSchema } from './electron/shared/workbench'
import { createTestApp } from './test/unit/helpers/app-services'
const body = JSON.stringify({ reviews: [{ id: 'x'.repeat(24), text: 'hello world '.repeat(60), stars: 5 }], links: [] })
const headers = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'abc', date: 'Mon, 30 Nov 2026 01:00:00 GMT' }
let real = true
const fakeFetch = async (input: string, init?: RequestInit): Promise<Response> => {
  if (real) return fetch(input, init)
  return new Response(body, { status: 200, headers })
}
const app = await createTestApp({ fetch: fakeFetch, sandbox: { start: (o) => startSandbox({ ...o, tokenRateLimit: 1e6 }), defaults: SANDBOX_DEFAULTS } })
const wb = app.services.workbench
const draft = draftRequestSchema.parse({ profileId: app.sandboxProfileId, method: 'GET', url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews', query: [{ name: 'perPage', value: '1', enabled: true }], headers: [{ name: 'Accept', value: 'application/json', enabled: true }], auth: 'token' })
await wb.send(draft)
real = false
const raw = async () => { const r = await fakeFetch('http://x/', { headers: { a: 'b' } }); await r.text() }
const pipe = async () => { await wb.send(draft) }
async function t(fn: () => Promise<void>, n: number) { const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(); return ((performance.now() - t0) / n) * 1000 }
for (let i = 0; i < 3000; i++) { await raw(); await pipe() }
for (let r = 0; r < 3; r++) { await t(pipe, 5000) }
await app.services.workbench.history.flush()
await app.services.dispose()
