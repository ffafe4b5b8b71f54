/**
 * The sandbox runs on the user's machine inside the app, so it refuses what a hostile web page
 * or a careless client could do to it: DNS rebinding, cross-site control calls, a clock pushed
 * past what a Date can hold, a rate-limit lock-out by wrong secrets, secrets in the log under
 * unusual names, and prototype keys taken for options or form fields.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SandboxClock } from '../../../electron/sandbox/clock'
import { parseArgs } from '../../../electron/sandbox/cli-args'
import { parseForm } from '../../../electron/sandbox/http-util'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { TokenService } from '../../../electron/sandbox/token-service'
import { SANDBOX_CONTROL_HEADER } from '../../../electron/shared/sandbox-control'
import {
  basicAuth,
  control,
  passwordToken,
  send,
  start,
  tokenRequest,
  type HttpResult,
} from './helpers'

let sbx: RunningSandbox
beforeAll(async () => {
  sbx = await start()
})
afterAll(async () => {
  await sbx.close()
})

/** A GET with a chosen Host header (fetch does not let a caller set Host). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host, [SANDBOX_CONTROL_HEADER]: '1' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('Host header', () => {
  it('answers only 127.0.0.1 and localhost, so DNS rebinding cannot read the log', async () => {
    const port = new URL(sbx.apiBase).port
    const log = `${sbx.controlBase}/log`
    const rebound = await getWithHost(log, `evil.example:${port}`)
    expect(rebound.status).toBe(403)
    expect(rebound.body).toMatch(/Host not allowed/)
    expect(rebound.body).not.toContain('entries')
    expect((await getWithHost(log, `127.0.0.1:${port}`)).status).toBe(200)
    expect((await getWithHost(log, `localhost:${port}`)).status).toBe(200)
    // Every listener, not only the controls.
    const invitations = `${sbx.invitationsBase}/private/business-units/x/templates`
    expect((await getWithHost(invitations, 'attacker.example')).status).toBe(403)
    expect((await getWithHost(sbx.loginUrl, 'attacker.example')).status).toBe(403)
  })
})

describe('controls', () => {
  const stateCounts = async (): Promise<HttpResult> => control(sbx, 'GET', '/state')

  it('refuse a cross-site "simple" POST: no custom header, or not JSON', async () => {
    await control(sbx, 'POST', '/clock', { advanceSeconds: 3600 })
    // What a hostile page can send without a preflight: a form post, text/plain, no custom header.
    const form = await send('POST', `${sbx.controlBase}/reset`, { form: { a: '1' } })
    expect(form.status).toBe(403)
    const textPlain = await send('POST', `${sbx.controlBase}/reset`, {
      raw: '{}',
      contentType: 'text/plain',
    })
    expect(textPlain.status).toBe(403)
    const jsonNoHeader = await send('POST', `${sbx.controlBase}/reset`, { json: {} })
    expect(jsonNoHeader.status).toBe(403)
    expect(jsonNoHeader.body.details).toMatch(new RegExp(SANDBOX_CONTROL_HEADER))
    // The custom header alone is not enough for a write: it must be JSON too.
    const headerNotJson = await send('POST', `${sbx.controlBase}/reset`, {
      raw: 'x=1',
      headers: {
        [SANDBOX_CONTROL_HEADER]: '1',
        'content-type': 'application/x-www-form-urlencoded',
      },
    })
    expect(headerNotJson.status).toBe(415)
    // Nothing was reset.
    expect((await control(sbx, 'GET', '/clock')).body.offsetMs).toBe(3_600_000)
    expect((await send('GET', `${sbx.controlBase}/log`)).status).toBe(403)
    expect((await stateCounts()).status).toBe(200)
    expect((await control(sbx, 'POST', '/reset')).status).toBe(200)
    expect((await control(sbx, 'GET', '/clock')).body.offsetMs).toBe(0)
  })

  it('bound the clock: 1e308 seconds is refused and later requests still work', async () => {
    const huge = await control(sbx, 'POST', '/clock', { advanceSeconds: 1e308 })
    expect(huge.status).toBe(400)
    expect(JSON.stringify(huge.body.details)).toMatch(/at most/)
    expect((await control(sbx, 'POST', '/clock', { advanceSeconds: -1e12 })).status).toBe(400)
    expect((await control(sbx, 'GET', '/clock')).body.offsetMs).toBe(0)
    expect((await tokenRequest(sbx, { grant_type: 'client_credentials' })).status).toBe(200)
    // Within the bound, the clock still moves (tokens are meant to expire by it).
    expect((await control(sbx, 'POST', '/clock', { advanceSeconds: 360_000 })).status).toBe(200)
    await control(sbx, 'POST', '/reset')
  })
})

describe('token rate limit', () => {
  it('counts only authenticated requests: wrong secrets do not lock the real client out', async () => {
    const limited = await start({ tokenRateLimit: 5 })
    try {
      const wrong = basicAuth(limited.apiKey, 'not-the-secret')
      for (let i = 0; i < 60; i++) {
        const res = await tokenRequest(
          limited,
          { grant_type: 'client_credentials' },
          'accesstoken',
          wrong,
        )
        expect(res.status).toBe(401)
      }
      const refreshWrong = await tokenRequest(
        limited,
        { grant_type: 'refresh_token', refresh_token: 'x' },
        'refresh',
        wrong,
      )
      expect(refreshWrong.status).toBe(401)
      expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(200)
      // The real client is still limited by its own requests.
      for (let i = 0; i < 4; i++) await tokenRequest(limited, { grant_type: 'client_credentials' })
      expect((await tokenRequest(limited, { grant_type: 'client_credentials' })).status).toBe(429)
    } finally {
      await limited.close()
    }
  })

  it('forgets clients whose window has passed', () => {
    const clock = new SandboxClock()
    const tokens = new TokenService(clock, { accessTtl: 100, refreshTtl: 100 }, 5)
    for (const client of ['a', 'b', 'c']) expect(tokens.allowTokenRequest(client)).toBe(true)
    expect(tokens.trackedClients).toBe(3)
    clock.advance(61)
    expect(tokens.allowTokenRequest('d')).toBe(true)
    expect(tokens.trackedClients).toBe(1)
  })
})

describe('request log', () => {
  it('masks every secret it knows, whatever the field, header or parameter is called', async () => {
    await control(sbx, 'POST', '/reset')
    const tokens = await passwordToken(sbx)
    const access = tokens['access_token']!
    const refresh = tokens['refresh_token']!
    await send(
      'POST',
      `${sbx.apiBase}/private/reviews/x/reply?note=${encodeURIComponent(refresh)}`,
      {
        token: access,
        headers: { 'x-debug': `copy of ${refresh}`, 'x-pw': sbx.password },
        json: { message: 'hi', notes: [`secret is ${sbx.apiSecret}`], x: { pwd: sbx.password } },
      },
    )
    await send('POST', `${sbx.apiBase}/private/reviews/x/find-reviewer`, {
      token: access,
      raw: `remember ${refresh} and ${encodeURIComponent(sbx.apiSecret)}`,
      contentType: 'text/plain',
    })
    await send('GET', `${sbx.apiBase}/business-units/find?name=x`, {
      headers: { apikey: sbx.apiKey, 'x-relay-auth': basicAuth(sbx.apiKey, sbx.apiSecret) },
    })
    const log = JSON.stringify((await control(sbx, 'GET', '/log')).body)
    for (const secret of [access, refresh, sbx.apiSecret, sbx.password]) {
      expect(log).not.toContain(secret)
      expect(log).not.toContain(encodeURIComponent(secret))
    }
    expect(log).not.toContain(Buffer.from(`${sbx.apiKey}:${sbx.apiSecret}`).toString('base64'))
    expect(log).toContain('copy of ••••')
    expect(log).toContain('remember ••••')
  })
})

describe('prototype keys', () => {
  it('parseForm: constructor and toString are present only when sent', () => {
    const plain = parseForm(Buffer.from('grant_type=password'))
    expect(plain['constructor']).toBeUndefined()
    expect(plain['toString']).toBeUndefined()
    expect(Object.hasOwn(plain, 'constructor')).toBe(false)
    const sent = parseForm(Buffer.from('constructor=a&toString=b&toString=c'))
    expect({ ...sent }).toEqual({ constructor: 'a', toString: 'b' })
  })

  it('a token request naming prototype keys is an ordinary bad request', async () => {
    const res = await tokenRequest(sbx, { grant_type: 'toString' })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('unsupported_grant_type')
  })

  it('the sandbox CLI does not take prototype keys for options', () => {
    for (const argv of [
      ['toString', '5'],
      ['--toString', '5'],
      ['constructor'],
      ['--__proto__=1'],
    ]) {
      expect(parseArgs(argv).kind, argv.join(' ')).toBe('error')
    }
  })
})
