import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import { VaultTokenStore } from '../../../electron/core/vault/vault-token-store'
import { channelNames, type ChannelName } from '../../../electron/shared/contract'
import type { PendingLogin } from '../../../electron/shared/auth'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { HttpLoginWindow } from '../helpers/http-login-window'
import { driveLogin } from '../core/helpers/login-driver'

const ORIGIN = 'app://explorer'
const sender = { present: true, isMainFrame: true, url: `${ORIGIN}/index.html` }
const creds = { username: SANDBOX_DEFAULTS.username, password: SANDBOX_DEFAULTS.password }

describe('no channel but reveal/copy hands out a secret', () => {
  let app: TestApp
  let dispatch: Dispatch
  const loginWindow = new HttpLoginWindow(creds)
  const secrets = new Set<string>([SANDBOX_DEFAULTS.apiSecret, SANDBOX_DEFAULTS.password])
  const seen = new Map<string, string>()

  beforeAll(async () => {
    app = await createTestApp({
      loginWindow,
      chooseSavePath: async ({ defaultName }) =>
        join(mkdtempSync(join(tmpdir(), 'tp-save-')), defaultName),
      // Import and export (issue 15).
      chooseImportPath: async () =>
        join(import.meta.dirname, '../../fixtures/import/bruno-collection'),
      chooseExportPath: async ({ defaultName }) =>
        join(mkdtempSync(join(tmpdir(), 'tp-export-')), defaultName),
    })
    dispatch = createDispatcher(createHandlers(app.services), { allowedOrigins: [ORIGIN] })
  })
  afterAll(async () => {
    await app.services.dispose()
  })

  /** Calls a channel, remembers its answer, and adds any token now stored to the secrets. */
  async function call(channel: ChannelName, arg?: unknown): Promise<unknown> {
    const result = await dispatch(channel, sender, arg)
    seen.set(`${channel} ${seen.size}`, JSON.stringify(result))
    const token = await new VaultTokenStore(app.services.vault).load(app.sandboxProfileId)
    if (token) {
      secrets.add(token.accessToken)
      if (token.refreshToken) secrets.add(token.refreshToken)
    }
    return result
  }

  it('calls every channel, and only reveal returns a secret value', async () => {
    const profileId = app.sandboxProfileId
    const byProfile = { profileId }
    const exercised = new Set<ChannelName>()
    const run = async (channel: ChannelName, arg?: unknown) => {
      exercised.add(channel)
      return call(channel, arg)
    }

    await run('app:info')
    await run('vault:status')
    await run('sandbox:status')
    await run('profiles:list')
    const profile = app.services.profiles.require(profileId)
    await run('profiles:save', {
      ...profile,
      apiSecret: SANDBOX_DEFAULTS.apiSecret,
      password: SANDBOX_DEFAULTS.password,
    })
    await run('profiles:set-active', byProfile)
    await run('profiles:find-business-unit', { profileId, name: 'sandbox-shop.example' })
    await run('profiles:export', {})
    for (const grant of [
      'client_credentials',
      'password',
      'authorization_code',
      'implicit',
    ] as const) {
      const result = (await run('auth:get-token', { profileId, grant })) as { ok: boolean }
      expect(result.ok, `get-token ${grant}`).toBe(true)
      await run('auth:state', byProfile)
      await run('auth:trace', byProfile)
    }
    await run('auth:get-token', { profileId, grant: 'password' })
    await run('auth:refresh', byProfile)
    await run('auth:trace', byProfile)
    // The system-browser route, finished by pasting the landing URL.
    const pending = (await run('auth:get-token', {
      profileId,
      grant: 'authorization_code',
      via: 'browser',
    })) as {
      ok: true
      value: PendingLogin
    }
    const landed = await driveLogin(app.opened.at(-1)!, creds)
    await run('auth:complete-login', { flowId: pending.value.flowId, pasted: landed })
    // The login window's Google sign-in comes back without `state`: confirmed, then finished.
    loginWindow.action = 'google'
    const asked = (await run('auth:get-token', { profileId, grant: 'authorization_code' })) as {
      ok: false
      error: { code: string; details: { flowId: string } }
    }
    expect(asked.error.code).toBe('confirm-missing-state')
    loginWindow.action = 'signin'
    const confirmed = (await run('auth:confirm-login', {
      flowId: asked.error.details.flowId,
    })) as { ok: boolean }
    expect(confirmed.ok).toBe(true)
    await run('vault:retry')
    await run('vault:forget', { key: 'profile:nope:apiSecret' })
    await run('auth:cancel-login')
    await run('auth:cancel')
    await run('clipboard:write-text', { text: 'a trace, copied as text' })
    await run('secrets:copy', { profileId, secret: 'accessToken' })
    expect(secrets.has(app.clipboard.text)).toBe(true)
    await run('auth:sign-out', byProfile)
    await run('auth:forget-login', byProfile)
    const exported = (await run('profiles:export', {})) as { ok: true; value: { json: string } }
    await run('profiles:import', { json: exported.value.json })
    const listed = (await run('profiles:list')) as {
      ok: true
      value: { profiles: { id: string }[] }
    }
    await run('profiles:delete', { profileId: listed.value.profiles.at(-1)!.id })
    await run('vault:allow-persist')
    await run('sandbox:stop')
    await run('sandbox:start')
    await run('sandbox:demo', { demo: 'expire-tokens' })

    // The request workbench: requests that carry the token (the first one after the sandbox
    // restart is refused and retried with a new token), their bodies, history and snippets.
    const draft = {
      profileId,
      method: 'GET',
      url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      query: [{ name: 'perPage', value: '2', enabled: true }],
      headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
      auth: 'token',
    }
    const sent = (await run('http:send', { ...draft, requestId: 'leak-check-1' })) as {
      ok: true
      value: { responseId: string; historyId: string; tokenAttached: boolean; retried: boolean }
    }
    expect(sent.value.tokenAttached).toBe(true)
    const invited = (await run('http:send', {
      ...draft,
      method: 'POST',
      url: '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations',
      body: {
        kind: 'json',
        text: JSON.stringify({ consumerEmail: 'a@example.com', password: 'x' }),
      },
    })) as { ok: true; value: { status: number } }
    expect(invited.value.status).toBe(202)
    await run('http:cancel', { requestId: 'leak-check-1' })
    const { responseId, historyId } = sent.value
    await run('http:body', { responseId, view: 'pretty' })
    await run('http:copy-body', { responseId })
    const saved = (await run('http:save-body', { responseId })) as { ok: true; value: unknown }
    expect(saved.value).toMatchObject({ saved: true })
    await run('history:list', {})
    await run('history:get', { id: historyId })
    await run('history:response', { id: historyId })
    await run('history:resend', { id: historyId })
    await run('snippets:generate', { draft })
    await run('history:clear')
    const tabs = JSON.stringify({ version: 1, activeId: null, tabs: [] })
    await run('tabs:save', { json: tabs })
    expect(await run('tabs:load')).toEqual({ ok: true, value: { json: tabs } })

    // Collections: secret variable values (collection and profile scope) never come back, not
    // even after a send and a run that put them in headers.
    const COLLECTION_SECRET = 'collection-secret-value-7d1e5a'
    const PROFILE_SECRET = 'profile-secret-value-2b9c4f'
    secrets.add(COLLECTION_SECRET)
    secrets.add(PROFILE_SECRET)
    const created = (await run('collections:create', { name: 'Leak check' })) as {
      ok: true
      value: { id: string }
    }
    const collectionId = created.value.id
    await run('collections:set-variables', {
      collectionId,
      variables: [{ name: 'partner', value: COLLECTION_SECRET, secret: true }],
    })
    await run('collections:set-profile-variables', {
      profileId,
      variables: [{ name: 'mine', value: PROFILE_SECRET, secret: true }],
    })
    await run('collections:profile-variables', { profileId })
    await run('collections:create-folder', { collectionId, name: 'Reviews' })
    const secretHeaders = [
      { name: 'X-Partner', value: '{{partner}}', enabled: true },
      { name: 'X-Mine', value: '{{mine}}', enabled: true },
    ]
    const savedRequest = (await run('collections:save-request', {
      collectionId,
      folder: 'reviews',
      request: {
        type: 'request',
        name: 'List',
        method: 'GET',
        url: draft.url,
        query: [],
        headers: secretHeaders,
        auth: { kind: 'inherit' },
        captures: [{ variable: 'reviewId', from: 'body', path: 'reviews[0].id' }],
      },
    })) as { ok: true; value: { path: string } }
    const path = savedRequest.value.path
    await run('collections:send', {
      ...draft,
      headers: secretHeaders,
      requestId: 'coll-leak-1',
      collectionId,
      path,
    })
    await run('collections:cancel-send', { requestId: 'coll-leak-1' })
    await run('collections:run', { collectionId, profileId, path: '' })
    await run('collections:cancel-run', { runId: 'no-such-run' })
    await run('collections:list')
    const renamed = (await run('collections:rename', { collectionId, path, name: 'List all' })) as {
      ok: true
      value: { path: string }
    }
    await run('collections:duplicate', { collectionId, path: renamed.value.path })
    await run('collections:move', { collectionId, path: renamed.value.path, folder: '' })
    const deleted = (await run('collections:delete', {
      collectionId,
      path: 'reviews',
    })) as { ok: true; value: { token: string } }
    await run('collections:undo', { token: deleted.value.token })
    await run('collections:open-folder') // no dialog in this host: refused, still answered
    await run('collections:close', { collectionId })

    // Import and export (issue 15): a secret written into the input never comes back out.
    const held = await new VaultTokenStore(app.services.vault).load(profileId)
    const postman = JSON.stringify({
      info: {
        name: 'Leak check',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [
        {
          name: 'Token by hand',
          request: {
            method: 'POST',
            url: '{{baseUrl}}/private/x',
            auth: {
              type: 'basic',
              basic: [
                { key: 'username', value: SANDBOX_DEFAULTS.apiKey },
                { key: 'password', value: SANDBOX_DEFAULTS.apiSecret },
              ],
            },
          },
        },
      ],
    })
    const previewed = (await run('import:text', { text: postman, name: 'leak.json' })) as {
      ok: true
      value: { kind: 'collection'; preview: { previewId: string } }
    }
    const picked = (await run('import:pick', { kind: 'folder' })) as typeof previewed
    await run('import:cancel', { previewId: picked.value.preview.previewId })
    const importConfirmed = (await run('import:confirm', {
      previewId: previewed.value.preview.previewId,
    })) as { ok: true; value: { id: string } }
    const pasted = (await run('import:curl', {
      profileId,
      text: `curl '{{apiBase}}/private/reviews/r1' -H 'Authorization: Bearer ${held!.accessToken}'`,
    })) as { ok: true; value: { draft: { auth: string } } }
    expect(pasted.value.draft.auth).toBe('token')
    const exportedCollection = (await run('export:collection', {
      collectionId: importConfirmed.value.id,
      format: 'postman',
    })) as { ok: true; value: { saved: boolean; path: string } }
    expect(exportedCollection.value.saved).toBe(true)
    const file = readFileSync(exportedCollection.value.path, 'utf8')
    expect(file.includes(SANDBOX_DEFAULTS.apiSecret)).toBe(false)

    // Every answer so far: no secret anywhere, not even inside raw responses or error details.
    for (const [label, text] of seen) {
      for (const secret of secrets) {
        expect(text.includes(secret), `${label} leaked ${secret.slice(0, 6)}…`).toBe(false)
      }
    }
    for (const { event, payload } of app.events) {
      const text = JSON.stringify(payload)
      for (const secret of secrets) expect(text.includes(secret), `${event} leaked`).toBe(false)
    }

    // The one explicit way out.
    await run('auth:get-token', { profileId, grant: 'client_credentials' })
    const revealed = (await run('secrets:reveal', { profileId, secret: 'apiSecret' })) as {
      ok: true
      value: { value: string }
    }
    expect(revealed.value.value).toBe(SANDBOX_DEFAULTS.apiSecret)
    // …and snippets with the real token, only when explicitly asked.
    const withSecrets = (await dispatch('snippets:generate', sender, {
      draft: {
        profileId,
        method: 'GET',
        url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
        auth: 'token',
      },
      includeSecrets: true,
    })) as { ok: true; value: { snippets: { code: string }[] } }
    const current = await new VaultTokenStore(app.services.vault).load(profileId)
    expect(withSecrets.value.snippets[0]?.code).toContain(current!.accessToken)

    expect([...exercised].sort()).toEqual([...channelNames].sort())
    expect(secrets.size).toBeGreaterThan(6)
  })
})
