import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SafeStorageBackend } from '../../shared/types'

/**
 * Encrypts secrets at rest. In the app it is safeStorage (electron/main/safe-storage-cipher.ts);
 * tests and the browser harness use NodeCryptoCipher.
 */
export interface Cipher {
  readonly backend: SafeStorageBackend
  /** False when the backend only obfuscates (Linux `basic_text`: no keyring). */
  readonly protects: boolean
  encrypt(plain: string): Promise<Uint8Array>
  /** `shouldReEncrypt`: the backend asks for the value to be encrypted again (key rotation). */
  decrypt(data: Uint8Array): Promise<{ plain: string; shouldReEncrypt: boolean }>
}

/** AES-256-GCM with a key held in memory: a real cipher for non-Electron hosts. */
export class NodeCryptoCipher implements Cipher {
  readonly backend: SafeStorageBackend
  readonly protects: boolean
  private readonly key: Buffer

  constructor(options: { key?: Uint8Array; backend?: SafeStorageBackend } = {}) {
    this.key = Buffer.from(options.key ?? randomBytes(32))
    if (this.key.length !== 32) throw new RangeError('NodeCryptoCipher needs a 32-byte key')
    this.backend = options.backend ?? 'node-crypto'
    this.protects = this.backend !== 'basic_text'
  }

  async encrypt(plain: string): Promise<Uint8Array> {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  }

  async decrypt(data: Uint8Array): Promise<{ plain: string; shouldReEncrypt: boolean }> {
    const buf = Buffer.from(data)
    if (buf.length < 28) throw new Error('ciphertext too short')
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12))
    decipher.setAuthTag(buf.subarray(12, 28))
    const plain = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString(
      'utf8',
    )
    return { plain, shouldReEncrypt: false }
  }
}
