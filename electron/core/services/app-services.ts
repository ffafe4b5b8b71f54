import type { AuthState, VaultStatusView } from '../../shared/auth'
import type { EventName, EventPayload } from '../../shared/contract'
import type { AppInfo } from '../../shared/types'
import type { FetchLike } from '../http/types'
import type { LoginWindow } from '../login/login-window'
import { ProfileRepository } from '../profiles/profile-repository'
import type { TokenManagerOptions } from '../token-manager'
import type { Cipher } from '../vault/cipher'
import { setAsideIfCorrupt, type KeyValueStore, type RecoveredFile } from '../vault/kv-store'
import { SecretVault } from '../vault/secret-vault'
import { VaultTokenStore } from '../vault/vault-token-store'
import { TabStore } from '../workbench/tab-store'
import { describeUnreadable } from '../vault/unreadable'
import { HandlerError } from '../../shared/result'
import { WorkbenchService, type ChooseSavePath } from '../workbench/workbench-service'
import { CollectionService, type ChooseFolder } from '../collections/service'
import type { CollectionReader, CollectionWriter } from '../import/import-service'
import { AuthService } from './auth-service'
import type { SandboxPort } from './sandbox-port'
import { SandboxService } from './sandbox-service'

/**
 * What the host (Electron main, or the browser harness) provides. Everything else is built here,
 * the same way for both, so the e2e tests run the app's real wiring.
 */
export interface HostPorts {
  /** Folder of the store files (Electron: userData). */
  dataDir: string
  /** Opens (creating if needed) the store file `<dataDir>/<name>.json` with STORE_FILE_OPTIONS. */
  openStore: (name: string) => KeyValueStore
  cipher: Cipher
  fetch: FetchLike
  loginWindow: LoginWindow
  openExternal: (url: string) => Promise<void>
  writeClipboard: (text: string) => void
  appInfo: () => AppInfo
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
  /** The built-in sandbox, wired in by the host (the core does not import it). */
  sandbox: SandboxPort
  /** Start the sandbox on launch (default true). */
  autoStartSandbox?: boolean
  loginTimeoutMs?: number
  managerOptions?: Partial<TokenManagerOptions>
  now?: () => number
  /** Where to save a response body (Electron: dialog.showSaveDialog); without it, saving is refused. */
  chooseSavePath?: ChooseSavePath
  /** Collections: *Open folder…* (Electron: dialog.showOpenDialog); without it, refused. */
  chooseFolder?: ChooseFolder
  // ---- import and export (issue 15) ----
  /** A file or folder to import (Electron: dialog.showOpenDialog); null when cancelled. */
  chooseImportPath?: (kind: 'file' | 'folder') => Promise<string | null>
  /** Where to write an export: a file (Postman) or a new folder (Bruno); null when cancelled. */
  chooseExportPath?: (options: {
    defaultName: string
    kind: 'file' | 'folder'
  }) => Promise<string | null>
  /** Where imports are written and exports read; without it, the app's collection store. */
  collections?: CollectionWriter & CollectionReader
}

export interface AppServices {
  ports: HostPorts
  vault: SecretVault
  profiles: ProfileRepository
  auth: AuthService
  sandbox: SandboxService
  /** The request workbench: runner, response bodies, history, snippets. */
  workbench: WorkbenchService
  /** The workbench's open tabs (unsent drafts) between runs, encrypted like secrets. */
  tabs: TabStore
  /** Collections: saved requests in folders, variables, runs. */
  collections: CollectionService
  /** Things to tell the user at start-up (a store file set aside, an unprotected keyring). */
  notices: string[]
  vaultStatus(): VaultStatusView
  /** The user agreed to keep obfuscated secrets on disk (no keyring): remember it and write them. */
  allowUnprotectedPersistence(): Promise<VaultStatusView>
  /** Tries to decrypt every kept unreadable secret, token and tab snapshot again. */
  retryUnreadable(): Promise<VaultStatusView>
  /** Forgets one unreadable item (a key from `vaultStatus().unreadable`) for good. */
  forgetUnreadable(key: string): Promise<VaultStatusView>
  dispose(): Promise<void>
}

const PROFILES_FILE = 'profiles'
const SECRETS_FILE = 'secrets'
const TABS_FILE = 'workbench-tabs'

function openChecked(ports: HostPorts, name: string, notices: string[]): KeyValueStore {
  let recovered: RecoveredFile | null = null
  try {
    recovered = setAsideIfCorrupt(ports.dataDir, name)
  } catch (error) {
    notices.push(`The settings file ${name}.json could not be checked: ${String(error)}`)
  }
  if (recovered) {
    notices.push(
      `The settings file ${name}.json was damaged (${recovered.reason}). It was moved to ${recovered.movedTo} and the app started with an empty one.`,
    )
  }
  return ports.openStore(name)
}

/** The same store, counting its writes (profiles, secrets and tokens changed). */
function countWrites(store: KeyValueStore, counter: { n: number }): KeyValueStore {
  return {
    get: (key) => store.get(key),
    set: (key, value) => {
      counter.n++
      store.set(key, value)
    },
    delete: (key) => {
      counter.n++
      store.delete(key)
    },
    get path() {
      return store.path
    },
  }
}

/** Only the fields a profile has (a host may pass a larger object). */
const demoCredentials = (d: SandboxPort['defaults']): SandboxPort['defaults'] => ({
  apiKey: d.apiKey,
  apiSecret: d.apiSecret,
  username: d.username,
  password: d.password,
  redirectUri: d.redirectUri,
  businessUnitId: d.businessUnitId,
  businessUserId: d.businessUserId,
})

export async function createAppServices(ports: HostPorts): Promise<AppServices> {
  const notices: string[] = []
  // Every write to these bumps `storeWrites`: the workbench's per-profile cache key.
  const storeWrites = { n: 0 }
  const profileStore = countWrites(openChecked(ports, PROFILES_FILE, notices), storeWrites)
  const secretStore = countWrites(openChecked(ports, SECRETS_FILE, notices), storeWrites)
  // The user's consent to keep obfuscated secrets on disk (no keyring) covers the open tabs too.
  const persistUnprotected = secretStore.get('persistUnprotected') === true
  const vault = new SecretVault(secretStore, ports.cipher, { persistUnprotected })
  // Not counted in storeWrites: saving a draft changes no profile, secret or token.
  const tabs = new TabStore(
    new SecretVault(openChecked(ports, TABS_FILE, notices), ports.cipher, { persistUnprotected }),
  )
  if (!ports.cipher.protects) {
    notices.push(
      'No OS keyring was found (Electron’s basic_text backend): secrets (and open request tabs, which may hold them) would only be obfuscated on disk, so they are kept in memory for this session until you agree to store them.',
    )
  }
  const profiles = new ProfileRepository(profileStore, vault)
  const sandbox = new SandboxService(ports.sandbox.start)
  const tokenStore = new VaultTokenStore(vault)
  const auth = new AuthService({
    profiles,
    tokenStore,
    fetch: ports.fetch,
    loginWindow: ports.loginWindow,
    openExternal: ports.openExternal,
    writeClipboard: ports.writeClipboard,
    sandbox,
    onChange: (state: AuthState) => ports.emit('token:changed', state),
    onWait: (wait) => ports.emit('auth:waiting', wait),
    ...(ports.now ? { now: ports.now } : {}),
    ...(ports.loginTimeoutMs ? { loginTimeoutMs: ports.loginTimeoutMs } : {}),
    ...(ports.managerOptions ? { managerOptions: ports.managerOptions } : {}),
  })

  if ((await profiles.list()).length === 0 && profiles.skipped.length === 0) {
    // First launch: a ready Sandbox profile, so the app works with no account.
    await profiles.save({
      name: 'Sandbox',
      environment: { kind: 'sandbox' },
      ...demoCredentials(ports.sandbox.defaults),
      defaultGrant: 'client_credentials',
    })
  }
  if (profiles.skipped.length) {
    notices.push(
      `Some saved profiles could not be read; they are kept in the file unchanged (a copy of the previous file is kept as profiles.backup.json at each save): ${profiles.skipped.join(' | ')}`,
    )
  }
  if (ports.autoStartSandbox !== false) {
    const status = await sandbox.start()
    if (status.error) notices.push(status.error)
  }
  const active = profiles.activeId()
  // Keep the active profile's token fresh in the background (it needs no running sandbox unless it uses one).
  if (active) await auth.setActive(active).catch(() => undefined)
  const workbench = new WorkbenchService({
    auth,
    profiles,
    sandbox,
    fetch: ports.fetch,
    dataDir: ports.dataDir,
    generation: () => storeWrites.n + vault.revision,
    tokenStore,
    writeClipboard: ports.writeClipboard,
    ...(ports.chooseSavePath ? { chooseSavePath: ports.chooseSavePath } : {}),
    ...(ports.now ? { now: ports.now } : {}),
  })

  const collections = new CollectionService({
    dataDir: ports.dataDir,
    vault,
    workbench,
    fetch: ports.fetch,
    emit: (event, payload) => ports.emit(event, payload as never),
    ...(ports.chooseFolder ? { chooseFolder: ports.chooseFolder } : {}),
  })

  const services: AppServices = {
    ports,
    vault,
    profiles,
    auth,
    sandbox,
    workbench,
    tabs,
    collections,
    notices,
    vaultStatus() {
      const s = vault.status()
      const unreadable = [...s.unreadable, ...tabs.unreadable()].map((key) =>
        describeUnreadable(key, (id) => profiles.get(id)?.name),
      )
      return {
        backend: s.backend,
        protected: s.protected,
        persisting: s.persisting,
        memoryOnly: s.memoryOnly,
        notices: [
          ...notices,
          ...unreadable.map((item) => `${item.label} could not be decrypted. ${item.advice}`),
        ],
        unreadable,
      }
    },
    async retryUnreadable() {
      await vault.retry()
      await tabs.retry()
      return services.vaultStatus()
    },
    async forgetUnreadable(key) {
      if (tabs.unreadable().includes(key)) await tabs.forgetUnreadable(key)
      else if (vault.status().unreadable.includes(key)) await vault.delete(key)
      else throw new HandlerError('not-found', 'That item is not waiting to be decrypted any more.')
      return services.vaultStatus()
    },
    async allowUnprotectedPersistence() {
      secretStore.set('persistUnprotected', true)
      await vault.allowUnprotectedPersistence()
      await tabs.allowUnprotectedPersistence()
      return services.vaultStatus()
    },
    async dispose() {
      collections.dispose()
      auth.dispose()
      await tabs.settled()
      await workbench.dispose()
      await sandbox.stop()
    },
  }
  return services
}
