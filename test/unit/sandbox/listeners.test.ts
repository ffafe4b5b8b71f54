import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { describe, expect, it } from 'vitest'
import { SANDBOX_DEFAULTS, startSandbox } from '../../../electron/sandbox/index'
import { control, send, start } from './helpers'

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

async function freePort(): Promise<number> {
  const server = await listen(0)
  const address = server.address()
  await new Promise((r) => server.close(r))
  return typeof address === 'object' && address ? address.port : 0
}

const portOf = (url: string): number => Number(new URL(url).port)

describe('startSandbox listeners', () => {
  it('resolves to the contract shape with the defaults', async () => {
    const sbx = await start()
    try {
      expect(sbx.info).toEqual({
        apiBase: sbx.apiBase,
        invitationsBase: sbx.invitationsBase,
        loginUrl: sbx.loginUrl,
        controlBase: sbx.controlBase,
        apiKey: SANDBOX_DEFAULTS.apiKey,
        apiSecret: SANDBOX_DEFAULTS.apiSecret,
        username: SANDBOX_DEFAULTS.username,
        password: SANDBOX_DEFAULTS.password,
        businessUnitId: SANDBOX_DEFAULTS.businessUnitId,
        businessUserId: SANDBOX_DEFAULTS.businessUserId,
        redirectUri: SANDBOX_DEFAULTS.redirectUri,
      })
      expect(sbx.controlBase).toBe(`${new URL(sbx.apiBase).origin}/__sandbox`)
      expect(
        new Set([portOf(sbx.apiBase), portOf(sbx.invitationsBase), portOf(sbx.loginUrl)]).size,
      ).toBe(3)
      for (const url of [sbx.apiBase, sbx.invitationsBase, sbx.loginUrl]) {
        expect(new URL(url).hostname).toBe('127.0.0.1')
      }
    } finally {
      await sbx.close()
    }
  })

  it('with an explicit port, the other two take the next free ports', async () => {
    const port = await freePort()
    const blocker = await listen(port + 1).catch(() => null)
    const sbx = await start({ port })
    try {
      expect(portOf(sbx.apiBase)).toBe(port)
      expect(portOf(sbx.invitationsBase)).toBeGreaterThan(port + (blocker ? 1 : 0))
      expect(portOf(sbx.loginUrl)).toBeGreaterThan(portOf(sbx.invitationsBase))
      expect((await control(sbx, 'GET', '/clock')).status).toBe(200)
    } finally {
      await sbx.close()
      if (blocker) await new Promise((r) => blocker.close(r))
    }
  })

  it('rejects a busy API port and invalid options', async () => {
    const blocker = await listen(0)
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      await expect(startSandbox({ port, quiet: true })).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await new Promise((r) => blocker.close(r))
    }
    await expect(startSandbox({ redirectUri: 'http://insecure.example/cb' })).rejects.toThrow(
      /https/,
    )
    await expect(startSandbox({ port: -1 })).rejects.toThrow(/port/)
    await expect(startSandbox({ accessTtl: 0 })).rejects.toThrow(/accessTtl/)
  })

  it('close() ends keep-alive connections promptly and is idempotent', async () => {
    const sbx = await start()
    // fetch keeps the connection alive in its pool.
    expect((await control(sbx, 'GET', '/clock')).status).toBe(200)
    const started = Date.now()
    await Promise.all([sbx.close(), sbx.close()])
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(fetch(`${sbx.controlBase}/clock`)).rejects.toThrow()
  })

  it('uses configured credentials', async () => {
    const sbx = await start({
      apiKey: 'my-key',
      apiSecret: 'my-secret',
      username: 'me@x.example',
      password: 'pw',
    })
    try {
      const res = await send(
        'POST',
        `${sbx.apiBase}/oauth/oauth-business-users-for-applications/accesstoken`,
        {
          form: { grant_type: 'password', username: 'me@x.example', password: 'pw' },
          headers: { authorization: `Basic ${Buffer.from('my-key:my-secret').toString('base64')}` },
        },
      )
      expect(res.status).toBe(200)
      expect(res.body.client_id).toBe('my-key')
    } finally {
      await sbx.close()
    }
  })
})
