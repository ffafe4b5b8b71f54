import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { sandboxControlHeaders } from '../../../electron/shared/sandbox-control'
import type { Json } from './helpers'
import {
  clientCredentialsToken,
  control,
  loginForCode,
  passwordToken,
  send,
  start,
  tokenRequest,
} from './helpers'

let sbx: RunningSandbox

beforeAll(async () => {
  sbx = await start()
})
afterAll(async () => {
  await sbx.close()
})
beforeEach(async () => {
  await control(sbx, 'POST', '/reset')
})

const templatesUrl = (): string =>
  `${sbx.invitationsBase}/private/business-units/${sbx.businessUnitId}/templates`
const reviewsUrl = (): string =>
  `${sbx.apiBase}/private/business-units/${sbx.businessUnitId}/reviews?perPage=1`

describe('clock', () => {
  it('advances the sandbox clock and reports it; reset puts it back', async () => {
    const before = await control(sbx, 'GET', '/clock')
    expect(before.status).toBe(200)
    expect(Math.abs(before.body.now - Date.now())).toBeLessThan(2000)
    const after = await control(sbx, 'POST', '/clock', { advanceSeconds: 3600 })
    expect(after.status).toBe(200)
    expect(after.body.now - Date.now()).toBeGreaterThan(3_598_000)
    expect(after.body.offsetMs).toBe(3_600_000)
    // Tokens are stamped with the sandbox clock.
    const token = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(Number(token.body.issued_at) * 1000 - Date.now()).toBeGreaterThan(3_590_000)
    await control(sbx, 'POST', '/reset')
    expect((await control(sbx, 'GET', '/clock')).body.offsetMs).toBe(0)
  })

  it('validates its body', async () => {
    expect((await control(sbx, 'POST', '/clock', { advanceSeconds: 'soon' })).status).toBe(400)
    expect(
      (
        await send('POST', `${sbx.controlBase}/clock`, {
          raw: '{bad',
          headers: sandboxControlHeaders(),
        })
      ).status,
    ).toBe(400)
  })
})

describe('faults', () => {
  it('429 with Retry-After on the next token request only', async () => {
    const queued = await control(sbx, 'POST', '/faults', {
      target: 'token',
      count: 1,
      status: 429,
      retryAfter: '7',
    })
    expect(queued.status).toBe(200)
    const limited = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    const ok = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(ok.status).toBe(200)
    expect((await send('GET', reviewsUrl(), { token: ok.body.access_token })).status).toBe(200)
  })

  it('429 with and without Retry-After, counted per request', async () => {
    await control(sbx, 'POST', '/faults', {
      target: 'token',
      count: 2,
      status: 429,
      retryAfter: '3',
    })
    await control(sbx, 'POST', '/faults', { target: 'token', count: 1, status: 429 })
    const first = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('3')
    expect(first.body.fault.detail.errorcode).toBe('policies.ratelimit.QuotaViolation')
    expect(
      (await tokenRequest(sbx, { grant_type: 'client_credentials' })).headers.get('retry-after'),
    ).toBe('3')
    const third = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBeNull()
    expect((await tokenRequest(sbx, { grant_type: 'client_credentials' })).status).toBe(200)
  })

  it('500 and custom body/headers on API requests; token requests unaffected', async () => {
    const token = await clientCredentialsToken(sbx)
    await control(sbx, 'POST', '/faults', {
      target: 'api',
      count: 1,
      status: 500,
      body: '{"oops":true}',
      headers: { 'x-injected': 'yes' },
    })
    expect(
      (
        await tokenRequest(sbx, {
          grant_type: 'password',
          username: sbx.username,
          password: sbx.password,
        })
      ).status,
    ).toBe(200)
    const failed = await send('GET', templatesUrl(), {
      token: (await passwordToken(sbx))['access_token'],
    })
    expect(failed.status).toBe(500)
    expect(failed.body).toEqual({ oops: true })
    expect(failed.headers.get('x-injected')).toBe('yes')
    expect(token).toMatch(/^tpa-/)
  })

  it('default 500 body is readable JSON', async () => {
    await control(sbx, 'POST', '/faults', { target: 'api', status: 502 })
    const res = await send('GET', reviewsUrl())
    expect(res.status).toBe(502)
    expect(res.body.message).toBeTruthy()
  })

  it('an HTML error page', async () => {
    await control(sbx, 'POST', '/faults', { target: 'any', kind: 'html', status: 403 })
    const res = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toMatch(/<html>/)
  })

  it('malformed JSON with status 200', async () => {
    await control(sbx, 'POST', '/faults', { target: 'token', kind: 'malformed-json' })
    const res = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(() => JSON.parse(res.text)).toThrow()
  })

  it('a delay, after which the request is handled normally', async () => {
    await control(sbx, 'POST', '/faults', { target: 'token', kind: 'delay', delayMs: 300 })
    const started = Date.now()
    const res = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    expect(res.status).toBe(200)
    const quick = Date.now()
    await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(Date.now() - quick).toBeLessThan(250)
  })

  it('lists, clears, and rejects bad specs; login page is never faulted', async () => {
    await control(sbx, 'POST', '/faults', { target: 'any', count: 3, status: 503 })
    const pending = await control(sbx, 'GET', '/faults')
    expect(pending.body.pending).toHaveLength(1)
    expect(pending.body.pending[0].remaining).toBe(3)
    expect(
      (
        await send(
          'GET',
          `${sbx.loginUrl}?client_id=${sbx.apiKey}&redirect_uri=${encodeURIComponent(sbx.redirectUri)}&response_type=code`,
        )
      ).status,
    ).toBe(200)
    await control(sbx, 'DELETE', '/faults')
    expect((await control(sbx, 'GET', '/faults')).body.pending).toHaveLength(0)
    for (const bad of [
      { target: 'everything' },
      { count: 0 },
      { status: 99 },
      { kind: 'explode' },
      { delayMs: 999999 },
      { headers: { 'bad header': 'x' } },
      { retryAfter: '1\r\nx-evil: 1' },
      [1, 2],
    ]) {
      const res = await control(sbx, 'POST', '/faults', bad)
      expect(res.status).toBe(400)
      expect(res.body.details.length).toBeGreaterThan(0)
    }
  })
})

describe('request log', () => {
  it('records requests with secrets masked', async () => {
    const pair = await passwordToken(sbx)
    const code = await loginForCode(sbx)
    await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
    })
    await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: pair['refresh_token']! },
      'refresh',
    )
    await send('GET', `${reviewsUrl()}&stars=5`, { token: pair['access_token'] })
    await send(
      'GET',
      `${sbx.apiBase}/business-units/find?name=x&access_token=${pair['access_token']}`,
      { headers: { apikey: sbx.apiKey } },
    )

    const log = await control(sbx, 'GET', '/log')
    expect(log.status).toBe(200)
    const entries: Json[] = log.body.entries
    const text = JSON.stringify(entries)
    for (const secret of [
      sbx.apiSecret,
      sbx.password,
      pair['access_token'],
      pair['refresh_token'],
      code,
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(text).not.toContain(Buffer.from(`${sbx.apiKey}:${sbx.apiSecret}`).toString('base64'))

    const password = entries.find((e) => e.grantType === 'password')
    expect(password).toMatchObject({
      listener: 'api',
      method: 'POST',
      path: '/v1/oauth/oauth-business-users-for-applications/accesstoken',
      status: 200,
      clientId: sbx.apiKey,
    })
    expect(password.headers.authorization).toBe('Basic ••••')
    expect(password.body.username).toBe(sbx.username)
    expect(password.body.password).toMatch(/^••••/)
    const login = entries.find((e) => e.listener === 'login' && e.method === 'POST')
    expect(login.status).toBe(302)
    expect(login.body.password).toMatch(/^••••/)
    const api = entries.find((e) => e.path.endsWith('/reviews'))
    expect(api.headers.authorization).toMatch(/^Bearer ••••.{4}$/)
    expect(api.query).toEqual({ perPage: '1', stars: '5' })
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b))
    expect(typeof entries[0].time).toBe('string')
    // Control requests are not logged.
    expect(entries.some((e) => e.path.startsWith('/__sandbox'))).toBe(false)

    expect((await control(sbx, 'DELETE', '/log')).status).toBe(200)
    expect((await control(sbx, 'GET', '/log')).body.entries).toEqual([])
  })

  it('marks injected faults', async () => {
    await control(sbx, 'POST', '/faults', { target: 'token', status: 500 })
    await tokenRequest(sbx, { grant_type: 'client_credentials' })
    const entries: Json[] = (await control(sbx, 'GET', '/log')).body.entries
    expect(entries.at(-1)).toMatchObject({
      status: 500,
      fault: true,
      grantType: 'client_credentials',
    })
  })
})

describe('reset', () => {
  it('restores seeded data, drops tokens, faults and log', async () => {
    const token = (await passwordToken(sbx))['access_token']!
    const reviews = await send('GET', reviewsUrl(), { token })
    const reviewId = reviews.body.reviews[0].id
    await send('PUT', `${sbx.apiBase}/private/reviews/${reviewId}/tags`, {
      token,
      json: { tags: [{ group: 'generic', value: 'reset-me' }] },
    })
    await send(
      'POST',
      `${sbx.invitationsBase}/private/business-units/${sbx.businessUnitId}/email-invitations`,
      {
        token,
        json: { consumerEmail: 'a@example.com' },
      },
    )
    await control(sbx, 'POST', '/faults', { target: 'api', count: 5, status: 500 })
    const reset = await control(sbx, 'POST', '/reset')
    expect(reset.status).toBe(200)
    expect((await send('GET', reviewsUrl(), { token })).status).toBe(401)
    const fresh = (await passwordToken(sbx))['access_token']!
    const tags = await send('GET', `${sbx.apiBase}/private/reviews/${reviewId}/tags`, {
      token: fresh,
    })
    expect(tags.status).toBe(200)
    expect(tags.body.tags.some((t: Json) => t.value === 'reset-me')).toBe(false)
    const state = await control(sbx, 'GET', '/state')
    expect(state.body.invitations).toEqual([])
    expect(state.body.counts.reviews).toBe(160)
    expect((await control(sbx, 'GET', '/log')).body.entries.length).toBe(3)
  })
})

describe('control surface', () => {
  it('lives only on the API listener', async () => {
    expect((await control(sbx, 'GET', '')).status).toBe(200)
    expect((await send('GET', `${new URL(sbx.invitationsBase).origin}/__sandbox/log`)).status).toBe(
      404,
    )
    expect((await send('POST', `${new URL(sbx.loginUrl).origin}/__sandbox/reset`)).status).toBe(404)
    expect((await control(sbx, 'GET', '/nope')).status).toBe(404)
    expect((await control(sbx, 'PUT', '/reset')).status).toBe(405)
  })
})
