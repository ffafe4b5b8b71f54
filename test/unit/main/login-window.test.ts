import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow, MockSession, resetElectronMock, session } from '../mocks/electron'
import { ElectronLoginWindow } from '../../../electron/main/login-window'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { driveLogin, type LoginAction } from '../core/helpers/login-driver'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { HandlerError } from '../../../electron/shared/result'
import type { AuthState } from '../../../electron/shared/auth'

const creds = { username: SANDBOX_DEFAULTS.username, password: SANDBOX_DEFAULTS.password }

/** The login window the service opened, once it has started loading the login page. */
async function openedWindow(): Promise<{ win: BrowserWindow; ses: MockSession; url: string }> {
  await vi.waitFor(() => {
    const w = BrowserWindow.windows.at(-1)
    if (!w || !w.webContents.url) throw new Error('no login window yet')
  })
  const win = BrowserWindow.windows.at(-1)!
  const prefs = win.options['webPreferences'] as { session: MockSession }
  return { win, ses: prefs.session, url: win.webContents.url }
}

/** Runs the sandbox login page over HTTP and returns where it redirects (never followed). */
async function signIn(url: string, action: LoginAction = 'signin'): Promise<string> {
  return driveLogin(url, creds, action)
}

function beforeRequest(
  ses: MockSession,
  url: string,
  method = 'GET',
  resourceType: string = 'mainFrame',
) {
  const callback = vi.fn()
  ses.beforeRequest?.({ url, method, resourceType }, callback)
  return callback
}

describe('the embedded login window (Electron mock, real sandbox)', () => {
  let app: TestApp
  let login: ElectronLoginWindow
  let profileId: string

  beforeEach(async () => {
    resetElectronMock()
    session.fromPartition.mockImplementation(() => new MockSession())
    login = new ElectronLoginWindow()
    app = await createTestApp({ loginWindow: login, loginTimeoutMs: 10_000 })
    profileId = app.sandboxProfileId
  })
  afterEach(async () => {
    await app.services.dispose()
  })

  const getToken = (grant: 'authorization_code' | 'implicit') =>
    app.services.auth.getToken(profileId, grant) as Promise<AuthState>

  it('is locked down: own in-memory partition, no preload, sandboxed, popups denied', async () => {
    const pending = getToken('authorization_code')
    const { win } = await openedWindow()
    const prefs = win.options['webPreferences'] as Record<string, unknown>
    expect(prefs['preload']).toBeUndefined()
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect((session.fromPartition.mock.calls[0] as unknown[])[0]).toMatch(/^login-/) // not persist:
    expect(win.webContents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({
      action: 'deny',
    })
    expect(win.title).toMatch(/127\.0\.0\.1/)
    expect(win.webContents.fire('page-title-updated', 'Totally Trustpilot').defaultPrevented).toBe(
      true,
    )
    win.close()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('catches a server redirect to the callback at the network layer and cancels it', async () => {
    const pending = getToken('authorization_code')
    const { ses, url } = await openedWindow()
    const location = await signIn(url)
    const callback = beforeRequest(ses, location)
    expect(callback).toHaveBeenCalledWith({ cancel: true })
    const state = await pending
    expect(state).toMatchObject({
      status: 'valid',
      grant: 'authorization_code',
      hasRefreshToken: true,
    })
    expect(state.warnings).toEqual([])
  })

  it('lets every other request through untouched', async () => {
    const pending = getToken('authorization_code')
    const { ses, url, win } = await openedWindow()
    expect(beforeRequest(ses, url)).toHaveBeenCalledWith({})
    expect(
      beforeRequest(ses, 'https://tp-explorer.example/oauth/other?code=1'),
    ).toHaveBeenCalledWith({})
    win.close()
    await expect(pending).rejects.toBeInstanceOf(HandlerError)
  })

  it('catches a script navigation to the callback before it loads', async () => {
    const pending = getToken('authorization_code')
    const { win, url } = await openedWindow()
    const location = await signIn(url)
    expect(win.webContents.navigate('will-navigate', location).defaultPrevented).toBe(true)
    await expect(pending).resolves.toMatchObject({ status: 'valid' })
  })

  it('catches a form post to the callback', async () => {
    const pending = getToken('authorization_code')
    const { ses, url } = await openedWindow()
    const location = await signIn(url)
    expect(beforeRequest(ses, location, 'POST')).toHaveBeenCalledWith({ cancel: true })
    await expect(pending).resolves.toMatchObject({ status: 'valid' })
  })

  it('reads the callback from a load failure', async () => {
    const pending = getToken('authorization_code')
    const { win, url } = await openedWindow()
    const location = await signIn(url)
    win.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', location, true)
    await expect(pending).resolves.toMatchObject({ status: 'valid' })
  })

  it('reads an implicit token from the fragment of the navigation, which the network never sees', async () => {
    const pending = getToken('implicit')
    const { win, ses, url } = await openedWindow()
    const location = await signIn(url)
    expect(location).toContain('#access_token=')
    // The network layer sees the URL without its fragment: cancelled, but not conclusive.
    expect(beforeRequest(ses, location.split('#')[0]!)).toHaveBeenCalledWith({ cancel: true })
    expect(win.webContents.navigate('will-redirect', location).defaultPrevented).toBe(true)
    const state = await pending
    expect(state).toMatchObject({ status: 'valid', grant: 'implicit', hasRefreshToken: false })
  })

  it('ends with the provider message on error=access_denied', async () => {
    const pending = getToken('authorization_code')
    const { win, url } = await openedWindow()
    const location = await signIn(url, 'cancel')
    win.webContents.navigate('will-navigate', location)
    await expect(pending).rejects.toMatchObject({ code: 'access-denied', message: /access_denied/ })
  })

  it('cancels the flow when the user closes the window', async () => {
    const pending = getToken('authorization_code')
    const { win } = await openedWindow()
    win.close()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: /closed/ })
  })

  it('times out', async () => {
    await app.services.dispose()
    app = await createTestApp({ loginWindow: login, loginTimeoutMs: 50 })
    const pending = app.services.auth.getToken(app.sandboxProfileId, 'authorization_code')
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: /too long/ })
    expect(BrowserWindow.windows.at(-1)?.destroyed).toBe(true)
  })

  it('ignores a same-path URL on a foreign host', async () => {
    const pending = getToken('authorization_code')
    const { win, ses, url } = await openedWindow()
    const location = new URL(await signIn(url))
    location.host = 'evil.example'
    expect(win.webContents.navigate('will-navigate', location.toString()).defaultPrevented).toBe(
      false,
    )
    expect(beforeRequest(ses, location.toString())).toHaveBeenCalledWith({})
    expect(win.destroyed).toBe(false)
    win.close()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('refuses a callback whose state is wrong', async () => {
    const pending = getToken('authorization_code')
    const { win, url } = await openedWindow()
    const location = new URL(await signIn(url))
    location.searchParams.set('state', 'forged')
    win.webContents.navigate('will-navigate', location.toString())
    await expect(pending).rejects.toMatchObject({ code: 'state-mismatch' })
    expect((await app.services.auth.state(profileId)).status).toBe('none')
  })

  it('asks before using a login caught in its own window without state, then finishes it (Google sign-in)', async () => {
    const pending = getToken('authorization_code')
    const { win, url } = await openedWindow()
    const location = await signIn(url, 'google')
    expect(new URL(location).searchParams.has('state')).toBe(false)
    win.webContents.navigate('will-navigate', location)
    const refused = await pending.catch((e: unknown) => e)
    expect(refused).toMatchObject({
      code: 'confirm-missing-state',
      message: expect.stringMatching(/cannot prove/),
      details: { flowId: expect.any(String), profileId },
    })
    // Nothing was used yet: no token request until the user says yes.
    expect((refused as HandlerError).message).not.toMatch(/no other site/i)
    expect((await app.services.auth.state(profileId)).status).toBe('none')
    const { flowId } = (refused as HandlerError).details as { flowId: string }
    await expect(app.services.auth.confirmLogin('other-flow')).rejects.toMatchObject({
      code: 'no-login',
    })
    const state = await app.services.auth.confirmLogin(flowId)
    expect(state.status).toBe('valid')
    expect(state.warnings.join(' ')).toMatch(/without the `state`.*you confirmed/s)
    expect(state.warnings.join(' ')).not.toMatch(/no other site|could not have been forged/i)
    // A confirmation is used once.
    await expect(app.services.auth.confirmLogin(flowId)).rejects.toMatchObject({ code: 'no-login' })
  })

  it('never lets an image, a fetch or an iframe request to the redirect URI finish a login', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const pending = getToken('authorization_code')
    let settled = false
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    )
    const { win, ses, url } = await openedWindow()
    const location = await signIn(url)
    for (const type of ['image', 'xhr', 'subFrame', 'script', 'other']) {
      // Stopped before it leaves the machine, but not taken as the end of the login.
      expect(beforeRequest(ses, location, 'GET', type)).toHaveBeenCalledWith({ cancel: true })
    }
    expect(win.webContents.navigate('will-frame-navigate', location, false).defaultPrevented).toBe(
      true,
    )
    expect(win.webContents.navigate('will-redirect', location, false).defaultPrevented).toBe(true)
    win.webContents.emit('did-fail-load', {}, -105, 'ERR_ABORTED', location, false)
    await new Promise((r) => setTimeout(r, 1200)) // longer than the fragment grace period
    expect(settled).toBe(false)
    expect(win.destroyed).toBe(false)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Ignored a request of type image/))
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Ignored a frame navigation/))
    // The log never carries the code.
    const code = new URL(location).searchParams.get('code')!
    for (const [line] of warn.mock.calls) expect(String(line)).not.toContain(code)
    // The window's own top-level navigation still finishes it.
    expect(win.webContents.navigate('will-navigate', location).defaultPrevented).toBe(true)
    await expect(pending).resolves.toMatchObject({ status: 'valid' })
    warn.mockRestore()
  })

  it('runs one login at a time: a second one cancels the first', async () => {
    const first = getToken('authorization_code')
    const { win: firstWin } = await openedWindow()
    const second = getToken('implicit')
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: /Another login/ })
    expect(firstWin.destroyed).toBe(true)
    const { win } = await openedWindow()
    expect(win).not.toBe(firstWin)
    win.close()
    await expect(second).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('uses a persistent partition per profile only with "remember my login", and forgets it', async () => {
    const profile = app.services.profiles.require(profileId)
    await app.services.profiles.save({ ...profile, rememberLogin: true })
    const pending = getToken('authorization_code')
    const { win } = await openedWindow()
    expect(session.fromPartition).toHaveBeenLastCalledWith(`persist:login-${profileId}`)
    win.close()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    const persistent = new MockSession()
    session.fromPartition.mockImplementation(() => persistent)
    await app.services.auth.forgetLogin(profileId)
    expect(session.fromPartition).toHaveBeenLastCalledWith(`persist:login-${profileId}`)
    expect(persistent.clearStorageData).toHaveBeenCalled()
  })
})
