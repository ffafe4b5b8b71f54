import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import {
  basicAuth,
  clientCredentialsToken,
  control,
  loginForCode,
  passwordToken,
  send,
  start,
  tokenRequest,
  tokenUrl,
} from './helpers'

let sbx: RunningSandbox
const reviewsUrl = (): string =>
  `${sbx.apiBase}/private/business-units/${sbx.businessUnitId}/reviews?perPage=1`

beforeAll(async () => {
  sbx = await start()
})
afterAll(async () => {
  await sbx.close()
})
beforeEach(async () => {
  await control(sbx, 'POST', '/reset')
})

describe('accesstoken: client_credentials', () => {
  it('returns a string-typed tpa- token without a refresh token, usable on both API hosts', async () => {
    const res = await tokenRequest(sbx, { grant_type: 'client_credentials' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const body = res.body
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'client_id', 'expires_in', 'issued_at', 'token_type'].sort(),
    )
    for (const value of Object.values(body)) expect(typeof value).toBe('string')
    expect(body.access_token).toMatch(/^tpa-[0-9A-Za-z]{20,}$/)
    expect(body.expires_in).toBe('360000')
    expect(body.token_type).toBe('BearerToken')
    expect(body.client_id).toBe(sbx.apiKey)
    expect(Math.abs(Number(body.issued_at) - Date.now() / 1000)).toBeLessThan(5)

    expect((await send('GET', reviewsUrl(), { token: body.access_token })).status).toBe(200)
    const templates = await send(
      'GET',
      `${sbx.invitationsBase}/private/business-units/${sbx.businessUnitId}/templates`,
      { token: body.access_token },
    )
    expect(templates.status).toBe(200)
  })
})

describe('accesstoken: password', () => {
  it('returns the 2025 field set, all strings, with a tpr- refresh token', async () => {
    const body = await passwordToken(sbx)
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'refresh_token',
        'issued_at',
        'expires_in',
        'token_type',
        'refresh_token_issued_at',
        'refresh_token_expires_in',
        'refresh_token_status',
        'app_enduser',
        'client_id',
      ].sort(),
    )
    for (const value of Object.values(body)) expect(typeof value).toBe('string')
    expect(body['refresh_token']).toMatch(/^tpr-[0-9A-Za-z]{20,}$/)
    expect(body['refresh_token_expires_in']).toBe('7776000')
    expect(body['refresh_token_status']).toBe('approved')
    expect(body['app_enduser']).toBe(sbx.businessUserId)
  })

  it('accepts the username case-insensitively', async () => {
    const res = await tokenRequest(sbx, {
      grant_type: 'password',
      username: sbx.username.toUpperCase(),
      password: sbx.password,
    })
    expect(res.status).toBe(200)
  })

  it.each([
    ['wrong password', { username: SANDBOX_DEFAULTS.username, password: 'nope' }],
    ['unknown user', { username: 'someone@else.example', password: SANDBOX_DEFAULTS.password }],
  ])('gives 400 invalid_grant for a %s', async (_label, creds) => {
    const res = await tokenRequest(sbx, { grant_type: 'password', ...creds })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
    expect(typeof res.body.error_description).toBe('string')
  })

  it('gives 400 invalid_request when username or password is missing', async () => {
    const res = await tokenRequest(sbx, { grant_type: 'password', username: sbx.username })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
  })
})

describe('client authentication and request format', () => {
  it('gives 415 for a JSON body', async () => {
    const res = await send('POST', tokenUrl(sbx, 'accesstoken'), {
      json: { grant_type: 'client_credentials' },
      headers: { authorization: basicAuth(sbx.apiKey, sbx.apiSecret) },
    })
    expect(res.status).toBe(415)
    expect(res.body.error).toBeTruthy()
  })

  it.each([
    ['a wrong secret', basicAuth(SANDBOX_DEFAULTS.apiKey, 'wrong')],
    ['an unknown key', basicAuth('unknown-key', SANDBOX_DEFAULTS.apiSecret)],
    ['a malformed Basic header', 'Basic !!!notbase64'],
    ['no credentials at all', null],
  ])('gives 401 for %s', async (_label, auth) => {
    const res = await tokenRequest(sbx, { grant_type: 'client_credentials' }, 'accesstoken', auth)
    expect(res.status).toBe(401)
    expect(res.body.ErrorCode).toBe('invalid_client')
  })

  it('does not accept body client credentials for the password grant', async () => {
    const res = await tokenRequest(
      sbx,
      {
        grant_type: 'password',
        username: sbx.username,
        password: sbx.password,
        client_id: sbx.apiKey,
        client_secret: sbx.apiSecret,
      },
      'accesstoken',
      null,
    )
    expect(res.status).toBe(401)
  })

  it("accepts body client credentials on refresh, as Trustpilot's guide sends them", async () => {
    const first = await tokenRequest(sbx, {
      grant_type: 'password',
      username: sbx.username,
      password: sbx.password,
    })
    expect(first.status).toBe(200)
    const refreshed = await tokenRequest(
      sbx,
      {
        grant_type: 'refresh_token',
        refresh_token: String(first.body.refresh_token),
        client_id: sbx.apiKey,
        client_secret: sbx.apiSecret,
      },
      'refresh',
      null,
    )
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refresh_token).toMatch(/^tpr-/)
    const wrong = await tokenRequest(
      sbx,
      {
        grant_type: 'refresh_token',
        refresh_token: String(refreshed.body.refresh_token),
        client_id: sbx.apiKey,
        client_secret: 'wrong',
      },
      'refresh',
      null,
    )
    expect(wrong.status).toBe(401)
  })

  it('gives 400 unsupported_grant_type for an unknown grant and invalid_request without one', async () => {
    const unknown = await tokenRequest(sbx, { grant_type: 'implicit' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('unsupported_grant_type')
    const missing = await tokenRequest(sbx, {})
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('invalid_request')
  })
})

describe('accesstoken: authorization_code', () => {
  it('exchanges a code from the login page once, with Basic auth', async () => {
    const code = await loginForCode(sbx)
    const res = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
    })
    expect(res.status).toBe(200)
    expect(res.body.access_token).toMatch(/^tpa-/)
    expect(res.body.refresh_token).toMatch(/^tpr-/)
    expect(res.body.app_enduser).toBe(sbx.businessUserId)

    const again = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
    })
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('invalid_grant')
  })

  it('accepts client_id and client_secret in the body instead of Basic', async () => {
    const code = await loginForCode(sbx)
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
      client_id: sbx.apiKey,
      client_secret: sbx.apiSecret,
    }
    expect((await tokenRequest(sbx, form, 'accesstoken', null)).status).toBe(200)
  })

  it('accepts both Basic and body credentials when they agree, 401 when the body secret is wrong', async () => {
    const code = await loginForCode(sbx)
    const base = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
      client_id: sbx.apiKey,
    }
    const wrong = await tokenRequest(sbx, { ...base, client_secret: 'wrong' }, 'accesstoken', null)
    expect(wrong.status).toBe(401)
    const both = await tokenRequest(sbx, { ...base, client_secret: sbx.apiSecret })
    expect(both.status).toBe(200)
  })

  it('accepts Basic plus a body client_id without secret, refuses a body client_id of another client', async () => {
    const code = await loginForCode(sbx)
    const base = { grant_type: 'authorization_code', code, redirect_uri: sbx.redirectUri }
    const other = await tokenRequest(sbx, { ...base, client_id: 'someone-else' })
    expect(other.status).toBe(401)
    const idOnly = await tokenRequest(sbx, { ...base, client_id: sbx.apiKey })
    expect(idOnly.status).toBe(200)
    const noSecret = await tokenRequest(
      sbx,
      { ...base, client_id: sbx.apiKey },
      'accesstoken',
      null,
    )
    expect(noSecret.status).toBe(401)
  })

  it('binds the code to its redirect URI', async () => {
    const code = await loginForCode(sbx)
    const res = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${sbx.redirectUri}/other`,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
  })

  it('lets codes expire after a few minutes of sandbox time', async () => {
    const code = await loginForCode(sbx)
    await control(sbx, 'POST', '/clock', { advanceSeconds: 301 })
    const res = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
  })

  it('refuses an unknown code and a missing redirect_uri', async () => {
    const unknown = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code: 'made-up',
      redirect_uri: sbx.redirectUri,
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('invalid_grant')
    const missing = await tokenRequest(sbx, { grant_type: 'authorization_code', code: 'x' })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('invalid_request')
  })
})

describe('refresh', () => {
  it('returns a new pair from the refresh endpoint; the old refresh token is then spent', async () => {
    const first = await passwordToken(sbx)
    const res = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: first['refresh_token']! },
      'refresh',
    )
    expect(res.status).toBe(200)
    for (const value of Object.values(res.body)) expect(typeof value).toBe('string')
    expect(res.body.refresh_token).toMatch(/^tpr-/)
    expect(res.body.refresh_token).not.toBe(first['refresh_token'])
    expect(res.body.access_token).not.toBe(first['access_token'])
    expect(res.body.client_id).toBeUndefined()
    expect(res.body.app_enduser).toBeUndefined()

    const reuse = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: first['refresh_token']! },
      'refresh',
    )
    expect(reuse.status).toBe(400)
    expect(reuse.body.error).toBe('invalid_grant')

    // The refresh superseded the first access token; the new one works.
    expect((await send('GET', reviewsUrl(), { token: first['access_token'] })).status).toBe(401)
    expect((await send('GET', reviewsUrl(), { token: res.body.access_token })).status).toBe(200)
  })

  it('is also accepted on accesstoken (older clients)', async () => {
    const first = await passwordToken(sbx)
    const res = await tokenRequest(sbx, {
      grant_type: 'refresh_token',
      refresh_token: first['refresh_token']!,
    })
    expect(res.status).toBe(200)
    expect(res.body.refresh_token).toMatch(/^tpr-/)
    expect(res.body.client_id).toBe(sbx.apiKey)
  })

  it('gives 400 invalid_grant for an unknown or expired refresh token', async () => {
    const unknown = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: 'tpr-nope' },
      'refresh',
    )
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('invalid_grant')

    const first = await passwordToken(sbx)
    await control(sbx, 'POST', '/clock', { advanceSeconds: 7776000 + 1 })
    const expired = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: first['refresh_token']! },
      'refresh',
    )
    expect(expired.status).toBe(400)
    expect(expired.body.error).toBe('invalid_grant')
  })

  it('refuses other grant types and a missing refresh_token on the refresh endpoint', async () => {
    const other = await tokenRequest(sbx, { grant_type: 'client_credentials' }, 'refresh')
    expect(other.status).toBe(400)
    expect(other.body.error).toBe('unsupported_grant_type')
    const missing = await tokenRequest(sbx, { grant_type: 'refresh_token' }, 'refresh')
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('invalid_request')
  })

  it('needs the right client', async () => {
    const first = await passwordToken(sbx)
    const res = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: first['refresh_token']! },
      'refresh',
      basicAuth(sbx.apiKey, 'wrong'),
    )
    expect(res.status).toBe(401)
  })
})

describe('access token validity', () => {
  it('a new token for the same client and user makes the previous one invalid', async () => {
    const a = await passwordToken(sbx)
    const b = await passwordToken(sbx)
    const old = await send('GET', reviewsUrl(), { token: a['access_token'] })
    expect(old.status).toBe(401)
    expect(old.body.fault.faultstring).toBe('Invalid access token')
    expect((await send('GET', reviewsUrl(), { token: b['access_token'] })).status).toBe(200)

    const c1 = await clientCredentialsToken(sbx)
    const c2 = await clientCredentialsToken(sbx)
    expect((await send('GET', reviewsUrl(), { token: c1 })).status).toBe(401)
    expect((await send('GET', reviewsUrl(), { token: c2 })).status).toBe(200)
    // A client-credentials token is not the same "user" as the password token.
    expect((await send('GET', reviewsUrl(), { token: b['access_token'] })).status).toBe(200)
  })

  it('expires by the sandbox clock', async () => {
    const token = await clientCredentialsToken(sbx)
    await control(sbx, 'POST', '/clock', { advanceSeconds: 359_990 })
    expect((await send('GET', reviewsUrl(), { token })).status).toBe(200)
    await control(sbx, 'POST', '/clock', { advanceSeconds: 10 })
    const res = await send('GET', reviewsUrl(), { token })
    expect(res.status).toBe(401)
    expect(res.body.fault.faultstring).toBe('Access Token expired')
    expect(res.body.fault.detail.errorcode).toBe('keymanagement.service.access_token_expired')
  })

  it('honours configured lifetimes', async () => {
    const short = await start({ accessTtl: 60, refreshTtl: 120 })
    try {
      const res = await tokenRequest(short, {
        grant_type: 'password',
        username: short.username,
        password: short.password,
      })
      expect(res.body.expires_in).toBe('60')
      expect(res.body.refresh_token_expires_in).toBe('120')
    } finally {
      await short.close()
    }
  })
})

describe('revoke', () => {
  it('revokes an access token (401 on use) and a refresh token (400 on refresh)', async () => {
    const pair = await passwordToken(sbx)
    const r1 = await tokenRequest(sbx, { token: pair['access_token']! }, 'revoke')
    expect(r1.status).toBe(200)
    const used = await send('GET', reviewsUrl(), { token: pair['access_token'] })
    expect(used.status).toBe(401)
    expect(used.body.fault).toBeTruthy()

    const r2 = await tokenRequest(sbx, { token: pair['refresh_token']! }, 'revoke', null)
    expect(r2.status).toBe(200)
    const refresh = await tokenRequest(
      sbx,
      { grant_type: 'refresh_token', refresh_token: pair['refresh_token']! },
      'refresh',
    )
    expect(refresh.status).toBe(400)
    expect(refresh.body.error).toBe('invalid_grant')
  })

  it('answers 200 for an unknown token, 400 without a token, 401 with wrong Basic', async () => {
    expect((await tokenRequest(sbx, { token: 'tpa-unknown' }, 'revoke')).status).toBe(200)
    const missing = await tokenRequest(sbx, {}, 'revoke')
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('invalid_request')
    const wrong = await tokenRequest(sbx, { token: 'x' }, 'revoke', basicAuth('a', 'b'))
    expect(wrong.status).toBe(401)
  })
})

describe('rate limit', () => {
  it('gives 429 past the per-minute limit; the window passes with the clock; reset clears it', async () => {
    const limited = await start({ tokenRateLimit: 3 })
    try {
      for (let i = 0; i < 3; i++) {
        expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(200)
      }
      const over = await tokenRequest(limited, { grant_type: 'client_credentials' })
      expect(over.status).toBe(429)
      expect(over.body.fault.detail.errorcode).toBe('policies.ratelimit.QuotaViolation')
      expect(over.headers.get('retry-after')).toBeNull()
      // Refreshes count too.
      expect(
        (
          await tokenRequest(
            limited,
            { grant_type: 'refresh_token', refresh_token: 'x' },
            'refresh',
          )
        ).status,
      ).toBe(429)

      await control(limited, 'POST', '/clock', { advanceSeconds: 61 })
      expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(200)
      for (let i = 0; i < 2; i++) await tokenRequest(limited, { grant_type: 'client_credentials' })
      expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(429)
      await control(limited, 'POST', '/reset')
      expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
