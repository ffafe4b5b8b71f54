import { afterEach, describe, expect, it } from 'vitest'
import type { CollectionTree, SavedRequest } from '../../../electron/shared/collection'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { sandboxControlHeaders } from '../../../electron/shared/sandbox-control'
import { allText } from '../helpers/files'

const req = (over: Partial<SavedRequest> & Pick<SavedRequest, 'name' | 'url'>): SavedRequest => ({
  type: 'request',
  method: 'GET',
  query: [],
  headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
  auth: { kind: 'inherit' },
  ...over,
})

const chained: CollectionTree = {
  name: 'Demo',
  variables: [{ name: 'partnerKey', value: 'PARTNER-KEY-SECRET-4242', secret: true }],
  items: [
    {
      type: 'folder',
      name: 'Reviews',
      items: [
        req({
          name: 'List reviews',
          url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
          headers: [{ name: 'X-Partner', value: '{{partnerKey}}', enabled: true }],
          captures: [{ variable: 'reviewId', from: 'body', path: 'reviews[0].id' }],
          checks: [{ kind: 'json-exists', path: 'reviews[0].id' }],
        }),
        req({
          name: 'Get the first review',
          url: '{{apiBase}}/private/reviews/{{reviewId}}',
          checks: [
            { kind: 'status', equals: '200' },
            { kind: 'json-exists', path: 'id' },
          ],
        }),
      ],
    },
  ],
}

let app: TestApp | undefined
afterEach(async () => {
  await app?.services.dispose()
  app = undefined
})

describe('collection runner against the sandbox', () => {
  it('runs list → get with the captured id, reports checks, keeps the secret out of history', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection(chained)
    const progress: number[] = []
    app.events.length = 0
    const run = await c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: '',
      stopOnFailure: false,
      delayMs: 0,
    })
    for (const e of app.events) {
      if (e.event === 'collections:run-progress')
        progress.push((e.payload as { done: number }).done)
    }
    expect(run.finished).toBe(true)
    expect(run.results.map((r) => [r.name, r.status, r.ok, r.folder])).toEqual([
      ['List reviews', 200, true, 'Reviews'],
      ['Get the first review', 200, true, 'Reviews'],
    ])
    expect(run.results[0]!.captured).toEqual(['reviewId'])
    expect(run.results[1]!.url).toMatch(/\/private\/reviews\/[\w-]+$/)
    expect(run.results[1]!.historyId).toBeTruthy()
    expect(progress).toEqual([0, 1, 2, 2])
    await app.services.dispose()
    const onDisk = allText(app.dataDir)
    expect(onDisk).toContain('/private/reviews/') // history recorded both calls
    expect(onDisk).not.toContain('PARTNER-KEY-SECRET-4242')
    app = undefined
  })

  it('reports a missing capture path and a failing check, and can stop at the first failure', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const tree: CollectionTree = {
      name: 'Fails',
      variables: [],
      items: [
        req({
          name: 'List',
          url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
          captures: [{ variable: 'x', from: 'body', path: 'reviews[0].nothing' }],
          checks: [{ kind: 'json-equals', path: 'reviews[0].stars', equals: '99' }],
        }),
        req({ name: 'Never sent', url: '{{apiBase}}/private/reviews/{{x}}' }),
      ],
    }
    const created = await c.createCollection(tree)
    const run = await c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: '',
      stopOnFailure: true,
      delayMs: 0,
    })
    expect(run.results).toHaveLength(1)
    const [first] = run.results
    expect(first!.ok).toBe(false)
    expect(first!.problems).toEqual([
      'Capture {{x}} from reviews[0].nothing: reviews[0] has no field “nothing”.',
    ])
    expect(first!.checks.find((k) => k.label.includes('stars'))).toMatchObject({ ok: false })
    // Without stop-at-first-failure the second one runs and says which variable is missing.
    const all = await c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: '',
      stopOnFailure: false,
      delayMs: 0,
    })
    expect(all.results[1]!.error).toMatch(/\{\{x\}\} has no value: looked in request, collection/)
  })

  it('cancels a run between requests', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection(chained)
    const running = c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: 'reviews',
      stopOnFailure: false,
      delayMs: 500,
      runId: 'r1',
    })
    await new Promise((r) => setTimeout(r, 200))
    expect(c.cancelRun('r1')).toEqual({ cancelled: true })
    const done = await running
    expect(done.cancelled).toBe(true)
    expect(done.results.length).toBeLessThan(2)
  })

  it('sends one saved request from the app with its captures kept for the next send', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection(chained)
    const { draftRequestSchema } = await import('../../../electron/shared/workbench')
    const list = await c.send({
      draft: draftRequestSchema.parse({
        profileId: app.sandboxProfileId,
        method: 'GET',
        url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      }),
      requestId: 'one',
      collectionId: created.id,
      path: 'reviews/list-reviews.yaml',
    })
    expect(list.captured).toEqual(['reviewId'])
    const get = await c.send({
      draft: draftRequestSchema.parse({
        profileId: app.sandboxProfileId,
        method: 'GET',
        url: '{{apiBase}}/private/reviews/{{reviewId}}',
      }),
      requestId: 'two',
      collectionId: created.id,
    })
    expect(get.status).toBe(200)
  })
})

describe('collection runner: tokens', () => {
  it('uses one token for the whole run and retries once after a 401', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection(chained)
    const sandbox = app.services.sandbox.current()!
    const control = sandbox.controlBase
    const { runSandboxDemo } = await import('../../../electron/core/services/sandbox-demos')
    await fetch(`${control}/log`, { method: 'DELETE', headers: sandboxControlHeaders() })
    await runSandboxDemo(fetch, control, 'reject-next-call')
    const run = await c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: '',
      stopOnFailure: false,
      delayMs: 0,
    })
    expect(run.results.map((r) => r.ok)).toEqual([true, true])
    const log = (await (
      await fetch(`${control}/log`, { headers: sandboxControlHeaders() })
    ).json()) as {
      entries: { path: string; status: number }[]
    }
    const kinds = log.entries.map((e) =>
      e.path.includes('/oauth/')
        ? 'token'
        : `${e.path.includes('/reviews/') ? 'get' : 'list'} ${e.status}`,
    )
    // A token, the first call rejected (401): one new token, that call once more, then the second
    // request with the same token.
    expect(kinds).toEqual(['token', 'list 401', 'token', 'list 200', 'get 200'])
    // Another run while the token is valid asks for none.
    await fetch(`${control}/log`, { method: 'DELETE', headers: sandboxControlHeaders() })
    await c.run({
      collectionId: created.id,
      profileId: app.sandboxProfileId,
      path: '',
      stopOnFailure: false,
      delayMs: 0,
    })
    const again = (await (
      await fetch(`${control}/log`, { headers: sandboxControlHeaders() })
    ).json()) as { entries: { path: string }[] }
    expect(again.entries.filter((e) => e.path.includes('/oauth/'))).toHaveLength(0)
    expect(again.entries).toHaveLength(2)
    const history = await app.services.workbench.historyList({ offset: 0, limit: 10 })
    expect(history.entries.length).toBeGreaterThanOrEqual(2)
  })
})

describe('open folder', () => {
  it('asks the host for a folder and opens it; a cancelled dialog opens nothing', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const picked = mkdtempSync(join(tmpdir(), 'tp-team-'))
    let answer: string | null = picked
    app = await createTestApp({ chooseFolder: async () => answer })
    const opened = await app.services.collections.openFolder()
    expect(opened).toMatchObject({ dir: picked, external: true })
    answer = null
    expect(await app.services.collections.openFolder()).toBeNull()
  })
})

describe('a saved request whose collection is gone', () => {
  it('still sends, without the collection’s variables', async () => {
    app = await createTestApp()
    const c = app.services.collections
    const created = await c.createCollection(chained)
    const { rmSync } = await import('node:fs')
    rmSync(created.dir, { recursive: true, force: true })
    const { draftRequestSchema } = await import('../../../electron/shared/workbench')
    const sent = await c.send({
      draft: draftRequestSchema.parse({
        profileId: app.sandboxProfileId,
        method: 'GET',
        url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      }),
      requestId: 'gone-1',
      collectionId: created.id,
      path: 'reviews/list-reviews.yaml',
    })
    expect(sent.status).toBe(200)
  })
})
