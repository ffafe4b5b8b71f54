import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { createSeedState } from '../../../electron/sandbox/seed-data'
import type { ResponseSummary } from '../../../electron/shared/workbench'
import { startBench, type Bench } from './helpers'

interface Review {
  id: string
  stars: number
  tags: { group: string; value: string }[]
  companyReply: { text: string } | null
}

describe('request runner against the sandbox', () => {
  let b: Bench
  let server: Server
  let foreignBase: string
  const seen: { headers: Record<string, string | string[] | undefined> }[] = []
  const BIG = 3 * 1024 * 1024 + 17

  beforeAll(async () => {
    b = await startBench()
    // A host outside the profile's environment: records what arrives, serves big bodies.
    server = createServer((req, res) => {
      seen.push({ headers: req.headers })
      if (req.url?.startsWith('/big.json')) {
        const item = JSON.stringify({ id: 'x'.repeat(40), text: 'é'.repeat(30) })
        const items: string[] = []
        let size = 2
        while (size < BIG) {
          items.push(item)
          size += Buffer.byteLength(item) + 1
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(`[${items.join(',')}]`)
      } else if (req.url?.startsWith('/huge')) {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('a'.repeat(101 * 1024 * 1024))
      } else if (req.url?.startsWith('/bytes')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.end(Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]))
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"hello":"world"}')
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    foreignBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    await b.app.services.dispose()
  })

  const send = (partial: Parameters<Bench['draft']>[0], requestId?: string) =>
    b.call('http:send', { ...b.draft(partial), ...(requestId ? { requestId } : {}) })
  const sendOk = async (partial: Parameters<Bench['draft']>[0]): Promise<ResponseSummary> => {
    const r = await send(partial)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value
  }

  it('lists private reviews filtered by stars and tag, paged, exactly as seeded', async () => {
    const seed = createSeedState({
      businessUnitId: SANDBOX_DEFAULTS.businessUnitId,
      businessUserId: SANDBOX_DEFAULTS.businessUserId,
      username: SANDBOX_DEFAULTS.username,
    })
    const matching = seed.reviews.filter(
      (r) =>
        [4, 5].includes(r.stars) &&
        r.tags.some((t) => t.group === 'generic' && t.value === 'delivery'),
    )
    expect(matching.length).toBeGreaterThan(8)
    const res = await sendOk({
      query: [
        { name: 'stars', value: '4', enabled: true },
        { name: 'stars', value: '5', enabled: true },
        { name: 'stars', value: '1', enabled: false },
        { name: 'tagGroup', value: 'generic', enabled: true },
        { name: 'tagValue', value: 'delivery', enabled: true },
        { name: 'page', value: '2', enabled: true },
        { name: 'perPage', value: '4', enabled: true },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.meaning).toMatch(/^OK/)
    expect(res.kind).toBe('json')
    expect(res.endpointId).toBe('private.reviews.list')
    expect(res.tokenAttached).toBe(true)
    expect(res.retried).toBe(false)
    expect(res.notes.join(' ')).toMatch(/Bearer attached \(client-credentials token\)/)
    expect(res.request.url).toBe(
      `${b.apiBase}/private/business-units/${SANDBOX_DEFAULTS.businessUnitId}/reviews?stars=4&stars=5&tagGroup=generic&tagValue=delivery&page=2&perPage=4`,
    )
    expect(res.request.headers['Authorization']).toMatch(/^Bearer tpa-••••\w{4}$/)
    const token = await b.accessToken()
    expect(JSON.stringify(res.request)).not.toContain(token)
    const body = JSON.parse(res.body!) as { reviews: Review[] }
    expect(body.reviews.map((r) => r.id)).toEqual(matching.slice(4, 8).map((r) => r.id))
    expect(res.size).toBe(Buffer.byteLength(res.body!))
    expect(res.timing.totalMs).toBeGreaterThan(0)
    expect(res.timing.ttfbMs).toBeGreaterThan(0)
    expect(res.timing.ttfbMs).toBeLessThanOrEqual(res.timing.totalMs)
  })

  it('replies to a review and sees the reply on the next read', async () => {
    const list = await sendOk({ query: [{ name: 'responded', value: 'false', enabled: true }] })
    const review = (JSON.parse(list.body!) as { reviews: Review[] }).reviews[0]!
    expect(review.companyReply).toBeNull()
    const reply = await sendOk({
      method: 'POST',
      url: `{{apiBase}}/private/reviews/${review.id}/reply`,
      body: {
        kind: 'json',
        text: '{\n  "authorBusinessUserId": "{{businessUserId}}",\n  "message": "Thanks, we’re on it!"\n}',
      },
    })
    expect(reply.status).toBe(201)
    expect(reply.meaning).toMatch(/^Created/)
    expect(reply.kind).toBe('empty')
    expect(reply.endpointId).toBe('private.reviews.reply')
    expect(reply.request.headers['Content-Type']).toBe('application/json')
    expect(reply.request.body).toContain(SANDBOX_DEFAULTS.businessUserId)
    const again = await sendOk({ url: `{{apiBase}}/private/reviews/${review.id}` })
    expect((JSON.parse(again.body!) as Review).companyReply?.text).toBe('Thanks, we’re on it!')
  })

  it('adds x-business-user-id for a client-credentials token, and warns when the profile has none', async () => {
    const body = {
      kind: 'json' as const,
      text: JSON.stringify({
        consumerEmail: 'jane@example.com',
        consumerName: 'Jane',
        type: 'email',
      }),
    }
    const url = '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations'
    const sent = await sendOk({ method: 'POST', url, body })
    expect(sent.status).toBe(202)
    expect(sent.endpointId).toBe('private.invitations.email')
    expect(sent.request.headers['x-business-user-id']).toBe(SANDBOX_DEFAULTS.businessUserId)
    expect(sent.notes.join(' ')).toMatch(/x-business-user-id: \w+ added/)
    const state = await b.control('GET', '/state')
    expect((state.invitations as { businessUserId: string }[]).at(-1)?.businessUserId).toBe(
      SANDBOX_DEFAULTS.businessUserId,
    )

    const profile = b.app.services.profiles.require(b.profileId)
    const other = await b.ok('profiles:save', {
      ...profile,
      id: undefined,
      name: 'No business user',
      businessUserId: '',
      apiSecret: SANDBOX_DEFAULTS.apiSecret,
    })
    const refused = await sendOk({ profileId: other.id, method: 'POST', url, body })
    expect(refused.status).toBe(400)
    expect(refused.request.headers['x-business-user-id']).toBeUndefined()
    expect(refused.warnings.join(' ')).toMatch(
      /needs the x-business-user-id header, but the profile has no business user id/,
    )
    expect(refused.body).toMatch(/x-business-user-id/)
    expect(refused.meaning).toMatch(/^Bad Request/)
  })

  it('turns a 401 on a superseded token into one re-issue and a successful retry', async () => {
    await sendOk({ query: [{ name: 'perPage', value: '1', enabled: true }] })
    const before = await b.accessToken()
    // Another client run gets a new token for the same client: the profile's one is superseded.
    const sb = b.app.services.sandbox.current()!
    const basic = Buffer.from(`${sb.apiKey}:${sb.apiSecret}`).toString('base64')
    const outside = await fetch(
      `${sb.apiBase}/oauth/oauth-business-users-for-applications/accesstoken`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      },
    )
    expect(outside.status).toBe(200)
    await b.control('DELETE', '/log')
    const res = await sendOk({ query: [{ name: 'perPage', value: '1', enabled: true }] })
    expect(res.status).toBe(200)
    expect(res.retried).toBe(true)
    expect(res.notes.join(' ')).toMatch(
      /rejected the token: a new token was obtained and the call was sent again, once/,
    )
    const after = await b.accessToken()
    expect(after).not.toBe(before)
    const log = (await b.control('GET', '/log')).entries as { path: string; status: number }[]
    expect(log.map((e) => e.status)).toEqual([401, 200, 200])
    expect(log.filter((e) => e.path.includes('/oauth/'))).toHaveLength(1)
    const text = JSON.stringify(res)
    expect(text).not.toContain(before)
    expect(text).not.toContain(after)
  })

  it('does not attach the token (or API key) to a host outside the environment, and says so', async () => {
    seen.length = 0
    const res = await sendOk({ url: `${foreignBase}/hello` })
    expect(res.status).toBe(200)
    expect(res.tokenAttached).toBe(false)
    expect(res.notes.join(' ')).toContain(
      `No token attached: ${foreignBase} is not one of this profile’s environment hosts`,
    )
    expect(seen[0]?.headers['authorization']).toBeUndefined()
    const key = await sendOk({ url: `${foreignBase}/hello`, auth: 'apikey' })
    expect(key.notes.join(' ')).toMatch(/No API key attached/)
    expect(seen[1]?.headers['apikey']).toBeUndefined()
    // …while the public API on the profile's host gets the apikey header, masked in the echo.
    const find = await sendOk({
      url: '{{apiBase}}/business-units/find',
      auth: 'apikey',
      query: [{ name: 'name', value: 'sandbox-shop.example', enabled: true }],
    })
    expect(find.status).toBe(200)
    expect(find.endpointId).toBe('public.business-units.find')
    expect(find.request.headers['apikey']).not.toContain(SANDBOX_DEFAULTS.apiKey)
  })

  it('refuses a bad URL, bad JSON, unknown variables and unfilled path parameters before sending', async () => {
    await b.control('DELETE', '/log')
    const bad = await send({ url: 'not a url' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-url')
      expect(bad.error.message).toMatch(/Nothing was sent/)
    }
    const scheme = await send({ url: 'api.trustpilot.com/v1/reviews/latest' })
    expect(!scheme.ok && scheme.error.message).toMatch(/Add the scheme/)
    const ftp = await send({ url: 'ftp://example.com/x' })
    expect(!ftp.ok && ftp.error.code).toBe('invalid-url')
    const json = await send({
      method: 'POST',
      url: '{{apiBase}}/private/reviews/abc/reply',
      body: { kind: 'json', text: '{\n  "message": "hi",\n  "authorBusinessUserId": \n}' },
    })
    expect(json.ok).toBe(false)
    if (!json.ok) {
      expect(json.error.code).toBe('invalid-json')
      expect(json.error.message).toMatch(/line 4, column 1/)
      expect(json.error.details).toMatchObject({ line: 4, column: 1 })
    }
    const unknown = await send({ url: '{{apiBase}}/x/{{nope}}?a={{alsoNope}}' })
    expect(!unknown.ok && unknown.error.code).toBe('unknown-variables')
    expect(!unknown.ok && unknown.error.message).toMatch(/\{\{nope\}\}, \{\{alsoNope\}\}/)
    const path = await send({ url: '{{apiBase}}/private/reviews/{reviewId}' })
    expect(!path.ok && path.error.code).toBe('missing-path-params')
    expect(!path.ok && path.error.message).toMatch(/\{reviewId\}/)
    const header = await send({ headers: [{ name: 'bad header', value: 'x', enabled: true }] })
    expect(!header.ok && header.error.code).toBe('invalid-header')
    const getBody = await send({ body: { kind: 'text', text: 'x' } })
    expect(!getBody.ok && getBody.error.code).toBe('invalid-body')
    expect((await b.control('GET', '/log')).entries).toEqual([])
  })

  it('times out and can be cancelled by request id', async () => {
    await sendOk({ query: [{ name: 'perPage', value: '1', enabled: true }] })
    await b.control('POST', '/faults', { target: 'api', kind: 'delay', delayMs: 1500, count: 1 })
    const t0 = Date.now()
    const timedOut = await send({ timeoutMs: 200 })
    expect(timedOut.ok).toBe(false)
    expect(!timedOut.ok && timedOut.error.code).toBe('timeout')
    expect(Date.now() - t0).toBeLessThan(1200)

    await b.control('POST', '/faults', { target: 'api', kind: 'delay', delayMs: 1500, count: 1 })
    const pending = send({}, 'cancel-me-1')
    await new Promise((r) => setTimeout(r, 100))
    expect(await b.ok('http:cancel', { requestId: 'cancel-me-1' })).toEqual({ cancelled: true })
    const cancelled = await pending
    expect(!cancelled.ok && cancelled.error.code).toBe('cancelled')
    expect(await b.ok('http:cancel', { requestId: 'cancel-me-1' })).toEqual({ cancelled: false })
    const history = await b.ok('history:list', { query: 'cancelled' })
    expect(history.entries[0]?.error).toMatch(/cancelled/)
  })

  it('keeps a big body in main and serves it in slices, raw and pretty', async () => {
    const res = await sendOk({ url: `${foreignBase}/big.json`, auth: 'none' })
    expect(res.size).toBeGreaterThan(BIG - 200)
    expect(res.body).toBeUndefined()
    expect(res.large).toBe(false)
    expect(res.prettyAvailable).toBe(true)
    let text = ''
    let offset = 0
    for (;;) {
      const slice = await b.ok('http:body', {
        responseId: res.responseId,
        offset,
        length: 1_000_000,
      })
      text += slice.text
      offset += slice.text.length
      if (slice.done) {
        expect(slice.total).toBe(text.length)
        break
      }
    }
    expect(Buffer.byteLength(text)).toBe(res.size)
    const parsed = JSON.parse(text) as unknown[]
    const pretty = await b.ok('http:body', {
      responseId: res.responseId,
      view: 'pretty',
      length: 64,
    })
    expect(pretty.text.startsWith('[\n  {\n    "id"')).toBe(true)
    expect(pretty.total).toBe(JSON.stringify(parsed, null, 2).length)
    const copied = await b.ok('http:copy-body', { responseId: res.responseId })
    expect(copied.chars).toBe(text.length)
    expect(b.app.clipboard.text).toBe(text)
    const tooLong = await b.call('http:body', { responseId: res.responseId, length: 50_000_000 })
    expect(!tooLong.ok && tooLong.error.code).toBe('invalid-arguments')
    const gone = await b.call('http:body', { responseId: 'no-such-response' })
    expect(!gone.ok && gone.error.code).toBe('not-found')

    const bytes = await sendOk({ url: `${foreignBase}/bytes`, auth: 'none' })
    expect(bytes.kind).toBe('binary')
    expect(bytes.body).toBeUndefined()
    const b64 = await b.ok('http:body', { responseId: bytes.responseId, view: 'base64' })
    expect(Buffer.from(b64.text, 'base64')).toEqual(
      Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]),
    )
  })

  it('marks a body over 100 MB as large and never sends it inline', async () => {
    const res = await sendOk({ url: `${foreignBase}/huge`, auth: 'none' })
    expect(res.large).toBe(true)
    expect(res.body).toBeUndefined()
    expect(res.prettyAvailable).toBe(false)
    expect(res.size).toBe(101 * 1024 * 1024)
    const slice = await b.ok('http:body', { responseId: res.responseId, offset: 10, length: 5 })
    expect(slice).toMatchObject({ text: 'aaaaa', total: 101 * 1024 * 1024, done: false })
  })
})
