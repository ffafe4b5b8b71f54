import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HISTORY_FILE, HistoryStore } from '../../../electron/core/workbench/history'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import type { HistoryEntry } from '../../../electron/shared/workbench'
import { createTestApp } from '../helpers/app-services'
import { startBench, type Bench } from './helpers'

const entry = (n: number): HistoryEntry => ({
  id: `e${n}`,
  at: 1_700_000_000_000 + n,
  profileId: 'p',
  method: n % 2 ? 'POST' : 'GET',
  url: `http://127.0.0.1/v1/thing/${n}`,
  status: 200 + (n % 3),
  draft: {
    profileId: 'p',
    method: 'GET',
    url: `{{apiBase}}/thing/${n}`,
    query: [],
    headers: [],
    auth: 'token',
  },
  request: { method: 'GET', url: `http://127.0.0.1/v1/thing/${n}`, headers: {} },
})

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean)

describe('history store (file level)', () => {
  it('keeps the last entries, compacting only past the cap plus a margin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-history-'))
    const file = join(dir, HISTORY_FILE)
    const store = new HistoryStore(file, { cap: 10, margin: 5 })
    for (let n = 1; n <= 15; n++) store.append(entry(n))
    await store.flush()
    expect(lines(file)).toHaveLength(15) // within cap + margin: appended, not rewritten
    store.append(entry(16))
    await store.flush()
    expect(lines(file)).toHaveLength(10) // compacted to the cap
    for (let n = 17; n <= 40; n++) store.append(entry(n))
    await store.flush()
    expect(lines(file).length).toBeLessThanOrEqual(15)
    const list = await store.list({ limit: 100 })
    expect(list.total).toBe(10)
    expect(list.entries.map((e) => e.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `e${40 - i}`),
    )
    expect((await store.get('e35'))?.url).toBe('http://127.0.0.1/v1/thing/35')
    expect(await store.get('e1')).toBeUndefined()
    // Paging and search.
    const page = await store.list({ offset: 2, limit: 3 })
    expect(page.entries.map((e) => e.id)).toEqual(['e38', 'e37', 'e36'])
    const search = await store.list({ query: 'post THING/3', limit: 100 })
    expect(search.entries.map((e) => e.id)).toEqual(['e39', 'e37', 'e35', 'e33', 'e31'])
    // A fresh store on the same file sees the same entries.
    const reopened = new HistoryStore(file, { cap: 10, margin: 5 })
    expect((await reopened.list({ limit: 100 })).entries.map((e) => e.id)).toEqual(
      list.entries.map((e) => e.id),
    )
    expect((await reopened.get('e40'))?.draft.url).toBe('{{apiBase}}/thing/40')
    await Promise.all([store.dispose(), reopened.dispose()]) // close the append handles
  })

  it('skips and counts damaged lines, and survives a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-history-'))
    const file = join(dir, HISTORY_FILE)
    writeFileSync(file, `${JSON.stringify(entry(1))}\nnot json at all\n{"id":"no-fields"}\n`)
    appendFileSync(file, `${JSON.stringify(entry(2))}\n{"id":"e3","at":`)
    const store = new HistoryStore(file)
    const list = await store.list()
    expect(list.damaged).toBe(3)
    expect(list.entries.map((e) => e.id)).toEqual(['e2', 'e1'])
    store.append(entry(4))
    await store.flush()
    expect((await store.get('e4'))?.id).toBe('e4')
    const reopened = new HistoryStore(file)
    const again = await reopened.list()
    expect(again.entries.map((e) => e.id)).toEqual(['e4', 'e2', 'e1'])
    expect(again.damaged).toBe(3)
    await reopened.clear()
    expect(readFileSync(file, 'utf8')).toBe('')
    expect(await reopened.list()).toEqual({ entries: [], total: 0, damaged: 0 })
    await Promise.all([store.dispose(), reopened.dispose()]) // close the append handles
  })

  it('keeps a cancelled call marked as cancelled, also after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-history-'))
    const file = join(dir, HISTORY_FILE)
    const store = new HistoryStore(file)
    const { status: _status, ...noAnswer } = entry(1)
    store.append({ ...noAnswer, error: 'The request was cancelled.', cancelled: true })
    store.append({ ...noAnswer, id: 'e2', error: 'Connection refused.' })
    await store.flush()
    const reopened = new HistoryStore(file)
    const list = (await reopened.list()).entries
    expect(list.map((e) => [e.id, e.cancelled])).toEqual([
      ['e2', undefined],
      ['e1', true],
    ])
    await Promise.all([store.dispose(), reopened.dispose()]) // close the append handles
  })
})

describe('history through the app', () => {
  let b: Bench
  const bodyPassword = 'hunter2-very-secret-pw'
  beforeAll(async () => {
    b = await startBench()
  })
  afterAll(async () => {
    await b.app.services.dispose()
  })

  it('records every send masked, lists newest first, re-opens, re-sends and survives a restart', async () => {
    await b.ok('history:clear')
    const first = await b.ok(
      'http:send',
      b.draft({ query: [{ name: 'perPage', value: '2', enabled: true }] }),
    )
    const second = await b.ok(
      'http:send',
      b.draft({
        method: 'POST',
        url: '{{apiBase}}/private/reviews/does-not-exist/find-reviewer?apikey={{apiKey}}',
        headers: [
          { name: 'X-Api-Key', value: SANDBOX_DEFAULTS.apiKey, enabled: true },
          { name: 'Authorization', value: 'Bearer typed-by-hand-token-123456', enabled: true },
        ],
        body: { kind: 'json', text: JSON.stringify({ message: 'hi', password: bodyPassword }) },
      }),
    )
    expect(second.status).toBe(404)
    const find = await b.ok(
      'http:send',
      b.draft({
        url: '{{apiBase}}/business-units/find',
        auth: 'apikey',
        query: [{ name: 'name', value: 'sandbox-shop.example', enabled: true }],
      }),
    )
    const list = await b.ok('history:list', {})
    expect(list.entries.map((e) => e.id)).toEqual([
      find.historyId,
      second.historyId,
      first.historyId,
    ])
    expect(list.entries[2]).toMatchObject({
      method: 'GET',
      status: 200,
      endpointName: 'List business unit reviews (private)',
    })
    expect(
      (await b.ok('history:list', { query: 'find-reviewer 404' })).entries.map((e) => e.id),
    ).toEqual([second.historyId])
    expect((await b.ok('history:list', { query: 'business unit reviews' })).total).toBe(1)

    const got = await b.ok('history:get', { id: first.historyId })
    expect(got.draft.url).toBe('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')
    expect(got.response?.status).toBe(200)
    expect(JSON.parse(got.response!.body!)).toEqual(JSON.parse(first.body!))

    const again = await b.ok('history:resend', { id: first.historyId })
    expect(again.status).toBe(200)
    expect(again.body).toBe(first.body)
    expect(again.historyId).not.toBe(first.historyId)
    expect(!(await b.call('history:get', { id: 'missing' })).ok).toBe(true)

    // Secrets never reach the file: scan its bytes.
    await b.app.services.workbench.history.flush()
    const bytes = readFileSync(join(b.app.dataDir, HISTORY_FILE), 'utf8')
    const token = (await b.accessToken())!
    for (const secret of [
      token,
      SANDBOX_DEFAULTS.apiSecret,
      SANDBOX_DEFAULTS.password,
      bodyPassword,
      'typed-by-hand-token-123456',
    ]) {
      expect(bytes.includes(secret), `history leaked ${secret.slice(0, 6)}…`).toBe(false)
    }
    expect(bytes).not.toContain(`apikey=${SANDBOX_DEFAULTS.apiKey}`)
    expect(bytes).not.toContain(`"X-Api-Key":"${SANDBOX_DEFAULTS.apiKey}"`)
    expect(bytes).not.toContain(`"apikey":"${SANDBOX_DEFAULTS.apiKey}"`)
    expect(bytes).toContain('"Authorization":"Bearer tpa-••••')
    expect(bytes.split('\n').filter(Boolean)).toHaveLength(4)

    // A restart on the same data folder sees the same history.
    await b.app.services.dispose()
    const restarted = await createTestApp({ dataDir: b.app.dataDir })
    try {
      const after = await restarted.services.workbench.historyList({ offset: 0, limit: 10 })
      expect(after.entries.map((e) => e.id)).toEqual([
        again.historyId,
        ...list.entries.map((e) => e.id),
      ])
      expect(after.damaged).toBe(0)
      const reopened = await restarted.services.workbench.historyGet(second.historyId)
      expect(reopened.response?.status).toBe(404)
    } finally {
      await restarted.services.dispose()
    }
    b = await startBench()
  })

  it('cuts stored response bodies at 256 KB with a note', async () => {
    const big = 'x'.repeat(300 * 1024)
    await b.control('POST', '/faults', {
      target: 'api',
      status: 200,
      body: JSON.stringify({ big }),
      count: 1,
    })
    const res = await b.ok('http:send', b.draft({}))
    expect(res.size).toBeGreaterThan(300 * 1024)
    const got = await b.ok('history:get', { id: res.historyId })
    expect(got.response?.body?.length).toBe(256 * 1024)
    expect(got.response?.bodyTruncated).toBe(true)
    expect(got.response?.notes.join(' ')).toMatch(/cut at 256 KB/)

    // Re-opened, it shows as recorded, cut, with no pretty version; Copy works on what was kept.
    const recorded = (await b.ok('history:response', { id: res.historyId }))!
    expect(recorded).toMatchObject({
      status: 200,
      kind: 'json',
      size: res.size,
      prettyAvailable: false,
      recorded: { bodyTruncated: true },
    })
    expect(recorded.body?.length).toBe(256 * 1024)
    const copied = await b.ok('http:copy-body', { responseId: recorded.responseId, view: 'raw' })
    expect(copied.chars).toBe(256 * 1024)
  })

  it('shows a recorded response like a fresh one: status, headers, body, what main did, secrets masked', async () => {
    const res = await b.ok(
      'http:send',
      b.draft({ query: [{ name: 'perPage', value: '2', enabled: true }] }),
    )
    await b.app.services.workbench.history.flush()
    // Bodies are only kept for the latest responses; the recorded one comes back from the file.
    b.app.services.workbench.bodies.delete(res.responseId)
    const recorded = (await b.ok('history:response', { id: res.historyId }))!
    expect(recorded).toMatchObject({
      responseId: res.historyId,
      historyId: res.historyId,
      status: 200,
      statusText: res.statusText,
      meaning: res.meaning,
      kind: 'json',
      size: res.size,
      tokenAttached: true,
      prettyAvailable: true,
      recorded: { at: res.timing.startedAt, bodyTruncated: false },
    })
    expect(JSON.parse(recorded.body!)).toEqual(JSON.parse(res.body!))
    expect(recorded.headers['content-type']).toBe(res.headers['content-type'])
    expect(recorded.request.headers['Authorization']).toMatch(/^Bearer tpa-••••/)
    expect(recorded.notes).toEqual(res.notes)
    const pretty = await b.ok('http:body', { responseId: recorded.responseId, view: 'pretty' })
    expect(JSON.parse(pretty.text)).toEqual(JSON.parse(res.body!))
    expect(JSON.stringify(recorded)).not.toContain((await b.accessToken())!)

    // A call that got no answer has no recorded response.
    const failed = await b.call('http:send', b.draft({ url: 'http://127.0.0.1:9/nothing-listens' }))
    expect(failed.ok).toBe(false)
    const list = await b.ok('history:list', { limit: 1 })
    expect(list.entries[0]!.error).toBeTruthy()
    expect(await b.ok('history:response', { id: list.entries[0]!.id })).toBe(null)
    expect((await b.call('history:response', { id: 'missing' })).ok).toBe(false)
  })
})
