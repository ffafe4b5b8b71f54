import type { SandboxPort } from '../../../electron/core/services/sandbox-port'
/** Builds the app's real services for Node tests: conf stores in a temp folder, a Node cipher, the real sandbox. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import {
  createAppServices,
  type AppServices,
  type HostPorts,
} from '../../../electron/core/services/app-services'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { STORE_FILE_OPTIONS } from '../../../electron/core/vault/kv-store'
import type { LoginWindow } from '../../../electron/core/login/login-window'
import { SANDBOX_DEFAULTS, startSandbox } from '../../../electron/sandbox/index'

export interface TestApp {
  services: AppServices
  dataDir: string
  events: { event: string; payload: unknown }[]
  clipboard: { text: string }
  opened: string[]
  sandboxProfileId: string
}

export const unusedLoginWindow: LoginWindow = {
  open: () => Promise.reject(new Error('no login window in this test')),
  cancel: () => undefined,
  forget: async () => undefined,
}

/** The real sandbox, wired in as the hosts do, with a rate limit no test run reaches. */
export const testSandboxPort: SandboxPort = {
  start: (options) => startSandbox({ ...options, tokenRateLimit: 100_000 }),
  defaults: SANDBOX_DEFAULTS,
}

export async function createTestApp(overrides: Partial<HostPorts> = {}): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'tp-explorer-test-'))
  const events: TestApp['events'] = []
  const clipboard = { text: '' }
  const opened: string[] = []
  const services = await createAppServices({
    dataDir,
    openStore: (name) =>
      new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, ...STORE_FILE_OPTIONS }),
    cipher: new NodeCryptoCipher(),
    fetch: (input, init) => fetch(input, init),
    loginWindow: unusedLoginWindow,
    openExternal: async (url) => {
      opened.push(url)
    },
    writeClipboard: (text) => {
      clipboard.text = text
    },
    appInfo: () => ({
      name: 'test',
      version: '0',
      platform: process.platform,
      safeStorageBackend: 'node-crypto',
      secretsProtected: true,
    }),
    emit: (event, payload) => events.push({ event, payload }),
    sandbox: testSandboxPort,
    ...overrides,
  })
  const sandboxProfileId = services.profiles.activeId()
  if (!sandboxProfileId) throw new Error('no default profile')
  return { services, dataDir, events, clipboard, opened, sandboxProfileId }
}
