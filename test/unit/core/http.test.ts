import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentialsGrant } from '../../../electron/core/flows/grants'
import { describeErrorResponse } from '../../../electron/core/http/describe-error'
import { HttpError } from '../../../electron/core/http/http-error'
import { sendRequest } from '../../../electron/core/http/send-request'
import { OAuthError } from '../../../electron/core/oauth-error'
import { startTestSandbox } from './helpers/sandbox'
import type { TestSandbox } from './helpers/sandbox'

let s: TestSandbox
beforeAll(async () => {
  s = await startTestSandbox()
})
afterAll(() => s.close())
beforeEach(() => s.reset())

const reviewsUrl = () => `${s.env.apiBase}/business-units/${s.sb.businessUnitId}`

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (err) {
    return err
  }
  throw new Error('expected a failure')
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

describe('sendRequest', () => {
  it('returns status, headers, body and timings for any status', async () => {
    const res = await sendRequest(fetch, {
      method: 'GET',
      url: `${s.env.apiBase}/private/reviews/x`,
    })
    expect(res.status).toBe(401)
    expect(res.headers['content-type']).toMatch(/json/)
    expect(JSON.parse(res.bodyText)).toHaveProperty('fault')
    expect(res.durationMs).toBeGreaterThanOrEqual(res.ttfbMs)
    expect(res.bodyBytes).toBeUndefined()
  })

  it('reports connection refused on a closed port', async () => {
    const port = await closedPort()
    const err = await failure(
      sendRequest(fetch, { method: 'GET', url: `http://127.0.0.1:${port}/v1` }),
    )
    expect(err).toBeInstanceOf(HttpError)
    expect((err as HttpError).kind).toBe('connection-refused')
    expect((err as HttpError).message).toMatch(/Connection refused by 127\.0\.0\.1:\d+/)
  })

  it('reports a DNS failure on a .invalid host', async () => {
    const err = (await failure(
      sendRequest(fetch, { method: 'GET', url: 'http://no-such-host.invalid/' }),
    )) as HttpError
    expect(err.kind).toBe('dns')
    expect(err.message).toContain('no-such-host.invalid')
  })

  it('reports a TLS failure when TLS is spoken to a plain HTTP port', async () => {
    const url = reviewsUrl().replace('http:', 'https:')
    const err = (await failure(sendRequest(fetch, { method: 'GET', url }))) as HttpError
    expect(err.kind).toBe('tls')
  })

  it('times out (fault delay) and can be cancelled', async () => {
    await s.fault({ target: 'api', count: 1, kind: 'delay', delayMs: 1000 })
    const started = Date.now()
    const err = (await failure(
      sendRequest(fetch, { method: 'GET', url: reviewsUrl(), timeoutMs: 200 }),
    )) as HttpError
    expect(err.kind).toBe('timeout')
    expect(err.message).toContain('200 ms')
    expect(Date.now() - started).toBeLessThan(900)

    await s.fault({ target: 'api', count: 1, kind: 'delay', delayMs: 1000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const aborted = (await failure(
      sendRequest(fetch, { method: 'GET', url: reviewsUrl(), signal: controller.signal }),
    )) as HttpError
    expect(aborted.kind).toBe('aborted')
  })

  it('explains HTML pages, malformed JSON, empty bodies and each error shape', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { kind: 'html', status: 503 },
        'html',
        /503 Service Unavailable: the server answered with an HTML page/,
      ],
      [{ kind: 'malformed-json', status: 500 }, 'text', /claims to be JSON but cannot be parsed/],
      [{ kind: 'status', status: 502, body: '' }, 'empty', /^502 Bad Gateway \(empty body\)$/],
      [
        {
          kind: 'status',
          status: 401,
          body: '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}',
        },
        'fault',
        /Invalid access token \(oauth\.v2\.InvalidAccessToken\)/,
      ],
      [
        { kind: 'status', status: 400, body: '{"ErrorCode":"1234","Error":"Something failed"}' },
        'ErrorCode',
        /Something failed \(1234\)/,
      ],
      [
        {
          kind: 'status',
          status: 400,
          body: '{"error":"invalid_request","error_description":"Missing x"}',
        },
        'oauth',
        /Missing x \(invalid_request\)/,
      ],
      [
        { kind: 'status', status: 404, body: '{"message":"Not found","details":"No such review"}' },
        'message',
        /Not found \(No such review\)/,
      ],
    ]
    for (const [spec, shape, message] of cases) {
      await s.fault({ target: 'api', count: 1, ...spec })
      const res = await sendRequest(fetch, { method: 'GET', url: reviewsUrl() })
      const d = describeErrorResponse(res.status, res.headers['content-type'], res.bodyText)
      expect(d.shape, JSON.stringify(spec)).toBe(shape)
      expect(d.message).toMatch(message)
    }
  })
})

describe('token endpoint failures', () => {
  const ctx = () => ({ fetch, env: s.env, client: s.client })

  it('turns malformed token responses into bad_response or explained errors', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'html', status: 200 }, 'bad_response', /not with JSON \(html\)/],
      [{ kind: 'malformed-json', status: 200 }, 'bad_response', /not with JSON/],
      [{ kind: 'status', status: 200, body: '' }, 'bad_response', /not with JSON \(empty\)/],
      [
        { kind: 'status', status: 200, body: '{"token_type":"Bearer"}' },
        'bad_response',
        /no access_token/,
      ],
      [{ kind: 'html', status: 403 }, 'http', /HTML page/],
      [
        {
          kind: 'status',
          status: 400,
          body: '{"error":"invalid_grant","error_description":"nope"}',
        },
        'invalid_grant',
        /nope/,
      ],
      [
        { kind: 'status', status: 401, body: '{"ErrorCode":"invalid_client","Error":"bad key"}' },
        'invalid_client',
        /API key or secret/,
      ],
      [
        { kind: 'status', status: 500, body: '{"message":"Boom"}' },
        'http',
        /500 Internal Server Error: Boom.*try again later/,
      ],
    ]
    for (const [spec, code, message] of cases) {
      await s.fault({ target: 'token', count: 1, ...spec })
      const err = (await failure(clientCredentialsGrant(ctx()))) as OAuthError
      expect(err, JSON.stringify(spec)).toBeInstanceOf(OAuthError)
      expect(err.code, JSON.stringify(spec)).toBe(code)
      expect(err.message).toMatch(message)
      expect(err.status).toBeDefined()
    }
  })

  it('turns network failures and timeouts into OAuthErrors that say so', async () => {
    const port = await closedPort()
    const env = { ...s.env, tokenUrl: `http://127.0.0.1:${port}/token` }
    const refused = (await failure(clientCredentialsGrant({ ...ctx(), env }))) as OAuthError
    expect(refused.code).toBe('network')
    expect(refused.message).toMatch(/^The token request failed: Connection refused/)

    await s.fault({ target: 'token', count: 1, kind: 'delay', delayMs: 1000 })
    const slow = (await failure(clientCredentialsGrant({ ...ctx(), timeoutMs: 150 }))) as OAuthError
    expect(slow.code).toBe('timeout')
  })
})
