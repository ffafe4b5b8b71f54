/**
 * The one central Electron mock for main-process glue tests (installed for every Node test by
 * test/unit/setup.ts). It records what the code under test registers so tests can drive it:
 * IPC handlers, app/web-contents events, permission handlers, opened URLs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

class MockEmitter extends EventEmitter {
  /** Emits and returns the `event` object so tests can check `preventDefault` was called. */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    this.emit(name, event, ...args)
    return event
  }
}

export class MockSession extends MockEmitter {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: Listener | null = null
  setPermissionRequestHandler = vi.fn((h: Listener | null) => (this.permissionRequestHandler = h))
  setPermissionCheckHandler = vi.fn((h: Listener | null) => (this.permissionCheckHandler = h))
  clearStorageData = vi.fn(async () => undefined)
  /** The last listener registered with webRequest.onBeforeRequest (filter argument ignored). */
  beforeRequest: Listener | null = null
  webRequest = {
    onBeforeRequest: vi.fn((...args: unknown[]) => {
      this.beforeRequest = args[args.length - 1] as Listener
    }),
  }
}

export class MockWebContents extends MockEmitter {
  windowOpenHandler: Listener | null = null
  url = ''
  session = new MockSession()
  setWindowOpenHandler = vi.fn((h: Listener) => (this.windowOpenHandler = h))
  loadURL = vi.fn(async (url: string) => {
    this.url = url
  })
  getURL = () => this.url
  /** Emits a navigation event in Electron's details form (`will-navigate`, `will-redirect`, …). */
  navigate(name: string, url: string, isMainFrame = true): { defaultPrevented: boolean } {
    const event = {
      url,
      isMainFrame,
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    }
    this.emit(name, event)
    return event
  }
  isDestroyed = () => false
  send = vi.fn()
}

export class BrowserWindow extends MockEmitter {
  static windows: BrowserWindow[] = []
  static getAllWindows = () => BrowserWindow.windows.filter((w) => !w.destroyed)
  options: Record<string, unknown>
  webContents = new MockWebContents()
  destroyed = false
  title = ''
  constructor(options: Record<string, unknown> = {}) {
    super()
    this.options = options
    this.title = String(options['title'] ?? '')
    BrowserWindow.windows.push(this)
  }
  loadURL = (url: string) => this.webContents.loadURL(url)
  setTitle = vi.fn((t: string) => (this.title = t))
  getTitle = () => this.title
  show = vi.fn()
  focus = vi.fn()
  restore = vi.fn()
  isMinimized = () => false
  isDestroyed = () => this.destroyed
  close = vi.fn(() => {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('closed')
  })
  destroy = this.close
}

class MockApp extends MockEmitter {
  ready = true
  isPackaged = false
  getName = () => 'Trustpilot API Explorer'
  getVersion = () => '0.1.0-test'
  getPath = vi.fn((name: string) => `/tmp/tp-explorer-mock/${name}`)
  isReady = () => this.ready
  whenReady = () => Promise.resolve()
  requestSingleInstanceLock = vi.fn(() => true)
  quit = vi.fn()
}

export const app = new MockApp()

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, fn: Listener) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    ipcMain.handlers.set(channel, fn)
  }),
  removeHandler: vi.fn((channel: string) => ipcMain.handlers.delete(channel)),
}

export const session = {
  defaultSession: new MockSession(),
  fromPartition: vi.fn((_partition: string) => new MockSession()),
}

export const shell = { openExternal: vi.fn(async () => undefined) }
export const clipboard = {
  text: '',
  writeText: vi.fn((t: string) => (clipboard.text = t)),
  readText: () => clipboard.text,
}

/**
 * safeStorage with a real cipher (AES-256-GCM, Node crypto) and a fresh key per test
 * (`resetElectronMock`), so "nothing secret on disk" checks can fail: no encoding of the secret
 * survives in the ciphertext, and a value written under another key does not decrypt.
 */
let safeStorageKey = randomBytes(32)

const mockEncrypt = (plain: string): Buffer => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', safeStorageKey, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

const mockDecrypt = (data: Buffer): string => {
  const decipher = createDecipheriv('aes-256-gcm', safeStorageKey, data.subarray(0, 12))
  decipher.setAuthTag(data.subarray(12, 28))
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
}

export const safeStorage = {
  backend: 'gnome_libsecret' as string,
  getSelectedStorageBackend: () => safeStorage.backend,
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: vi.fn(async (s: string) => mockEncrypt(s)),
  decryptStringAsync: vi.fn(async (b: Buffer) => ({
    shouldReEncrypt: false,
    result: mockDecrypt(Buffer.from(b)),
  })),
  /** A different key from now on, as after a keyring reset: earlier ciphertext no longer decrypts. */
  rotateKey: () => {
    safeStorageKey = randomBytes(32)
  },
}

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }
export const net = { fetch: vi.fn() }
export const Menu = { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() }
export const contextBridge = { exposeInMainWorld: vi.fn() }
export const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() }

/** Restores the mock to a fresh state between tests. */
export function resetElectronMock(): void {
  ipcMain.handlers.clear()
  BrowserWindow.windows = []
  app.removeAllListeners()
  app.ready = true
  safeStorage.backend = 'gnome_libsecret'
  safeStorage.rotateKey()
  session.defaultSession = new MockSession()
  clipboard.text = ''
  vi.clearAllMocks()
}

export default {
  app,
  ipcMain,
  session,
  shell,
  clipboard,
  safeStorage,
  protocol,
  net,
  Menu,
  BrowserWindow,
  contextBridge,
  ipcRenderer,
}
