import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  assertRedirectUsable,
  authorizationCodeGrant,
  clientCredentialsGrant,
  implicitTokenFromRedirect,
  passwordGrant,
  refreshTokenGrant,
  revokeToken,
} from '../../../electron/core/flows/index'
import type { FlowContext } from '../../../electron/core/flows/index'
import { sendRequest } from '../../../electron/core/http/send-request'
import { OAuthError } from '../../../electron/core/oauth-error'
import { buildAuthorizeUrl, newState, parseRedirect } from '../../../electron/core/redirect'
import { newTrace } from '../../../electron/core/trace'
import { driveLogin } from './helpers/login-driver'
import { startTestSandbox } from './helpers/sandbox'
import type { TestSandbox } from './helpers/sandbox'

let s: TestSandbox
beforeAll(async () => {
  s = await startTestSandbox()
})
afterAll(() => s.close())
beforeEach(() => s.reset())

const ctx = (extra: Partial<FlowContext> = {}): FlowContext => ({
  fetch,
  env: s.env,
  client: s.client,
  ...extra,
})
const creds = () => ({ username: s.sb.username, password: s.sb.password })

async function apiStatus(token: string): Promise<number> {
  const res = await sendRequest(fetch, {
    method: 'GET',
    url: `${s.env.apiBase}/private/business-units/${s.sb.businessUnitId}/reviews`,
    headers: { Authorization: `Bearer ${token}` },
  })
  return res.status
}

async function rejection(p: Promise<unknown>): Promise<OAuthError> {
  try {
    await p
  } catch (err) {
    if (err instanceof OAuthError) return err
    throw err
  }
  throw new Error('expected an OAuthError')
}

/** Logs in through the sandbox login page and returns the parsed redirect. */
async function login(
  responseType: 'code' | 'token',
  action: 'signin' | 'google' | 'cancel' = 'signin',
) {
  const state = newState()
  const url = buildAuthorizeUrl(s.env, {
    clientId: s.sb.apiKey,
    redirectUri: s.sb.redirectUri,
    responseType,
    state,
  })
  const location = await driveLogin(url, creds(), action)
  return { location, state, result: parseRedirect(location, s.sb.redirectUri, state) }
}

describe('grants against the sandbox', () => {
  it('client credentials: Basic auth, string response, token works on the API', async () => {
    const trace = newTrace('client_credentials')
    const t = await clientCredentialsGrant(ctx({ trace }))
    expect(t.accessToken).toMatch(/^tpa-/)
    expect(t.grant).toBe('client_credentials')
    expect(t.refreshToken).toBeUndefined()
    expect(t.expiresAt - t.obtainedAt).toBe(360_000_000)
    expect(await apiStatus(t.accessToken)).toBe(200)
    const [entry] = await s.tokenRequests()
    expect(entry?.grantType).toBe('client_credentials')
    // the trace is masked: shows the key, never the secret or the token
    const text = JSON.stringify(trace)
    expect(text).toContain(`base64(${s.sb.apiKey}:`)
    expect(text).not.toContain(s.sb.apiSecret)
    expect(text).not.toContain(t.accessToken)
    expect(trace.steps[0]?.response?.status).toBe(200)
    expect(trace.steps[0]?.explanation).toBeTruthy()
  })

  it('password grant returns a refresh token; wrong password is explained', async () => {
    const t = await passwordGrant(ctx(), creds())
    expect(t.refreshToken).toMatch(/^tpr-/)
    expect(t.refreshExpiresAt! - t.obtainedAt).toBe(7_776_000_000)
    const err = await rejection(
      passwordGrant(ctx(), { username: s.sb.username, password: 'wrong' }),
    )
    expect(err.code).toBe('invalid_grant')
    expect(err.message).toContain('username or password')
  })

  it('a wrong secret is invalid_client with a hint', async () => {
    const err = await rejection(
      clientCredentialsGrant(ctx({ client: { ...s.client, apiSecret: 'nope' } })),
    )
    expect(err.code).toBe('invalid_client')
    expect(err.status).toBe(401)
    expect(err.message).toMatch(/API key or secret was not accepted/)
  })

  it('refresh rotates the refresh token: the old one is then rejected', async () => {
    const first = await passwordGrant(ctx(), creds())
    const second = await refreshTokenGrant(ctx(), {
      refreshToken: first.refreshToken!,
      previous: first,
    })
    expect(second.refreshToken).toMatch(/^tpr-/)
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect(second.grant).toBe('password')
    expect(await apiStatus(second.accessToken)).toBe(200)
    expect(await apiStatus(first.accessToken)).toBe(401) // superseded
    const err = await rejection(
      refreshTokenGrant(ctx(), { refreshToken: first.refreshToken!, previous: first }),
    )
    expect(err.code).toBe('invalid_grant')
    expect(err.message).toMatch(/single-use/)
    const log = await s.tokenRequests()
    expect(log.map((e) => e.path.split('/').pop())).toEqual(['accesstoken', 'refresh', 'refresh'])
  })

  it('authorization code: login page form, code in the query, exchange with the same redirect_uri', async () => {
    const { result, location } = await login('code')
    expect(location.startsWith(s.sb.redirectUri)).toBe(true)
    assertRedirectUsable(result, 'code')
    if (result.kind !== 'code') throw new Error('unreachable')
    expect(result.state).toBe('ok')
    const t = await authorizationCodeGrant(ctx(), {
      code: result.code,
      redirectUri: s.sb.redirectUri,
    })
    expect(t.grant).toBe('authorization_code')
    expect(t.refreshToken).toMatch(/^tpr-/)
    expect(await apiStatus(t.accessToken)).toBe(200)
    // the code is single-use
    const again = await rejection(
      authorizationCodeGrant(ctx(), { code: result.code, redirectUri: s.sb.redirectUri }),
    )
    expect(again.code).toBe('invalid_grant')
    expect(again.message).toMatch(/single-use/)
  })

  it('authorization code with client_id/client_secret in the body', async () => {
    const { result } = await login('code')
    if (result.kind !== 'code') throw new Error(`expected a code, got ${result.kind}`)
    const t = await authorizationCodeGrant(ctx({ client: { ...s.client, clientAuth: 'body' } }), {
      code: result.code,
      redirectUri: s.sb.redirectUri,
    })
    expect(t.accessToken).toMatch(/^tpa-/)
    const [entry] = await s.tokenRequests()
    expect(entry?.headers.authorization ?? entry?.headers.Authorization).toBeUndefined()
  })

  it('a different redirect_uri at exchange is refused', async () => {
    const { result } = await login('code')
    if (result.kind !== 'code') throw new Error('expected a code')
    const err = await rejection(
      authorizationCodeGrant(ctx(), {
        code: result.code,
        redirectUri: `${s.sb.redirectUri}/other`,
      }),
    )
    expect(err.code).toBe('invalid_grant')
  })

  it('implicit: token in the fragment, no refresh token', async () => {
    const { result, location } = await login('token')
    expect(new URL(location).hash).toContain('access_token=')
    assertRedirectUsable(result, 'token')
    if (result.kind !== 'token') throw new Error('unreachable')
    const t = implicitTokenFromRedirect(result, Date.now())
    expect(t.grant).toBe('implicit')
    expect(t.refreshToken).toBeUndefined()
    expect(t.expiresAt - t.obtainedAt).toBe(360_000_000)
    expect(await apiStatus(t.accessToken)).toBe(200)
  })

  it('cancel gives access_denied; Google sign-in drops state (missing, not wrong)', async () => {
    const cancelled = await login('code', 'cancel')
    expect(cancelled.result).toMatchObject({ kind: 'error', error: 'access_denied', state: 'ok' })
    expect(() => assertRedirectUsable(cancelled.result, 'code')).toThrow(/access_denied/)

    const google = await login('code', 'google')
    expect(google.result).toMatchObject({ kind: 'code', state: 'missing' })

    const forged = parseRedirect(
      `${s.sb.redirectUri}?code=x&state=forged`,
      s.sb.redirectUri,
      'mine',
    )
    expect(forged.kind).toBe('state-mismatch')
    expect(() => assertRedirectUsable(forged, 'code')).toThrow(/refused/)
  })

  it('revoke invalidates the access token and the refresh token', async () => {
    const t = await passwordGrant(ctx(), creds())
    await revokeToken(ctx(), { token: t.refreshToken!, kind: 'refresh' })
    await revokeToken(ctx(), { token: t.accessToken, kind: 'access' })
    expect(await apiStatus(t.accessToken)).toBe(401)
    const err = await rejection(
      refreshTokenGrant(ctx(), { refreshToken: t.refreshToken!, previous: t }),
    )
    expect(err.code).toBe('invalid_grant')
  })
})
