import { safeStorage } from 'electron'
import type { Cipher } from '../core/vault/cipher'
import type { SafeStorageBackend } from '../shared/types'
import { safeStorageBackend } from './app-info'

/** Electron's safeStorage behind the core's Cipher interface (async API; only after app ready). */
export class SafeStorageCipher implements Cipher {
  readonly backend: SafeStorageBackend
  readonly protects: boolean

  private constructor(backend: SafeStorageBackend, available: boolean) {
    this.backend = backend
    this.protects = available && backend !== 'basic_text' && backend !== 'unknown'
  }

  /** Must be called after `app.whenReady()`: the backend is not known before. */
  static async create(): Promise<SafeStorageCipher> {
    const available = await safeStorage.isAsyncEncryptionAvailable()
    return new SafeStorageCipher(safeStorageBackend(), available)
  }

  async encrypt(plain: string): Promise<Uint8Array> {
    return safeStorage.encryptStringAsync(plain)
  }

  async decrypt(data: Uint8Array): Promise<{ plain: string; shouldReEncrypt: boolean }> {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data))
    return { plain: result, shouldReEncrypt }
  }
}
