import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  app,
  MockSession,
  MockWebContents,
  resetElectronMock,
  session,
  shell,
} from '../mocks/electron'
import { hardenApp, openExternalHttps } from '../../../electron/main/security'

const mayNavigate = (_contents: unknown, url: string) => url.startsWith('app://explorer/')

describe('hardenApp', () => {
  let contents: MockWebContents
  beforeEach(() => {
    resetElectronMock()
    hardenApp(mayNavigate)
    contents = new MockWebContents()
    app.emit('web-contents-created', {}, contents)
  })

  it('denies window.open for every web contents', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
  })

  it('blocks navigation and redirects away from the app, but not inside it', () => {
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true)
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true)
    expect(contents.fire('will-navigate', 'app://explorer/index.html').defaultPrevented).toBe(false)
  })

  it('refuses to attach webviews', () => {
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true)
  })

  it('denies permission requests on the default session and on every new session', () => {
    const granted = vi.fn()
    session.defaultSession.permissionRequestHandler?.(contents, 'media', granted)
    expect(granted).toHaveBeenCalledWith(false)
    const later = new MockSession()
    app.emit('session-created', later)
    const granted2 = vi.fn()
    later.permissionRequestHandler?.(contents, 'notifications', granted2)
    expect(granted2).toHaveBeenCalledWith(false)
    expect(later.permissionCheckHandler?.()).toBe(false)
  })
})

describe('openExternalHttps', () => {
  beforeEach(() => resetElectronMock())

  it('opens https URLs only', async () => {
    await openExternalHttps('https://authenticate.trustpilot.com/?client_id=k')
    expect(shell.openExternal).toHaveBeenCalledWith(
      'https://authenticate.trustpilot.com/?client_id=k',
    )
    await expect(openExternalHttps('file:///etc/passwd')).rejects.toThrow(/non-https/)
    await expect(openExternalHttps('javascript:alert(1)')).rejects.toThrow(/non-https/)
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })
})
