import type { Cipher } from './cipher'
import type { KeyValueStore } from './kv-store'

/** How one secret is kept on disk: versioned, base64 ciphertext. */
interface StoredSecret {
  v: 1
  data: string
}

const KEY = 'secrets'
const isStored = (x: unknown): x is StoredSecret =>
  typeof x === 'object' &&
  x !== null &&
  (x as StoredSecret).v === 1 &&
  typeof (x as StoredSecret).data === 'string'

export interface VaultStatus {
  backend: Cipher['backend']
  /** The OS really encrypts (false on Linux without a keyring). */
  protected: boolean
  /** Secrets are written to disk (always when protected; after consent when not). */
  persisting: boolean
  /** Secrets held only in memory for this session, waiting for consent to persist. */
  memoryOnly: number
  /** Entries that could not be decrypted and were dropped, for the user to be told. */
  unreadable: string[]
}

/**
 * Secrets (API secrets, passwords, tokens) at rest: encrypted with the Cipher, base64 with a
 * version tag, in their own store file. Where the backend only obfuscates (`basic_text`), secrets
 * stay in memory for the session until the user agrees to persist them.
 */
export class SecretVault {
  private readonly memory = new Map<string, string>()
  private persistUnprotected: boolean
  private readonly unreadable: string[] = []
  private changes = 0

  constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: Cipher,
    options: { persistUnprotected?: boolean } = {},
  ) {
    this.persistUnprotected = options.persistUnprotected ?? false
  }

  private get persisting(): boolean {
    return this.cipher.protects || this.persistUnprotected
  }

  private entries(): Record<string, unknown> {
    const raw = this.store.get(KEY)
    return raw && typeof raw === 'object' && !Array.isArray(raw)
      ? { ...(raw as Record<string, unknown>) }
      : {}
  }

  private async write(id: string, plain: string): Promise<void> {
    const data = Buffer.from(await this.cipher.encrypt(plain)).toString('base64')
    const all = this.entries()
    all[id] = { v: 1, data } satisfies StoredSecret
    this.store.set(KEY, all)
  }

  async get(id: string): Promise<string | undefined> {
    const held = this.memory.get(id)
    if (held !== undefined) return held
    const entry = this.entries()[id]
    if (!isStored(entry)) return undefined
    try {
      const { plain, shouldReEncrypt } = await this.cipher.decrypt(
        Buffer.from(entry.data, 'base64'),
      )
      if (shouldReEncrypt) await this.write(id, plain)
      return plain
    } catch {
      // Encrypted under another key or damaged: unusable; drop it and say so.
      this.unreadable.push(id)
      await this.delete(id)
      return undefined
    }
  }

  /** Counts every set and delete, in memory or on disk: caches of secret values key on it. */
  get revision(): number {
    return this.changes
  }

  async set(id: string, plain: string): Promise<void> {
    this.changes++
    if (!this.persisting) {
      this.memory.set(id, plain)
      return
    }
    this.memory.delete(id)
    await this.write(id, plain)
  }

  async delete(id: string): Promise<void> {
    this.changes++
    this.memory.delete(id)
    const all = this.entries()
    if (id in all) {
      delete all[id]
      this.store.set(KEY, all)
    }
  }

  /** Deletes every secret whose id starts with `prefix` (a profile's secrets and tokens). */
  async deletePrefix(prefix: string): Promise<void> {
    this.changes++
    for (const id of [...this.memory.keys()]) if (id.startsWith(prefix)) this.memory.delete(id)
    const all = this.entries()
    const kept = Object.fromEntries(Object.entries(all).filter(([id]) => !id.startsWith(prefix)))
    if (Object.keys(kept).length !== Object.keys(all).length) this.store.set(KEY, kept)
  }

  /** The user agreed to keep obfuscated secrets on disk (Linux without a keyring). */
  async allowUnprotectedPersistence(): Promise<void> {
    this.persistUnprotected = true
    for (const [id, plain] of this.memory) await this.write(id, plain)
    this.memory.clear()
  }

  status(): VaultStatus {
    return {
      backend: this.cipher.backend,
      protected: this.cipher.protects,
      persisting: this.persisting,
      memoryOnly: this.memory.size,
      unreadable: [...this.unreadable],
    }
  }
}
