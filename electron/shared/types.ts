/** Types shared by main, preload, renderer and core. No Node, no DOM. */

export type SafeStorageBackend =
  | 'keychain'
  | 'dpapi'
  | 'gnome_libsecret'
  | 'kwallet'
  | 'kwallet5'
  | 'kwallet6'
  | 'basic_text'
  | 'unknown'
  | 'not-ready'
  /** Non-Electron hosts (tests, the browser harness) use a Node crypto cipher. */
  | 'node-crypto'

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** Which backend encrypts secrets at rest; `basic_text` means they are only obfuscated. */
  safeStorageBackend: SafeStorageBackend
  /** True where secrets at rest are really encrypted (not basic_text). */
  secretsProtected: boolean
}
