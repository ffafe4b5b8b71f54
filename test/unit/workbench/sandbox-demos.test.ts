import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_DEMOS } from '../../../electron/shared/auth'
import { startBench, type Bench } from './helpers'

interface LogEntry {
  path: string
  status: number
}

/** Each demo does to the next call what its message says, against the real sandbox. */
describe('sandbox:demo', () => {
  let b: Bench
  beforeAll(async () => {
    b = await startBench()
  })
  afterAll(async () => {
    await b.app.services.dispose()
  })

  const log = async () => ((await b.control('GET', '/log')).entries as LogEntry[]) ?? []
  const demo = (name: string) => b.ok('sandbox:demo', { demo: name })
  const list = () =>
    b.ok('http:send', b.draft({ query: [{ name: 'perPage', value: '1', enabled: true }] }))

  it('expire-tokens and reject-next-call: one 401, the token renewed, the call sent again', async () => {
    expect((await list()).retried).toBe(false)
    for (const name of ['expire-tokens', 'reject-next-call']) {
      const before = await b.accessToken()
      expect((await demo(name)).message).toMatch(/401/)
      const res = await list()
      expect(res.status).toBe(200)
      expect(res.retried).toBe(true)
      expect(await b.accessToken()).not.toBe(before)
      expect((await list()).retried).toBe(false)
    }
  })

  it('rate-limit-token: the next token request meets a 429, the app waits and gets its token', async () => {
    expect((await demo('rate-limit-token')).message).toMatch(/429/)
    const from = (await log()).length
    const state = await b.ok('auth:get-token', {
      profileId: b.profileId,
      grant: 'client_credentials',
    })
    expect(state).toMatchObject({ status: 'valid' })
    const tokenCalls = (await log()).slice(from).filter((e) => e.path.includes('/oauth/'))
    expect(tokenCalls.map((e) => e.status)).toEqual([429, 200])
  }, 15_000)

  it('html-error and slow-call: an HTML 502, then an answer slower than a short timeout', async () => {
    await demo('html-error')
    const html = await list()
    expect(html.status).toBe(502)
    expect(html.kind).toBe('html')
    await demo('slow-call')
    const slow = await b.call('http:send', { ...b.draft({}), timeoutMs: 300 })
    expect(!slow.ok && slow.error.code).toBe('timeout')
  })

  it('reset: the sandbox forgets its tokens, so the next call renews once', async () => {
    await list()
    expect((await demo('reset')).message).toMatch(/back to its start/)
    expect(await log()).toEqual([])
    const res = await list()
    expect(res.status).toBe(200)
    expect(res.retried).toBe(true)
  })

  it('is refused for an unknown demo and while the sandbox is stopped', async () => {
    expect(SANDBOX_DEMOS).toContain('reset')
    const unknown = await b.call('sandbox:demo', { demo: 'melt-down' })
    expect(!unknown.ok && unknown.error.code).toBe('invalid-arguments')
    await b.ok('sandbox:stop')
    const stopped = await b.call('sandbox:demo', { demo: 'reset' })
    expect(!stopped.ok && stopped.error.code).toBe('sandbox-stopped')
    await b.ok('sandbox:start')
  })
})
