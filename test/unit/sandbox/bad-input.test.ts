import { connect } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { control, passwordToken, send, start, tokenUrl } from './helpers'

let sbx: RunningSandbox
let token: string

beforeAll(async () => {
  sbx = await start()
})
afterAll(async () => {
  await sbx.close()
})
beforeEach(async () => {
  await control(sbx, 'POST', '/reset')
  token = (await passwordToken(sbx))['access_token']!
})

const basic = (): string =>
  `Basic ${Buffer.from(`${sbx.apiKey}:${sbx.apiSecret}`).toString('base64')}`
const replyUrl = async (): Promise<string> => {
  const list = await send(
    'GET',
    `${sbx.apiBase}/private/business-units/${sbx.businessUnitId}/reviews?perPage=1`,
    { token },
  )
  return `${sbx.apiBase}/private/reviews/${list.body.reviews[0].id}/reply`
}

async function stillAlive(): Promise<void> {
  const res = await control(sbx, 'GET', '/clock')
  expect(res.status).toBe(200)
}

/** Sends raw bytes over TCP and returns what came back (or '' if the server closed). */
function rawRequest(port: number, payload: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString()))
    socket.on('close', () => resolve(data))
    socket.on('error', () => resolve(data))
    socket.write(payload)
    setTimeout(() => socket.end(), 200)
  })
}

describe('token endpoints', () => {
  it('survive a malformed form body', async () => {
    const res = await send('POST', tokenUrl(sbx, 'accesstoken'), {
      raw: '%%%&&&=grant_type%zz&=',
      contentType: 'application/x-www-form-urlencoded',
      headers: { authorization: basic() },
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
  })

  it('give 415 for text and XML bodies, 400 for an empty form', async () => {
    for (const contentType of ['text/plain', 'application/xml']) {
      const res = await send('POST', tokenUrl(sbx, 'accesstoken'), {
        raw: 'grant_type=client_credentials',
        contentType,
        headers: { authorization: basic() },
      })
      expect(res.status).toBe(415)
    }
    const empty = await send('POST', tokenUrl(sbx, 'accesstoken'), {
      headers: { authorization: basic() },
    })
    expect(empty.status).toBe(400)
    expect(empty.body.error).toBe('invalid_request')
  })

  it('give 405 for GET', async () => {
    const res = await send('GET', tokenUrl(sbx, 'accesstoken'))
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })
})

describe('private endpoints', () => {
  it('give 400 for malformed JSON, a JSON array, or a missing body', async () => {
    const url = await replyUrl()
    const malformed = await send('POST', url, {
      token,
      raw: '{"message": ',
      contentType: 'application/json',
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body.message).toMatch(/Malformed JSON/)
    const array = await send('POST', url, { token, json: ['message'] })
    expect(array.status).toBe(400)
    const none = await send('POST', url, { token })
    expect(none.status).toBe(400)
    const wrongType = await send('POST', url, { token, json: { message: 42 } })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.details).toContain('message must be a string')
  })

  it('give 415 for a form body', async () => {
    const res = await send('POST', await replyUrl(), { token, form: { message: 'hi' } })
    expect(res.status).toBe(415)
  })

  it('give 404 for unknown ids with odd characters', async () => {
    const res = await send('GET', `${sbx.apiBase}/private/reviews/%E0%A4%A`, { token })
    expect(res.status).toBe(404)
    expect(res.body.message).toBeTruthy()
  })
})

describe('bodies over 1 MB', () => {
  it('get 413 on every listener, and the server keeps working', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10)
    const tokenRes = await send('POST', tokenUrl(sbx, 'accesstoken'), {
      raw: `grant_type=client_credentials&pad=${big}`,
      contentType: 'application/x-www-form-urlencoded',
      headers: { authorization: basic() },
    })
    expect(tokenRes.status).toBe(413)
    expect(tokenRes.body.message).toMatch(/too large/)
    const apiRes = await send('POST', await replyUrl(), { token, json: { message: big } })
    expect(apiRes.status).toBe(413)
    const inv = await send(
      'POST',
      `${sbx.invitationsBase}/private/business-units/${sbx.businessUnitId}/email-invitations`,
      {
        token,
        json: { consumerEmail: big },
      },
    )
    expect(inv.status).toBe(413)
    const login = await send('POST', new URL('/login', sbx.loginUrl).toString(), {
      form: { username: big },
    })
    expect(login.status).toBe(413)
    // Exactly 1 MB is fine (and then fails validation as usual).
    const edge = await send('POST', await replyUrl(), {
      token,
      raw: JSON.stringify({ message: 'y'.repeat(1024 * 1024 - 20) }).padEnd(1024 * 1024, ' '),
      contentType: 'application/json',
    })
    expect(edge.status).toBe(201)
    await stillAlive()
  })
})

describe('unknown paths and methods', () => {
  it('answer 404 with a readable body on each listener', async () => {
    const api = await send('GET', `${sbx.apiBase}/nothing/here`)
    expect(api.status).toBe(404)
    expect(api.body.message).toBe('Not found')
    expect(api.body.details).toMatch(/api listener/)
    const inv = await send('DELETE', `${sbx.invitationsBase}/whatever`)
    expect(inv.status).toBe(404)
    expect(inv.body.details).toMatch(/invitations listener/)
    const login = await send('GET', new URL('/favicon.ico', sbx.loginUrl).toString())
    expect(login.status).toBe(404)
    expect(login.headers.get('content-type')).toMatch(/text\/html/)
  })

  it('answer 405 for a known path with another method', async () => {
    const res = await send('PATCH', `${sbx.apiBase}/private/reviews/abc/tags`, { token })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toContain('GET')
  })

  it('tolerate double slashes and a trailing slash', async () => {
    const res = await send(
      'GET',
      `${sbx.apiBase}//private/business-units/${sbx.businessUnitId}/reviews/?perPage=1`,
      { token },
    )
    expect(res.status).toBe(200)
  })
})

describe('login page input', () => {
  it('handles a JSON post, an unknown action and missing fields', async () => {
    const loginPost = new URL('/login', sbx.loginUrl).toString()
    expect((await send('POST', loginPost, { json: { a: 1 } })).status).toBe(415)
    const unknownAction = await send('POST', loginPost, {
      form: {
        client_id: sbx.apiKey,
        redirect_uri: sbx.redirectUri,
        response_type: 'code',
        action: 'explode',
      },
    })
    expect(unknownAction.status).toBe(400)
    const empty = await send('POST', loginPost, { form: {} })
    expect(empty.status).toBe(400)
    expect(empty.text).toMatch(/Missing client_id/)
    await stillAlive()
  })
})

describe('garbage on the wire', () => {
  it('does not crash the server', async () => {
    const port = Number(new URL(sbx.apiBase).port)
    const reply = await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n')
    expect(reply === '' || reply.startsWith('HTTP/1.1 400')).toBe(true)
    const badLength = await rawRequest(
      port,
      'POST /v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
    )
    expect(badLength === '' || badLength.startsWith('HTTP/1.1 400')).toBe(true)
    // A client that promises a body and hangs up half way.
    await rawRequest(
      port,
      `POST ${new URL(tokenUrl(sbx, 'accesstoken')).pathname} HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=`,
    )
    await stillAlive()
  })
})
