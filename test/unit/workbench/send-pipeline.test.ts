/**
 * The send pipeline stage by stage, and what issue 13 asks of it: history scrubbing of every
 * known secret value, a bad URL refused before anything is sent, a typed header kept, and
 * exactly one renewal and one retry for a lasting 401.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRUSTPILOT_ENVIRONMENT } from '../../../electron/core/environments'
import { createRedactor } from '../../../electron/core/redact'
import type { TokenSet } from '../../../electron/core/token-parse'
import { VaultTokenStore } from '../../../electron/core/vault/vault-token-store'
import { authorize } from '../../../electron/core/workbench/pipeline/authorize'
import { classifyBody } from '../../../electron/core/workbench/pipeline/keep'
import { echoOf } from '../../../electron/core/workbench/pipeline/record'
import { resolveRequest } from '../../../electron/core/workbench/pipeline/resolve'
import { toHandlerError } from '../../../electron/core/workbench/pipeline/send'
import { HISTORY_FILE } from '../../../electron/core/workbench/history'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import type { Profile } from '../../../electron/shared/profile'
import { HandlerError } from '../../../electron/shared/result'
import type { ParsedDraftRequest } from '../../../electron/shared/workbench'
import { startBench, type Bench } from './helpers'

const env = TRUSTPILOT_ENVIRONMENT
const profile = {
  id: 'p',
  name: 'P',
  environment: { kind: 'trustpilot' },
  apiKey: 'the-api-key-1234',
  businessUnitId: 'bu-1',
  businessUserId: 'user-1',
} as unknown as Profile

const draftOf = (partial: Partial<ParsedDraftRequest>): ParsedDraftRequest => ({
  profileId: 'p',
  method: 'GET',
  url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
  query: [],
  headers: [],
  auth: 'token',
  ...partial,
})

const refusal = (action: () => unknown): HandlerError => {
  try {
    action()
  } catch (error) {
    if (error instanceof HandlerError) return error
    throw error
  }
  throw new Error('expected a HandlerError')
}

describe('resolve stage', () => {
  it('fills variables from scopes above the built-ins; an empty value does not shadow', () => {
    const scopes = [
      { scope: 'request', values: { businessUnitId: '', page: '2' } },
      { scope: 'collection', values: { businessUnitId: 'bu-from-collection', page: '9' } },
    ]
    const r = resolveRequest(
      draftOf({ url: '{{apiBase}}/x/{{businessUnitId}}?page={{page}}' }),
      profile,
      env,
      scopes,
    )
    expect(r.url).toBe('https://api.trustpilot.com/v1/x/bu-from-collection?page=2')
    expect(resolveRequest(draftOf({}), profile, env).url).toContain('/bu-1/')
  })

  it('marks secret variables and reports unknown ones naming every scope’s names', () => {
    const scopes = [
      { scope: 'collection', values: { pass: 'variable-secret-99' }, secret: ['pass'] },
    ]
    const r = resolveRequest(
      draftOf({ method: 'POST', body: { kind: 'text', text: 'p={{pass}}' } }),
      profile,
      env,
      scopes,
    )
    expect(r.secretValues).toEqual(['variable-secret-99'])
    expect(r.bodySegments?.find((s) => s.secret)).toEqual({
      text: 'variable-secret-99',
      secret: 'pass',
    })
    const e = refusal(() => resolveRequest(draftOf({ url: '{{nope}}/x' }), profile, env, scopes))
    expect(e.code).toBe('unknown-variables')
    expect(e.message).toMatch(/\{\{pass\}\}.*\{\{apiBase\}\}/)
  })

  it.each(['%ZZ', '100%', '50%'])(
    'refuses a URL with a bad escape before anything is sent: %s',
    (bad) => {
      const e = refusal(() =>
        resolveRequest(draftOf({ url: `{{apiBase}}/x?token=${bad}` }), profile, env),
      )
      expect(e.code).toBe('invalid-url')
      expect(e.message).toMatch(/write a literal % as %25\. Nothing was sent\./)
      // In a query row the value is encoded: fine.
      const row = { name: 'note', value: bad, enabled: true }
      expect(resolveRequest(draftOf({ query: [row] }), profile, env).url).toContain(
        `note=${encodeURIComponent(bad)}`,
      )
    },
  )

  it('refuses bad JSON with its position, and a body on GET', () => {
    const post = (text: string) => draftOf({ method: 'POST', body: { kind: 'json', text } })
    const e = refusal(() => resolveRequest(post('{"a": 1,}'), profile, env))
    expect(e.code).toBe('invalid-json')
    expect(e.details).toMatchObject({ line: 1, column: 9 })
    const get = draftOf({ body: { kind: 'text', text: 'x' } })
    expect(refusal(() => resolveRequest(get, profile, env)).code).toBe('invalid-body')
  })
})

describe('authorize stage', () => {
  const token: TokenSet = {
    accessToken: 'tpa-abcdefghijklmnop1234',
    tokenType: 'Bearer',
    grant: 'client_credentials',
    obtainedAt: 0,
    expiresAt: Date.now() + 3_600_000,
    raw: {},
  }
  const manager = { getToken: async () => token }
  const invitation = draftOf({
    method: 'POST',
    url: '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations',
    body: { kind: 'json', text: '{}' },
  })
  const signal = new AbortController().signal

  it('adds x-business-user-id for a client-credentials token', async () => {
    const r = resolveRequest(invitation, profile, env)
    const a = await authorize(invitation, r, profile, manager, signal)
    expect(a.headers['x-business-user-id']).toBe('user-1')
    expect(a.token).toBe(token)
  })

  it('never overwrites an x-business-user-id the user typed', async () => {
    const typed = {
      ...invitation,
      headers: [{ name: 'X-Business-User-Id', value: 'typed-id', enabled: true }],
    }
    const r = resolveRequest(typed, profile, env)
    const a = await authorize(typed, r, profile, manager, signal)
    expect(a.headers['X-Business-User-Id']).toBe('typed-id')
    expect(a.headers['x-business-user-id']).toBeUndefined()
    expect(a.notes).toContain('x-business-user-id sent as you typed it.')
  })

  it('attaches no token to a foreign host, and the API key only when none was typed', async () => {
    const foreign = draftOf({ url: 'https://elsewhere.example/x' })
    const a = await authorize(
      foreign,
      resolveRequest(foreign, profile, env),
      profile,
      manager,
      signal,
    )
    expect(a.token).toBeUndefined()
    const keyed = draftOf({
      auth: 'apikey',
      headers: [{ name: 'apikey', value: 'mine', enabled: true }],
    })
    const k = await authorize(keyed, resolveRequest(keyed, profile, env), profile, manager, signal)
    expect(k.headers['apikey']).toBe('mine')
  })
})

describe('keep, record and send-failure stages', () => {
  it('classifies bodies', () => {
    expect(classifyBody('application/problem+json', '{}', false)).toBe('json')
    expect(classifyBody('', '[1]', false)).toBe('json')
    expect(classifyBody('application/octet-stream', 'x', true)).toBe('binary')
    expect(classifyBody('text/plain', '', false)).toBe('empty')
  })

  it('echoes the request masked by name and by value', () => {
    const d = draftOf({ method: 'POST', body: { kind: 'text', text: 'note known-secret-value-1' } })
    const r = resolveRequest(d, profile, env)
    const echo = echoOf(
      r,
      { 'x-api-key': 'abcdefghijklmnop' },
      'tpa-abcdefghijklmnop1234',
      createRedactor(['known-secret-value-1']),
    )
    expect(echo.headers).toEqual({ 'x-api-key': '••••mnop', Authorization: 'Bearer tpa-••••1234' })
    expect(echo.body).toBe('note ••••ue-1')
  })

  it('maps failures to the codes the UI knows', () => {
    expect(toHandlerError(new Error('boom')).code).toBe('failed')
    const known = new HandlerError('x', 'y')
    expect(toHandlerError(known)).toBe(known)
  })
})

describe('the pipeline against the sandbox', () => {
  let b: Bench
  let echo: Server
  let echoBase: string
  let refreshToken: string
  let passwordProfileId: string

  beforeAll(async () => {
    b = await startBench()
    // A host outside the environment that answers with what it got, as text/plain.
    echo = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-echo': req.headers['x-note'] ?? '' })
        res.end(`you sent ${req.url} ${body} ${req.headers['x-note'] ?? ''}`)
      })
    })
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
    echoBase = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
    // A password profile: its token comes with a refresh token the app then knows.
    const sandboxProfile = b.app.services.profiles.require(b.profileId)
    const saved = await b.ok('profiles:save', {
      ...sandboxProfile,
      id: undefined,
      name: 'Password',
      defaultGrant: 'password',
      apiSecret: SANDBOX_DEFAULTS.apiSecret,
      password: SANDBOX_DEFAULTS.password,
    })
    passwordProfileId = saved.id
    const first = await b.ok('http:send', b.draft({ profileId: passwordProfileId }))
    expect(first.status).toBe(200)
    const token = await new VaultTokenStore(b.app.services.vault).load(passwordProfileId)
    refreshToken = token!.refreshToken!
    expect(refreshToken).toMatch(/^tpr-/)
  })
  afterAll(async () => {
    await new Promise((r) => echo.close(r))
    await b.app.services.dispose()
  })

  const historyText = async (): Promise<string> => {
    await b.app.services.workbench.history.flush()
    return readFileSync(join(b.app.dataDir, HISTORY_FILE), 'utf8')
  }
  const expectScrubbed = (text: string, secret: string) => {
    expect(text).not.toContain(secret)
    expect(text).not.toContain(encodeURIComponent(secret))
    expect(text).not.toContain(secret.slice(4)) // without its type prefix
  }

  it('masks a refresh token typed into a header, a query row, a text body and an ordinary JSON field, and echoed back as text/plain', async () => {
    const t = refreshToken
    const cases = [
      {
        auth: 'none' as const,
        url: `${echoBase}/h`,
        headers: [{ name: 'x-note', value: t, enabled: true }],
      },
      {
        auth: 'none' as const,
        url: `${echoBase}/q`,
        query: [{ name: 'note', value: t, enabled: true }],
      },
      {
        auth: 'none' as const,
        method: 'POST' as const,
        url: `${echoBase}/t`,
        body: { kind: 'text' as const, text: `keep ${t} safe` },
      },
      {
        auth: 'none' as const,
        method: 'POST' as const,
        url: `${echoBase}/j`,
        body: { kind: 'json' as const, text: JSON.stringify({ note: t }) },
      },
    ]
    for (const c of cases) {
      const res = await b.ok('http:send', b.draft(c))
      expect(res.status).toBe(200)
      expect(res.body).toContain(t) // the live body is what the server sent
      expect(JSON.stringify(res.request)).not.toContain(t)
    }
    expectScrubbed(await historyText(), t)
  })

  it('masks another profile’s API secret and password, and a secret variable value', async () => {
    const otherSecret = 'another-profiles-api-secret-5150'
    const sandboxProfile = b.app.services.profiles.require(b.profileId)
    await b.ok('profiles:save', {
      ...sandboxProfile,
      id: undefined,
      name: 'Other',
      apiSecret: otherSecret,
      password: 'another-profiles-password-77',
    })
    await b.ok(
      'http:send',
      b.draft({
        auth: 'none',
        method: 'POST',
        url: `${echoBase}/o`,
        body: { kind: 'text', text: `${otherSecret} another-profiles-password-77` },
      }),
    )
    const runner = b.app.services.workbench
    await runner.send(
      b.draft({
        auth: 'none',
        url: `${echoBase}/v`,
        headers: [{ name: 'x-note', value: '{{pass}}', enabled: true }],
      }) as ParsedDraftRequest,
      undefined,
      {
        scopes: [
          { scope: 'collection', values: { pass: 'secret-variable-value-31' }, secret: ['pass'] },
        ],
      },
    )
    const text = await historyText()
    expectScrubbed(text, otherSecret)
    expectScrubbed(text, 'another-profiles-password-77')
    expectScrubbed(text, 'secret-variable-value-31')
  })

  it('masks secret-named fields of JSON response bodies in history', async () => {
    const res = await b.ok('http:send', {
      ...b.draft({
        method: 'POST',
        url: '{{apiBase}}/oauth/oauth-business-users-for-applications/accesstoken',
        auth: 'none',
        headers: [
          {
            name: 'Authorization',
            value: `Basic ${Buffer.from(`${SANDBOX_DEFAULTS.apiKey}:${SANDBOX_DEFAULTS.apiSecret}`).toString('base64')}`,
            enabled: true,
          },
        ],
        body: {
          kind: 'form',
          fields: [{ name: 'grant_type', value: 'client_credentials', enabled: true }],
        },
      }),
    })
    expect(res.status).toBe(200)
    const issued = (JSON.parse(res.body!) as { access_token: string }).access_token
    const entry = await b.ok('history:get', { id: res.historyId })
    expect(entry.response?.body).toMatch(/"access_token":\s*"tpa-••••/)
    expect(JSON.stringify(entry)).not.toContain(issued)
    expect(await historyText()).not.toContain(issued)
  })

  it('refuses …?token=%ZZ before anything is sent: no bearer token goes out', async () => {
    await b.control('DELETE', '/log')
    const r = await b.call(
      'http:send',
      b.draft({ url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews?token=%ZZ' }),
    )
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-url')
      expect(r.error.message).toMatch(/%ZZ/)
    }
    expect((await b.control('GET', '/log')).entries).toEqual([])
  })

  it('sends a typed x-business-user-id as typed', async () => {
    await b.control('DELETE', '/log')
    const res = await b.ok(
      'http:send',
      b.draft({
        method: 'POST',
        url: '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations',
        headers: [
          {
            name: 'x-business-user-id',
            value: SANDBOX_DEFAULTS.businessUserId.replace(/.$/, '0'),
            enabled: true,
          },
        ],
        body: {
          kind: 'json',
          text: JSON.stringify({
            consumerEmail: 'a@example.com',
            consumerName: 'A',
            type: 'email',
          }),
        },
      }),
    )
    expect(res.notes).toContain('x-business-user-id sent as you typed it.')
    const log = (await b.control('GET', '/log')).entries as {
      path: string
      headers: Record<string, string>
    }[]
    const sent = log.find((e) => e.path.endsWith('/email-invitations'))
    expect(sent?.headers['x-business-user-id']).toBe(
      SANDBOX_DEFAULTS.businessUserId.replace(/.$/, '0'),
    )
  })

  it('a lasting 401 causes exactly one renewal and one retry', async () => {
    await b.ok('http:send', b.draft({}))
    await b.control('DELETE', '/log')
    await b.control('POST', '/faults', { target: 'api', count: 10, status: 401 })
    const res = await b.ok('http:send', b.draft({}))
    await b.control('DELETE', '/faults')
    expect(res.status).toBe(401)
    expect(res.retried).toBe(true)
    const log = (await b.control('GET', '/log')).entries as { path: string }[]
    expect(log.filter((e) => e.path.includes('/oauth/'))).toHaveLength(1)
    expect(log.filter((e) => e.path.endsWith('/reviews'))).toHaveLength(2)
  })
})

describe('snippets use the redactor', () => {
  let b: Bench
  beforeAll(async () => {
    b = await startBench()
  })
  afterAll(() => b.app.services.dispose())

  it('masks a known secret typed into a header unless secrets are asked for', async () => {
    const typed = b.draft({
      headers: [{ name: 'x-note', value: SANDBOX_DEFAULTS.apiSecret, enabled: true }],
    })
    const masked = await b.ok('snippets:generate', { draft: typed, includeSecrets: false })
    for (const s of masked.snippets) expect(s.code).not.toContain(SANDBOX_DEFAULTS.apiSecret)
    const revealed = await b.ok('snippets:generate', { draft: typed, includeSecrets: true })
    expect(revealed.snippets[0]!.code).toContain(SANDBOX_DEFAULTS.apiSecret)
  })
})
