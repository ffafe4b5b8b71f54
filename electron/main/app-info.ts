import { app, safeStorage } from 'electron'
import type { AppInfo, SafeStorageBackend } from '../shared/types'

/** Which safeStorage backend protects secrets; only meaningful once the app is ready. */
export function safeStorageBackend(): SafeStorageBackend {
  if (!app.isReady()) return 'not-ready'
  switch (process.platform) {
    case 'darwin':
      return 'keychain'
    case 'win32':
      return 'dpapi'
    default:
      return safeStorage.getSelectedStorageBackend()
  }
}

export function appInfo(): AppInfo {
  const backend = safeStorageBackend()
  return {
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    safeStorageBackend: backend,
    secretsProtected: backend !== 'basic_text' && backend !== 'unknown' && backend !== 'not-ready',
  }
}
