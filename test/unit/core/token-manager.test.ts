import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_TIMER_MS } from '../../../electron/core/auto-refresh'
import type { Scheduler } from '../../../electron/core/auto-refresh'
import {
  clientCredentialsGrant,
  passwordGrant,
  refreshTokenGrant,
} from '../../../electron/core/flows/index'
import type { FetchLike } from '../../../electron/core/http/types'
import { OAuthError } from '../../../electron/core/oauth-error'
import { buildAuthorizeUrl, newState, parseRedirect } from '../../../electron/core/redirect'
import type { GrantType, TokenSet } from '../../../electron/core/token-parse'
import { TokenManager } from '../../../electron/core/token-manager'
import type { TokenManagerOptions } from '../../../electron/core/token-manager'
import type { TokenEvent } from '../../../electron/core/token-state'
import { MemoryTokenStore } from '../../../electron/core/token-store'
import { driveLogin } from './helpers/login-driver'
import { HOUR, startTestSandbox, testClock } from './helpers/sandbox'
import type { TestSandbox } from './helpers/sandbox'

let s: TestSandbox
beforeAll(async () => {
  s = await startTestSandbox()
})
afterAll(() => s.close())
beforeEach(() => s.reset())

function setup(grant: GrantType, options: Partial<TokenManagerOptions> = {}) {
  const clock = testClock()
  const events: TokenEvent[] = []
  const sleeps: number[] = []
  const store = new MemoryTokenStore()
  const manager = new TokenManager({
    profileId: 'p1',
    env: s.env,
    client: s.client,
    credentials: grant === 'password' ? { username: s.sb.username, password: s.sb.password } : {},
    grant,
    fetch,
    store,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    onEvent: (e) => events.push(e),
    ...options,
  })
  /** Moves the sandbox clock and the manager's clock together. */
  const advance = async (ms: number) => {
    clock.advance(ms)
    await s.advanceClock(ms / 1000)
  }
  return { manager, clock, events, sleeps, store, advance }
}

const reviews = () => ({
  method: 'GET',
  url: `${s.env.apiBase}/private/business-units/${s.sb.businessUnitId}/reviews`,
})

async function rejection(p: Promise<unknown>): Promise<OAuthError> {
  try {
    await p
  } catch (err) {
    if (err instanceof OAuthError) return err
    throw err
  }
  throw new Error('expected an OAuthError')
}

async function loginCode(): Promise<string> {
  const state = newState()
  const url = buildAuthorizeUrl(s.env, {
    clientId: s.sb.apiKey,
    redirectUri: s.sb.redirectUri,
    responseType: 'code',
    state,
  })
  const r = parseRedirect(
    await driveLogin(url, { username: s.sb.username, password: s.sb.password }),
    s.sb.redirectUri,
    state,
  )
  if (r.kind !== 'code') throw new Error(`login gave ${r.kind}`)
  return r.code
}

describe('TokenManager', () => {
  it('reuses a valid token with no network call', async () => {
    const { manager, events } = setup('client_credentials')
    const a = await manager.getAccessToken()
    const b = await manager.getAccessToken()
    const call = await manager.fetchAuthorized(reviews())
    expect(b).toBe(a)
    expect(call.response.status).toBe(200)
    expect(call.retried).toBe(false)
    expect(await s.tokenRequests()).toHaveLength(1)
    expect(events.map((e) => e.type)).toEqual(['obtained'])
    expect(manager.state()).toMatchObject({
      status: 'valid',
      grant: 'client_credentials',
      hasRefreshToken: false,
    })
  })

  it('refreshes ahead of expiry at 72% of the lifetime, then on expiry (sandbox + injected clocks)', async () => {
    const { manager, advance, events } = setup('password')
    const first = await manager.getAccessToken()
    await advance(71 * HOUR)
    expect(await manager.getAccessToken()).toBe(first)
    expect(manager.state().status).toBe('valid')
    await advance(1.5 * HOUR) // 72.5 h: due
    expect(manager.state().status).toBe('expiring')
    const second = await manager.getAccessToken()
    expect(second).not.toBe(first)
    expect(events.at(-1)?.type).toBe('refreshed')
    await advance(101 * HOUR) // the second token has expired
    expect(manager.state().status).toBe('expired')
    const call = await manager.fetchAuthorized(reviews())
    expect(call.response.status).toBe(200)
    expect(call.retried).toBe(false)
    const log = await s.tokenRequests()
    expect(log.map((e) => e.grantType)).toEqual(['password', 'refresh_token', 'refresh_token'])
    expect(events.map((e) => e.type)).toEqual(['obtained', 'refreshed', 'expired', 'refreshed'])
  })

  it('honours a configured threshold', async () => {
    const { manager, advance } = setup('client_credentials', { refreshAt: 0.5 })
    const first = await manager.getAccessToken()
    await advance(49 * HOUR)
    expect(await manager.getAccessToken()).toBe(first)
    await advance(2 * HOUR)
    expect(await manager.getAccessToken()).not.toBe(first)
  })

  it('retries once with a new token when the token was superseded elsewhere', async () => {
    const { manager, events } = setup('client_credentials')
    const mine = await manager.getAccessToken()
    await clientCredentialsGrant({ fetch, env: s.env, client: s.client }) // another app takes over
    const call = await manager.fetchAuthorized(reviews())
    expect(call.retried).toBe(true)
    expect(call.response.status).toBe(200)
    expect(await manager.getAccessToken()).not.toBe(mine)
    expect(events.map((e) => e.type)).toEqual(['obtained', 'expired', 'obtained'])
    const log = await s.log()
    expect(log.filter((e) => e.path.endsWith('/reviews')).map((e) => e.status)).toEqual([401, 200])
  })

  it('100 concurrent calls on an expired token cause exactly one token request', async () => {
    const { manager, advance } = setup('password')
    await manager.getAccessToken()
    await advance(101 * HOUR)
    await s.clearLog()
    const calls = await Promise.all(
      Array.from({ length: 100 }, () => manager.fetchAuthorized(reviews())),
    )
    expect(calls.every((c) => c.response.status === 200 && !c.retried)).toBe(true)
    const tokenRequests = await s.tokenRequests()
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]?.grantType).toBe('refresh_token')
    const apiAuth = new Set(
      (await s.log())
        .filter((e) => e.path.endsWith('/reviews'))
        .map((e) => JSON.stringify(e.headers)),
    )
    expect(apiAuth.size).toBe(1) // all used the same (newest) token
  })

  it('100 concurrent calls rejected with 401 (server-side expiry) cause one renewal and one retry each', async () => {
    const { manager } = setup('password')
    await manager.getAccessToken()
    await s.advanceClock(101 * 3600) // only the server knows
    await s.clearLog()
    const calls = await Promise.all(
      Array.from({ length: 100 }, () => manager.fetchAuthorized(reviews())),
    )
    expect(calls.every((c) => c.response.status === 200 && c.retried)).toBe(true)
    expect(await s.tokenRequests()).toHaveLength(1)
  })

  it('stores the new refresh token before the new access token is used', async () => {
    const order: string[] = []
    const store = new MemoryTokenStore()
    const recordingStore = {
      load: (id: string) => store.load(id),
      clear: (id: string) => store.clear(id),
      save: async (id: string, t: TokenSet) => {
        await new Promise((r) => setTimeout(r, 50)) // a slow vault: encryption, disk
        await store.save(id, t)
        order.push(`save ${t.accessToken}`)
      },
    }
    const recordingFetch: FetchLike = (input, init) => {
      const auth = new Headers(init?.headers).get('authorization')
      if (auth?.startsWith('Bearer ')) order.push(`use ${auth.slice(7)}`)
      return fetch(input, init)
    }
    const { manager, advance } = setup('password', { store: recordingStore, fetch: recordingFetch })
    await manager.fetchAuthorized(reviews())
    await advance(101 * HOUR)
    const first = manager.fetchAuthorized(reviews())
    await new Promise((r) => setTimeout(r, 25)) // a second call arrives while the vault is saving
    await Promise.all([first, manager.fetchAuthorized(reviews())])
    const saved = await store.load('p1')
    expect(saved?.refreshToken).toMatch(/^tpr-/)
    const token = await manager.getAccessToken()
    expect(order.indexOf(`save ${token}`)).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(`save ${token}`)).toBeLessThan(order.indexOf(`use ${token}`))
  })

  it('keeps the old refresh token when a refresh response carries none', async () => {
    const { manager } = setup('password')
    await manager.getAccessToken()
    const before = manager.state().refreshTokenMasked
    await s.fault({
      target: 'token',
      count: 1,
      status: 200,
      body: JSON.stringify({
        access_token: 'tpa-injectedwithoutrefresh0000',
        expires_in: '360000',
        token_type: 'BearerToken',
      }),
    })
    await manager.refreshNow()
    expect(manager.state()).toMatchObject({
      accessTokenMasked: 'tpa-••••0000',
      hasRefreshToken: true,
      refreshTokenMasked: before,
    })
  })

  it('re-issues client-credentials tokens and password tokens whose refresh token was spent', async () => {
    const cc = setup('client_credentials')
    await cc.manager.getAccessToken()
    await cc.advance(101 * HOUR)
    await cc.manager.getAccessToken()
    expect((await s.tokenRequests()).map((e) => e.grantType)).toEqual([
      'client_credentials',
      'client_credentials',
    ])

    await s.reset()
    const pw = setup('password')
    const t = await pw.manager.getToken()
    await refreshTokenGrant(
      { fetch, env: s.env, client: s.client },
      { refreshToken: t.refreshToken!, previous: t },
    )
    await pw.advance(101 * HOUR)
    const call = await pw.manager.fetchAuthorized(reviews())
    expect(call.response.status).toBe(200)
    expect(pw.manager.lastTrace()?.flow).toBe('refresh_token → password')
  })

  it('reports sign-in required when an authorization-code token can neither be refreshed nor re-issued', async () => {
    const { manager, advance, events } = setup('authorization_code')
    const code = await loginCode()
    const t = await manager.acquire('authorization_code', { code, redirectUri: s.sb.redirectUri })
    // spend the refresh token elsewhere, then let the access token expire
    await refreshTokenGrant(
      { fetch, env: s.env, client: s.client },
      { refreshToken: t.refreshToken!, previous: t },
    )
    await advance(101 * HOUR)
    const err = await rejection(manager.getAccessToken())
    expect(err.code).toBe('sign_in_required')
    expect(err.message).toMatch(/single-use.*sign-in is required/)
    expect(manager.state().status).toBe('sign-in-required')
    expect(events.map((e) => e.type)).toEqual(['obtained', 'expired', 'sign-in-required'])
  })

  it('implicit tokens: sign-in required on expiry, as an event and an error', async () => {
    const { manager, advance, events } = setup('implicit')
    const state = newState()
    const url = buildAuthorizeUrl(s.env, {
      clientId: s.sb.apiKey,
      redirectUri: s.sb.redirectUri,
      responseType: 'token',
      state,
    })
    const r = parseRedirect(
      await driveLogin(url, { username: s.sb.username, password: s.sb.password }),
      s.sb.redirectUri,
      state,
    )
    if (r.kind !== 'token') throw new Error('expected a token')
    await manager.acquire('implicit', { implicit: r })
    expect((await manager.fetchAuthorized(reviews())).response.status).toBe(200)
    expect(JSON.stringify(manager.lastTrace())).not.toContain(r.accessToken)
    await advance(101 * HOUR)
    const err = await rejection(manager.fetchAuthorized(reviews()))
    expect(err.code).toBe('sign_in_required')
    expect(events.map((e) => e.type)).toEqual(['obtained', 'expired', 'sign-in-required'])
    expect(await s.tokenRequests()).toHaveLength(0)
  })

  it('backs off on a 429 storm, honouring Retry-After, then gives up with the explanation', async () => {
    const { manager, sleeps, events } = setup('client_credentials')
    await s.fault({ target: 'token', count: 10, status: 429, retryAfter: '7' })
    const err = await rejection(manager.getAccessToken())
    expect(err.code).toBe('rate_limited')
    expect(err.message).toMatch(/429 Too Many Requests 4 times/)
    expect(err.message).toMatch(/Trustpilot rejects too-frequent authentication/)
    expect(sleeps).toEqual([7000, 7000, 7000])
    expect(await s.tokenRequests()).toHaveLength(4)
    expect(manager.state()).toMatchObject({ status: 'error', lastError: { code: 'rate_limited' } })
    expect(events.at(-1)?.type).toBe('error')
  })

  it('without Retry-After backs off exponentially and succeeds when the storm ends', async () => {
    const { manager, sleeps } = setup('client_credentials', { maxTokenRetries: 5 })
    await s.fault({ target: 'token', count: 3, status: 429 })
    await manager.getAccessToken()
    expect(sleeps).toEqual([2000, 4000, 8000])
    expect(manager.state().status).toBe('valid')
  })

  it('retries a token-shaped 403 but not a permission 403', async () => {
    const { manager } = setup('client_credentials')
    await manager.getAccessToken()
    await s.fault({
      target: 'api',
      count: 1,
      status: 403,
      body: '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}',
    })
    expect((await manager.fetchAuthorized(reviews())).retried).toBe(true)
    await s.fault({
      target: 'api',
      count: 1,
      status: 403,
      body: '{"message":"Your plan does not include the API"}',
    })
    const plan = await manager.fetchAuthorized(reviews())
    expect(plan.retried).toBe(false)
    expect(plan.response.status).toBe(403)
  })

  it('refuses to send the token to a host outside the environment', async () => {
    const { manager } = setup('client_credentials')
    const err = await rejection(
      manager.fetchAuthorized({ method: 'GET', url: 'https://example.com/x' }),
    )
    expect(err.code).toBe('config')
    expect(await s.tokenRequests()).toHaveLength(0)
  })

  it('emits masked events and masked state', async () => {
    const { manager, events } = setup('password')
    const token = await manager.getToken()
    const text = JSON.stringify([events, manager.state(), manager.lastTrace()])
    expect(text).not.toContain(token.accessToken)
    expect(text).not.toContain(token.refreshToken)
    expect(text).not.toContain(s.sb.password)
    expect(text).not.toContain(s.sb.apiSecret)
    expect(manager.state().rawMasked?.access_token).toMatch(/^tpa-••••/)
  })

  it('keeps a profile fresh in the background, never more often than the threshold', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    const scheduler: Scheduler = {
      set: (fn, ms) => timers.push({ fn, ms }) - 1,
      clear: () => undefined,
    }
    const { manager, advance, events } = setup('password', { scheduler })
    await manager.getAccessToken()
    manager.startAutoRefresh()
    await Promise.resolve()
    expect(timers.at(-1)?.ms).toBe(MAX_TIMER_MS) // 72 h away, capped: the loop re-checks the clock
    await manager.autoRefreshTick() // nothing due yet
    expect(await s.tokenRequests()).toHaveLength(1)
    await advance(72 * HOUR)
    await manager.autoRefreshTick()
    expect(events.at(-1)?.type).toBe('refreshed')
    await manager.autoRefreshTick() // just refreshed: not due again
    expect((await s.tokenRequests()).map((e) => e.grantType)).toEqual(['password', 'refresh_token'])
    await advance(100 * HOUR) // kept fresh: the token never lapses between calls
    await manager.autoRefreshTick()
    expect(manager.state().status).toBe('valid')
    expect((await manager.fetchAuthorized(reviews())).retried).toBe(false)
    manager.dispose()
    const count = timers.length
    await manager.autoRefreshTick()
    expect(timers.length).toBe(count) // disposed: nothing scheduled
  })

  it('sign-out revokes the refresh token and the access token, and forgets them', async () => {
    const { manager, store, events } = setup('password')
    const token = await manager.getToken()
    const result = await manager.signOut()
    expect(result).toEqual({ refreshRevoked: true, accessRevoked: true, errors: [] })
    expect(await store.load('p1')).toBeNull()
    expect(manager.state().status).toBe('none')
    expect(events.at(-1)?.type).toBe('revoked')
    expect((await s.tokenRequests()).map((e) => e.path.split('/').pop())).toEqual([
      'accesstoken',
      'revoke',
      'revoke',
    ])
    const stale = await passwordGrant(
      { fetch, env: s.env, client: s.client },
      { username: s.sb.username, password: s.sb.password },
    )
    expect(stale.accessToken).not.toBe(token.accessToken)
    const err = await rejection(
      refreshTokenGrant(
        { fetch, env: s.env, client: s.client },
        { refreshToken: token.refreshToken!, previous: token },
      ),
    )
    expect(err.code).toBe('invalid_grant')
  })

  it('lets one caller cancel without cancelling the shared renewal', async () => {
    const { manager } = setup('client_credentials')
    await s.fault({ target: 'token', count: 1, kind: 'delay', delayMs: 300 })
    const controller = new AbortController()
    const cancelled = manager.getAccessToken(controller.signal)
    const other = manager.getAccessToken()
    controller.abort()
    expect((await rejection(cancelled)).code).toBe('aborted')
    expect(await other).toMatch(/^tpa-/)
    expect(await s.tokenRequests()).toHaveLength(1)
  })
})
