import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { control, loginPageUrl, send, start, submitLogin, tokenRequest } from './helpers'

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

function location(res: { status: number; headers: Headers }): URL {
  expect(res.status).toBe(302)
  const value = res.headers.get('location')
  expect(value).toBeTruthy()
  return new URL(value!)
}

describe('GET login page', () => {
  it('shows a plain HTML form that posts back to the login listener, carrying the params', async () => {
    const res = await send('GET', loginPageUrl(sbx, { state: 'abc123' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toContain('<form method="post" action="/login">')
    expect(res.text).toContain('name="username"')
    expect(res.text).toContain('type="password"')
    expect(res.text).toContain('<input type="hidden" name="state" value="abc123">')
    expect(res.text).toContain(
      `<input type="hidden" name="redirect_uri" value="${sbx.redirectUri}">`,
    )
    expect(res.text).toMatch(/value="cancel"/)
    expect(res.text).toMatch(/Continue with Google/)
    expect(res.text).not.toMatch(/<script/i)
  })

  it('escapes echoed values', async () => {
    const res = await send('GET', loginPageUrl(sbx, { state: '"><script>alert(1)</script>' }))
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('<script>alert(1)</script>')
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;')
  })

  it.each([
    ['an unknown client', { client_id: 'someone-else' }, /Unknown client_id/],
    ['a missing client', { client_id: undefined }, /Missing client_id/],
    [
      'a non-https redirect URI',
      { redirect_uri: 'http://tp-explorer.example/oauth/callback' },
      /https/,
    ],
    ['a loopback redirect URI', { redirect_uri: 'http://127.0.0.1:8080/callback' }, /https/],
    [
      'an unregistered redirect URI',
      { redirect_uri: 'https://evil.example/callback' },
      /not registered/,
    ],
    ['a malformed redirect URI', { redirect_uri: 'not a url' }, /not a valid URL/],
    ['a bad response_type', { response_type: 'id_token' }, /response_type/],
  ])('refuses %s with a readable error page', async (_label, params, message) => {
    const res = await send('GET', loginPageUrl(sbx, params))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toMatch(message)
    expect(res.text).not.toContain('<form')
  })

  it('checks only the host of the redirect URI, like Trustpilot reportedly does', async () => {
    const res = await send(
      'GET',
      loginPageUrl(sbx, { redirect_uri: 'https://tp-explorer.example/elsewhere' }),
    )
    expect(res.status).toBe(200)
  })
})

describe('signing in', () => {
  it('code flow: redirects with code and state; the code gives a token pair', async () => {
    const res = await submitLogin(sbx, { state: 'st-1' })
    const url = location(res)
    expect(`${url.origin}${url.pathname}`).toBe(sbx.redirectUri)
    expect(url.searchParams.get('state')).toBe('st-1')
    const code = url.searchParams.get('code')
    expect(code).toBeTruthy()
    const token = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: sbx.redirectUri,
    })
    expect(token.status).toBe(200)
    expect(token.body.refresh_token).toMatch(/^tpr-/)
  })

  it('keeps an existing query on the redirect URI', async () => {
    const redirectUri = `${sbx.redirectUri}?profile=demo`
    const url = location(await submitLogin(sbx, { redirect_uri: redirectUri, state: 'x' }))
    expect(url.searchParams.get('profile')).toBe('demo')
    expect(url.searchParams.get('code')).toBeTruthy()
  })

  it('without state: no state in the redirect', async () => {
    const url = location(await submitLogin(sbx, {}))
    expect(url.searchParams.get('code')).toBeTruthy()
    expect(url.searchParams.has('state')).toBe(false)
  })

  it('implicit flow: token in the fragment, usable on a private endpoint, no refresh token', async () => {
    const url = location(await submitLogin(sbx, { response_type: 'token', state: 'imp' }))
    expect(url.search).toBe('')
    const fragment = new URLSearchParams(url.hash.slice(1))
    expect(fragment.get('access_token')).toMatch(/^tpa-/)
    expect(fragment.get('token_type')).toBe('bearer')
    expect(fragment.get('expires_in')).toBe('360000')
    expect(fragment.get('state')).toBe('imp')
    expect(fragment.has('refresh_token')).toBe(false)
    const res = await send(
      'GET',
      `${sbx.apiBase}/private/business-units/${sbx.businessUnitId}/reviews`,
      {
        token: fragment.get('access_token')!,
      },
    )
    expect(res.status).toBe(200)
  })

  it('Cancel redirects with error=access_denied and the state', async () => {
    const url = location(await submitLogin(sbx, { state: 'c1' }, 'cancel'))
    expect(url.searchParams.get('error')).toBe('access_denied')
    expect(url.searchParams.get('error_description')).toBeTruthy()
    expect(url.searchParams.get('state')).toBe('c1')
    expect(url.searchParams.has('code')).toBe(false)
  })

  it('"Continue with Google" signs the demo user in but drops state', async () => {
    const url = location(
      await submitLogin(sbx, { state: 'g1', username: '', password: '' }, 'google'),
    )
    expect(url.searchParams.has('state')).toBe(false)
    const code = url.searchParams.get('code')!
    const token = await tokenRequest(sbx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sbx.redirectUri,
    })
    expect(token.status).toBe(200)
    expect(token.body.app_enduser).toBe(sbx.businessUserId)

    const implicit = location(
      await submitLogin(sbx, { state: 'g2', response_type: 'token' }, 'google'),
    )
    const fragment = new URLSearchParams(implicit.hash.slice(1))
    expect(fragment.get('access_token')).toMatch(/^tpa-/)
    expect(fragment.has('state')).toBe(false)
  })

  it('a wrong password re-shows the form with an error and no redirect', async () => {
    const res = await submitLogin(sbx, { password: 'wrong', state: 'w' })
    expect(res.status).toBe(401)
    expect(res.headers.get('location')).toBeNull()
    expect(res.text).toMatch(/Wrong email or password/)
    expect(res.text).toContain('<form')
    expect(res.text).toContain('value="w"')
    expect(res.text).not.toContain('value="wrong"')
  })

  it('re-checks the client and redirect URI on submit', async () => {
    const res = await submitLogin(sbx, { redirect_uri: 'https://evil.example/cb' })
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
  })
})
