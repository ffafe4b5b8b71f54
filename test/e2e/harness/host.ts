import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import type { BrowserContext } from '@playwright/test'
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import { createAppServices, type AppServices } from '../../../electron/core/services/app-services'
import { SANDBOX_DEFAULTS, startSandbox } from '../../../electron/sandbox/index'
import { NodeCryptoCipher, type Cipher } from '../../../electron/core/vault/cipher'
import { STORE_FILE_OPTIONS } from '../../../electron/core/vault/kv-store'
import type { AppInfo } from '../../../electron/shared/types'
import { PageLoginWindow } from './page-login-window'

const root = join(import.meta.dirname, '../../..')

export interface HarnessHost {
  dispatch: Dispatch
  services: AppServices
  login: PageLoginWindow
  /** What `secrets:copy` wrote to the "clipboard". */
  clipboard: { text: string }
  /** URLs the app asked the "system browser" to open. */
  opened: string[]
  dataDir: string
  /** Import (issue 15): what the "file dialog" returns next, one path per pick (none: cancelled). */
  importPicks: string[]
  /** Export (issue 15): where the "save dialog" saves next (none: cancelled). */
  exportPicks: string[]
  /** Events main would push to the renderer; bound pages subscribe through `bindApi`. */
  addEventSink(sink: (event: string, payload: unknown) => void): () => void
  close(): Promise<void>
}

export interface HostOptions {
  /** Origin the built renderer is served from: the only origin the dispatcher accepts. */
  appOrigin: string
  /** Where login pages open (a second page in the test's browser context). */
  context: () => BrowserContext
  /** Store folder; a fresh temporary one by default. Reuse it to "restart" the app. */
  dataDir?: string
  cipher?: Cipher
  /** Stand-in for the *Open folder…* dialog: what the "user" picks (null: cancels). */
  chooseFolder?: () => Promise<string | null>
}

/**
 * The non-Electron host: the same services, handler table and dispatcher the main process builds,
 * with Node implementations where Electron supplies its own (conf for electron-store, a Node
 * crypto cipher for safeStorage, a second page for the login window).
 */
export async function createHarnessHost(options: HostOptions): Promise<HarnessHost> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    productName: string
    version: string
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tp-explorer-harness-'))
  const cipher = options.cipher ?? new NodeCryptoCipher()
  const sinks = new Set<(event: string, payload: unknown) => void>()
  const clipboard = { text: '' }
  const opened: string[] = []
  const importPicks: string[] = []
  const exportPicks: string[] = []
  const login = new PageLoginWindow(options.context)
  const appInfo = (): AppInfo => ({
    name: pkg.productName,
    version: pkg.version,
    platform: process.platform,
    safeStorageBackend: cipher.backend,
    secretsProtected: cipher.protects,
  })
  const services = await createAppServices({
    dataDir,
    openStore: (name) =>
      new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, ...STORE_FILE_OPTIONS }),
    cipher,
    fetch: (input, init) => fetch(input, init),
    loginWindow: login,
    openExternal: async (url) => {
      opened.push(url)
    },
    writeClipboard: (text) => {
      clipboard.text = text
    },
    appInfo,
    emit: (event, payload) => {
      for (const sink of sinks) sink(event, payload)
    },
    sandbox: { start: startSandbox, defaults: SANDBOX_DEFAULTS },
    ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}),
    chooseImportPath: async () => importPicks.shift() ?? null,
    chooseExportPath: async () => exportPicks.shift() ?? null,
  })
  const dispatch = createDispatcher(createHandlers(services), {
    allowedOrigins: [options.appOrigin],
    onUnexpectedError: (channel, error) => console.error(`[harness] ${channel} failed:`, error),
  })
  return {
    dispatch,
    services,
    login,
    clipboard,
    opened,
    dataDir,
    importPicks,
    exportPicks,
    addEventSink(sink) {
      sinks.add(sink)
      return () => sinks.delete(sink)
    },
    close: async () => {
      sinks.clear()
      await services.dispose()
    },
  }
}
