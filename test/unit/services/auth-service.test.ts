import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { HttpLoginWindow } from '../helpers/http-login-window'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { driveLogin } from '../core/helpers/login-driver'
import type { AuthState, PendingLogin } from '../../../electron/shared/auth'
import { sandboxControlHeaders } from '../../../electron/shared/sandbox-control'

const creds = { username: SANDBOX_DEFAULTS.username, password: SANDBOX_DEFAULTS.password }

describe('AuthService', () => {
  let app: TestApp
  let login: HttpLoginWindow
  beforeEach(async () => {
    login = new HttpLoginWindow(creds)
    app = await createTestApp({ loginWindow: login })
  })
  afterEach(async () => {
    await app.services.dispose()
  })

  it('keeps the active profile fresh in the background by default, and only that one', async () => {
    const { auth, profiles } = app.services
    expect((await auth.state(app.sandboxProfileId)).autoRefresh).toBe(true)
    const other = await profiles.save({
      ...profiles.require(app.sandboxProfileId),
      id: undefined,
      name: 'Second',
    })
    expect((await auth.state(other.id)).autoRefresh).toBe(false)
    await auth.setActive(other.id)
    expect((await auth.state(other.id)).autoRefresh).toBe(true)
    expect((await auth.state(app.sandboxProfileId)).autoRefresh).toBe(false)
  })

  it('names the missing fields before running a grant', async () => {
    const { auth, profiles } = app.services
    await profiles.save({ ...profiles.require(app.sandboxProfileId), username: '', password: '' })
    await expect(auth.getToken(app.sandboxProfileId, 'password')).rejects.toMatchObject({
      code: 'missing-fields',
      message: /Username is required.*Password is required/,
    })
  })

  it('the system-browser route: paste the landing URL; a bare code; a missing state needs confirmation', async () => {
    const { auth } = app.services
    const id = app.sandboxProfileId
    const pending = (await auth.getToken(id, 'authorization_code', 'browser')) as PendingLogin
    expect(app.opened).toEqual([pending.authorizeUrl])
    expect(JSON.stringify(pending)).not.toMatch(/"state"/)
    await expect(
      auth.completeLogin(pending.flowId, 'https://elsewhere.example/oauth/callback?code=x'),
    ).rejects.toMatchObject({
      code: 'bad-paste',
    })
    const landed = await driveLogin(pending.authorizeUrl, creds)
    const state = await auth.completeLogin(pending.flowId, landed)
    expect(state).toMatchObject({ status: 'valid', grant: 'authorization_code', warnings: [] })
    await expect(auth.completeLogin(pending.flowId, landed)).rejects.toMatchObject({
      code: 'no-login',
    })

    // Just the code: no state to check, so the user must confirm.
    const again = (await auth.getToken(id, 'authorization_code', 'browser')) as PendingLogin
    const code = new URL(await driveLogin(again.authorizeUrl, creds)).searchParams.get('code')!
    await expect(auth.completeLogin(again.flowId, code)).rejects.toMatchObject({
      code: 'confirm-missing-state',
    })
    const confirmed = await auth.completeLogin(again.flowId, code, true)
    expect(confirmed.status).toBe('valid')
    expect(confirmed.warnings.join(' ')).toMatch(/you confirmed/)
  })

  it('refuses a pasted URL whose state is wrong', async () => {
    const { auth } = app.services
    const pending = (await auth.getToken(
      app.sandboxProfileId,
      'implicit',
      'browser',
    )) as PendingLogin
    const landed = new URL(await driveLogin(pending.authorizeUrl, creds))
    landed.hash = landed.hash.replace(/state=[^&]+/, 'state=forged')
    await expect(auth.completeLogin(pending.flowId, landed.toString())).rejects.toMatchObject({
      code: 'state-mismatch',
    })
  })

  it('records the login steps in the flow trace, masked', async () => {
    const { auth } = app.services
    await auth.getToken(app.sandboxProfileId, 'authorization_code')
    const trace = await auth.trace(app.sandboxProfileId)
    expect(trace?.flow).toBe('authorization_code')
    expect(trace?.steps.map((s) => s.title).slice(0, 2)).toEqual([
      'Open the login page',
      'Catch the redirect',
    ])
    expect(trace?.steps.length).toBeGreaterThanOrEqual(3)
    expect(trace?.steps[1]?.request.url).not.toMatch(/code=[A-Za-z0-9_-]{8,}/)
  })

  it('refresh and sign-out report state changes as events, masked', async () => {
    const { auth } = app.services
    const id = app.sandboxProfileId
    await auth.getToken(id, 'password')
    const refreshed = await auth.refresh(id)
    expect(refreshed).toMatchObject({ status: 'valid', hasRefreshToken: true })
    const out = await auth.signOut(id)
    expect(out).toMatchObject({
      refreshRevoked: true,
      accessRevoked: true,
      errors: [],
      state: { status: 'none' },
    })
    const types = app.events
      .filter((e) => e.event === 'token:changed')
      .map((e) => (e.payload as AuthState).status)
    expect(types).toContain('valid')
    expect(types.at(-1)).toBe('none')
  })

  it('cancels a slow token request at once, and the UI learns the token if it still arrives', async () => {
    const { auth, sandbox } = app.services
    const control = sandbox.current()!.controlBase
    await fetch(`${control}/faults`, {
      method: 'POST',
      headers: sandboxControlHeaders(),
      body: JSON.stringify({ target: 'token', count: 1, kind: 'delay', delayMs: 800 }),
    })
    const started = Date.now()
    const pending = auth.getToken(app.sandboxProfileId, 'client_credentials')
    setTimeout(() => auth.cancelAll(), 50)
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    expect(Date.now() - started).toBeLessThan(700)
    await vi.waitFor(
      async () => expect((await auth.state(app.sandboxProfileId)).status).toBe('valid'),
      {
        timeout: 3000,
      },
    )
  })

  it('an OAuth failure becomes a structured error with a clear message', async () => {
    const { auth, profiles } = app.services
    await profiles.save({ ...profiles.require(app.sandboxProfileId), apiSecret: 'wrong-secret' })
    await expect(auth.getToken(app.sandboxProfileId, 'client_credentials')).rejects.toMatchObject({
      code: 'oauth:invalid_client',
      message: expect.stringMatching(/key|secret/i),
      details: { status: 401 },
    })
  })
})
