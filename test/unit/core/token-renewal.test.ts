/** Token renewal counts that must hold exactly (issue 12 token storm, issue 13 "tests that can fail"). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../../../electron/core/auto-refresh'
import { clientCredentialsGrant } from '../../../electron/core/flows/index'
import { parseRedirect } from '../../../electron/core/redirect'
import { byName } from '../../../electron/core/redact'
import { newTrace } from '../../../electron/core/trace'
import { parseTokenResponse, type TokenSet } from '../../../electron/core/token-parse'
import { TokenManager } from '../../../electron/core/token-manager'
import { MemoryTokenStore } from '../../../electron/core/token-store'
import { HOUR, startTestSandbox, testClock, type TestSandbox } from './helpers/sandbox'

let s: TestSandbox
beforeAll(async () => {
  s = await startTestSandbox()
})
afterAll(() => s.close())
beforeEach(() => s.reset())

function setup(store = new MemoryTokenStore(), scheduler?: Scheduler) {
  const clock = testClock()
  const manager = new TokenManager({
    profileId: 'p1',
    env: s.env,
    client: s.client,
    credentials: { username: s.sb.username, password: s.sb.password },
    grant: 'password',
    fetch,
    store,
    now: clock.now,
    ...(scheduler ? { scheduler } : {}),
  })
  const advance = async (ms: number) => {
    clock.advance(ms)
    await s.advanceClock(ms / 1000)
  }
  return { manager, clock, advance }
}

const reviews = () => ({
  method: 'GET',
  url: `${s.env.apiBase}/private/business-units/${s.sb.businessUnitId}/reviews`,
})

describe('token renewal counts', () => {
  it('100 concurrent calls on an expired token: exactly 1 token request', async () => {
    const { manager, advance } = setup()
    await manager.getAccessToken()
    await advance(101 * HOUR)
    await s.clearLog()
    await Promise.all(Array.from({ length: 100 }, () => manager.fetchAuthorized(reviews())))
    expect(await s.tokenRequests()).toHaveLength(1)
  })

  it('a 1,000-call run across an expiry: exactly 1 renewal', async () => {
    const { manager, advance } = setup()
    await manager.getAccessToken()
    await s.clearLog()
    for (let batch = 0; batch < 20; batch++) {
      // Half way through, the token expires (sandbox and manager clocks together).
      if (batch === 10) await advance(101 * HOUR)
      const calls = await Promise.all(
        Array.from({ length: 50 }, () => manager.fetchAuthorized(reviews())),
      )
      expect(calls.filter((c) => c.response.status === 200 && !c.retried)).toHaveLength(50)
    }
    expect(await s.tokenRequests()).toHaveLength(1)
  })

  it('a lasting 401: exactly one renewal and one retry', async () => {
    const { manager } = setup()
    await manager.getAccessToken()
    await s.clearLog()
    await s.fault({ target: 'api', count: 10, status: 401 })
    const call = await manager.fetchAuthorized(reviews())
    expect(call.response.status).toBe(401)
    expect(call.retried).toBe(true)
    expect(await s.tokenRequests()).toHaveLength(1)
    expect((await s.log()).filter((e) => e.path.endsWith('/reviews'))).toHaveLength(2)
  })
})

describe('expiry and the background timer', () => {
  it('an empty-string expires_in is neither 0 nor a valid lifetime: one hour is assumed', () => {
    const t = parseTokenResponse({ access_token: 'tpa-x', expires_in: '' }, 1_000_000, 'password')
    expect(t.expiryAssumed).toBe(true)
    expect(t.expiresAt).toBe(1_000_000 + HOUR)
    const blank = parseTokenResponse({ access_token: 'tpa-x', expires_in: '  ' }, 0, 'password')
    expect(blank.expiryAssumed).toBe(true)
  })

  it('wakes when a refresh is due (72 % of the lifetime), not at expiry', async () => {
    const delays: number[] = []
    const scheduler: Scheduler = { set: (_fn, ms) => delays.push(ms), clear: () => undefined }
    const store = new MemoryTokenStore()
    const now = Date.now()
    const token: TokenSet = {
      accessToken: 'tpa-stored-token-0001',
      refreshToken: 'tpr-stored-refresh-0001',
      tokenType: 'Bearer',
      grant: 'password',
      obtainedAt: now,
      expiresAt: now + 100 * 1000,
      raw: {},
    }
    await store.save('p1', token)
    const { manager, clock } = setup(store, scheduler)
    clock.advance(now - clock.now())
    manager.startAutoRefresh()
    await new Promise((r) => setTimeout(r, 0))
    expect(delays.at(-1)).toBe(72 * 1000) // due at 72 % of 100 s, expiry would be 100 s
    manager.dispose()
  })
})

describe('a literal % never breaks a token flow (issue 13, item 2)', () => {
  it('a custom token URL with ?tag=50% still gets tokens, and its trace is masked', async () => {
    const env = { ...s.env, tokenUrl: `${s.env.tokenUrl}?tag=50%` }
    const trace = newTrace('client_credentials')
    const t = await clientCredentialsGrant({ fetch, env, client: s.client, trace })
    expect(t.accessToken).toMatch(/^tpa-/)
    expect(trace.steps[0]?.request.url).toContain('tag=50%')
  })

  it('a callback with &note=100% is read and masked', () => {
    const url = 'https://app.example/cb?code=abcdefghijklmnopqrst&state=s1&note=100%'
    const r = parseRedirect(url, 'https://app.example/cb', 's1')
    expect(r.kind).toBe('code')
    expect(byName.url(url)).toBe('https://app.example/cb?code=••••qrst&state=s1&note=100%')
  })
})

describe('flow traces are masked by value too', () => {
  it('a token endpoint echoing the API secret as text/plain: not in the trace', async () => {
    const { manager } = setup()
    await s.fault({
      target: 'token',
      count: 1,
      status: 400,
      body: `bad client ${s.sb.apiSecret}`,
      contentType: 'text/plain',
    })
    await manager.getAccessToken().catch(() => undefined)
    const trace = manager.lastTrace()
    expect(trace?.steps[0]?.response?.body).toMatch(/^bad client /)
    expect(JSON.stringify(trace)).not.toContain(s.sb.apiSecret)
  })
})
