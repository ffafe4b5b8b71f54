import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcMain, resetElectronMock } from '../mocks/electron'
import { registerHandlers } from '../../../electron/main/ipc/register'
import { channelNames } from '../../../electron/shared/contract'
import type { HandlerTable } from '../../../electron/core/ipc/dispatch'
import type { AppInfo } from '../../../electron/shared/types'
import type { IpcResult } from '../../../electron/shared/result'

const APP = 'app://explorer'
const info: AppInfo = {
  name: 'x',
  version: '1.2.3',
  platform: 'linux',
  safeStorageBackend: 'gnome_libsecret',
  secretsProtected: true,
}

type FakeFrame = { url: string; parent: unknown; isDestroyed?: () => boolean } | null

function call(channel: string, frame: FakeFrame, arg?: unknown): Promise<IpcResult<unknown>> {
  const handler = ipcMain.handlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler({ senderFrame: frame }, arg) as Promise<IpcResult<unknown>>
}

/** Every channel answers; `app:info` is the implementation under observation. */
const tableWith = (appInfo: () => AppInfo): HandlerTable =>
  ({
    ...Object.fromEntries(channelNames.map((c) => [c, vi.fn()])),
    'app:info': appInfo,
  }) as unknown as HandlerTable

const mainFrame = { url: `${APP}/index.html`, parent: null }

describe('registerHandlers', () => {
  let impl: ReturnType<typeof vi.fn<() => AppInfo>>
  beforeEach(() => {
    resetElectronMock()
    impl = vi.fn(() => info)
    registerHandlers(ipcMain, tableWith(impl), { allowedOrigins: [APP] })
  })

  it('registers exactly one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('answers a call from the app main frame with { ok: true, value }', async () => {
    await expect(call('app:info', mainFrame)).resolves.toEqual({ ok: true, value: info })
    expect(impl).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a foreign origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a file:// page', { url: 'file:///tmp/index.html', parent: null }],
    ['a subframe of the app', { url: `${APP}/index.html`, parent: mainFrame }],
    ['no sender frame', null],
    ['a destroyed frame', { url: `${APP}/index.html`, parent: null, isDestroyed: () => true }],
  ])('refuses a call from %s without running the implementation', async (_label, frame) => {
    const result = await call('app:info', frame as FakeFrame)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('forbidden-sender')
    expect(impl).not.toHaveBeenCalled()
  })

  it('refuses arguments that fail the schema without running the implementation', async () => {
    const result = await call('app:info', mainFrame, { unexpected: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    expect(impl).not.toHaveBeenCalled()
  })

  it('turns a throwing implementation into a structured error instead of throwing', async () => {
    impl.mockImplementation(() => {
      throw new Error('disk on fire')
    })
    await expect(call('app:info', mainFrame)).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'disk on fire' },
    })
  })

  it('unregisters every handler it registered', () => {
    resetElectronMock()
    const off = registerHandlers(ipcMain, tableWith(impl), { allowedOrigins: [APP] })
    off()
    expect(ipcMain.handlers.size).toBe(0)
  })
})
