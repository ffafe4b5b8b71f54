import { describe, expect, it } from 'vitest'
import {
  belongsToEnvironment,
  customEnvironment,
  sandboxEnvironment,
  TRUSTPILOT_ENVIRONMENT,
} from '../../../electron/core/environments'
import { parseRetryAfter } from '../../../electron/core/flows/token-request'
import { describeErrorResponse, isTokenRejection } from '../../../electron/core/http/describe-error'
import {
  buildAuthorizeUrl,
  createPkcePair,
  newState,
  parseRedirect,
  pkceChallenge,
} from '../../../electron/core/redirect'
import { mergeRefreshed, parseTokenResponse } from '../../../electron/core/token-parse'

const TOKEN = 'tpa-AbCdEfGhIjKlMnOpQrStUvWx3f9a'

describe('parseTokenResponse', () => {
  it("accepts Trustpilot's all-string response, computing expiry from arrival", () => {
    const t = parseTokenResponse(
      {
        access_token: TOKEN,
        refresh_token: 'tpr-x',
        issued_at: '1740395920',
        expires_in: '360000',
        token_type: 'BearerToken',
        refresh_token_expires_in: '7776000',
        app_enduser: 'u1',
      },
      1_000_000,
      'password',
    )
    expect(t.expiresAt).toBe(1_000_000 + 360_000_000)
    expect(t.refreshExpiresAt).toBe(1_000_000 + 7_776_000_000)
    expect(t.tokenType).toBe('BearerToken')
    expect(t.raw.app_enduser).toBe('u1')
    expect(t.expiryAssumed).toBeUndefined()
  })

  it('accepts standard numeric responses; refresh lifetime defaults to 30 days', () => {
    const t = parseTokenResponse(
      { access_token: 'abc', token_type: 'Bearer', expires_in: 3600, refresh_token: 'r' },
      5000,
      'authorization_code',
    )
    expect(t.expiresAt).toBe(5000 + 3_600_000)
    expect(t.refreshExpiresAt).toBe(5000 + 30 * 24 * 3_600_000)
  })

  it('rejects responses without an access token, and keeps the old refresh token when none comes', () => {
    expect(() => parseTokenResponse({ error: 'x' }, 0, 'password')).toThrow(/no access_token/)
    expect(() => parseTokenResponse('nope', 0, 'password')).toThrow(/not a JSON object/)
    const old = parseTokenResponse(
      { access_token: 'a', refresh_token: 'old-r', expires_in: '10' },
      0,
      'password',
    )
    const next = parseTokenResponse({ access_token: 'b', expires_in: '10' }, 1, 'password')
    expect(mergeRefreshed(old, next).refreshToken).toBe('old-r')
    expect(mergeRefreshed(old, next).refreshExpiresAt).toBe(old.refreshExpiresAt)
  })
})

describe('parseRedirect', () => {
  const REG = 'https://app.example/oauth/callback'
  it('ignores URLs that differ in scheme, host, port or path', () => {
    expect(parseRedirect('http://app.example/oauth/callback?code=x&state=s', REG, 's').kind).toBe(
      'not-callback',
    )
    expect(parseRedirect('https://evil.example/oauth/callback?code=x', REG, 's').kind).toBe(
      'not-callback',
    )
    expect(parseRedirect('https://app.example:8443/oauth/callback?code=x', REG, 's').kind).toBe(
      'not-callback',
    )
    expect(parseRedirect('https://app.example/oauth/callback2?code=x', REG, 's').kind).toBe(
      'not-callback',
    )
    expect(parseRedirect('not a url', REG, 's').kind).toBe('not-callback')
  })

  it('reads a code, telling an ok state from a missing one and refusing a wrong one', () => {
    expect(parseRedirect(`${REG}?code=c1&state=s1`, REG, 's1')).toEqual({
      kind: 'code',
      code: 'c1',
      state: 'ok',
    })
    expect(parseRedirect(`${REG}?code=c1`, REG, 's1')).toEqual({
      kind: 'code',
      code: 'c1',
      state: 'missing',
    })
    expect(parseRedirect(`${REG}?code=c1&state=other`, REG, 's1')).toEqual({
      kind: 'state-mismatch',
    })
  })

  it('reads errors from the query and tokens from the fragment', () => {
    expect(
      parseRedirect(`${REG}?error=access_denied&error_description=No+thanks&state=s`, REG, 's'),
    ).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: 'No thanks',
      state: 'ok',
    })
    const r = parseRedirect(
      `${REG}#access_token=${TOKEN}&token_type=bearer&expires_in=359999&state=s`,
      REG,
      's',
    )
    expect(r).toMatchObject({
      kind: 'token',
      accessToken: TOKEN,
      tokenType: 'bearer',
      expiresIn: 359999,
      state: 'ok',
    })
  })
})

describe('authorize URL and PKCE', () => {
  it('builds the login URL with state and optional S256 PKCE', () => {
    const pair = createPkcePair()
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', // RFC 7636 appendix B
    )
    const env = customEnvironment({
      tokenUrl: 'https://auth.example/token',
      authorizeUrl: 'https://auth.example/authorize',
    })
    const state = newState()
    const url = new URL(
      buildAuthorizeUrl(env, {
        clientId: 'k',
        redirectUri: 'https://app.example/cb',
        responseType: 'code',
        state,
        pkce: pair,
      }),
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'k',
      redirect_uri: 'https://app.example/cb',
      response_type: 'code',
      state,
      code_challenge: pair.challenge,
      code_challenge_method: 'S256',
    })
    expect(newState()).not.toBe(state)
  })
})

describe('environments', () => {
  it('has the real Trustpilot URLs', () => {
    expect(TRUSTPILOT_ENVIRONMENT.tokenUrl).toBe(
      'https://api.trustpilot.com/v1/oauth/oauth-business-users-for-applications/accesstoken',
    )
    expect(TRUSTPILOT_ENVIRONMENT.refreshUrl).toMatch(/\/refresh$/)
    expect(TRUSTPILOT_ENVIRONMENT.revokeUrl).toMatch(/\/revoke$/)
    expect(TRUSTPILOT_ENVIRONMENT.authorizeUrl).toBe('https://authenticate.trustpilot.com')
  })

  it('defaults a Custom refresh URL to the token URL and checks hosts by origin', () => {
    const env = customEnvironment({
      tokenUrl: 'https://auth.example/oauth/token',
      apiBase: 'https://api.example/v2',
    })
    expect(env.refreshUrl).toBe('https://auth.example/oauth/token')
    expect(env.invitationsBase).toBe('https://api.example/v2')
    expect(belongsToEnvironment(env, 'https://api.example/v2/things')).toBe(true)
    expect(belongsToEnvironment(env, 'https://api.example.evil.com/v2')).toBe(false)
    expect(belongsToEnvironment(env, 'https://api.example@evil.com/v2')).toBe(false)
    expect(belongsToEnvironment(env, 'https://API.example:443/v2')).toBe(true)
    expect(
      belongsToEnvironment(TRUSTPILOT_ENVIRONMENT, 'https://invitations-api.trustpilot.com/v1/x'),
    ).toBe(true)
    expect(belongsToEnvironment(TRUSTPILOT_ENVIRONMENT, 'http://api.trustpilot.com/v1/x')).toBe(
      false,
    )
    expect(() => customEnvironment({ tokenUrl: 'ftp://x' })).toThrow(/http/)
    const sb = sandboxEnvironment({
      apiBase: 'http://127.0.0.1:1/v1',
      invitationsBase: 'http://127.0.0.1:2/v1',
      loginUrl: 'http://127.0.0.1:3/',
    })
    expect(sb.tokenUrl).toBe(
      'http://127.0.0.1:1/v1/oauth/oauth-business-users-for-applications/accesstoken',
    )
  })
})

describe('describeErrorResponse', () => {
  it('explains every error shape', () => {
    const fault = describeErrorResponse(
      401,
      'application/json',
      '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}',
    )
    expect(fault).toEqual({
      shape: 'fault',
      code: 'oauth.v2.InvalidAccessToken',
      message: '401 Unauthorized: Invalid access token (oauth.v2.InvalidAccessToken)',
    })
    expect(
      describeErrorResponse(400, 'application/json', '{"ErrorCode":42,"Error":"Bad thing"}'),
    ).toMatchObject({
      shape: 'ErrorCode',
      code: '42',
    })
    expect(
      describeErrorResponse(
        400,
        'application/json',
        '{"error":"invalid_grant","error_description":"used"}',
      ),
    ).toEqual({
      shape: 'oauth',
      code: 'invalid_grant',
      message: '400 Bad Request: used (invalid_grant)',
    })
    expect(
      describeErrorResponse(404, 'application/json', '{"message":"Not found","details":"x"}').shape,
    ).toBe('message')
    expect(
      describeErrorResponse(403, 'text/html', '<html><title>Access Denied</title></html>').message,
    ).toContain('Access Denied')
    expect(describeErrorResponse(502, undefined, '').shape).toBe('empty')
    expect(describeErrorResponse(500, 'application/json', '{"a":').message).toContain(
      'cannot be parsed',
    )
    expect(describeErrorResponse(500, 'text/plain', 'boom').shape).toBe('text')
    expect(describeErrorResponse(500, 'application/json', '[1,2]').shape).toBe('json')
  })

  it('recognises token-shaped 403s only', () => {
    const bad = describeErrorResponse(
      403,
      'application/json',
      '{"fault":{"faultstring":"Invalid access token"}}',
    )
    const plan = describeErrorResponse(
      403,
      'application/json',
      '{"message":"Your plan does not include this"}',
    )
    expect(isTokenRejection(403, bad)).toBe(true)
    expect(isTokenRejection(403, plan)).toBe(false)
    expect(isTokenRejection(401, plan)).toBe(true)
  })

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('7')).toBe(7000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})
