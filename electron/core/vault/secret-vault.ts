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
  /**
   * Ids of entries that could not be decrypted (a locked keyring, another backend or key). Their
   * ciphertext is kept until the user tries again or forgets them.
   */
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
  /** Ids whose ciphertext did not decrypt: not tried again until `retry`, never deleted unasked. */
  private readonly unreadable = new Set<string>()
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
    if (this.unreadable.has(id)) return undefined
    const entry = this.entries()[id]
    if (!isStored(entry)) return undefined
    try {
      const { plain, shouldReEncrypt } = await this.cipher.decrypt(
        Buffer.from(entry.data, 'base64'),
      )
      if (shouldReEncrypt) await this.write(id, plain)
      return plain
    } catch {
      // A locked keyring or another backend today may decrypt tomorrow: keep the ciphertext,
      // mark it, and let the user try again or forget it.
      this.unreadable.add(id)
      return undefined
    }
  }

  /** Counts every set and delete, in memory or on disk: caches of secret values key on it. */
  get revision(): number {
    return this.changes
  }

  /** True when `id` has ciphertext that could not be decrypted. */
  isUnreadable(id: string): boolean {
    return this.unreadable.has(id)
  }

  /** True when something is stored under `id` (readable or not). */
  has(id: string): boolean {
    return this.memory.has(id) || isStored(this.entries()[id])
  }

  /** The ids stored on disk that start with `prefix` (readable or not). */
  storedIds(prefix: string): string[] {
    return Object.keys(this.entries())
      .filter((id) => id.startsWith(prefix))
      .sort()
  }

  /** Tries every unreadable entry again; returns the ids that still cannot be decrypted. */
  async retry(): Promise<string[]> {
    this.changes++
    const ids = [...this.unreadable]
    this.unreadable.clear()
    for (const id of ids) await this.get(id)
    return [...this.unreadable]
  }

  /** Moves an entry's stored ciphertext to another id, as it is (unreadable entries included). */
  move(from: string, to: string): void {
    const all = this.entries()
    if (!(from in all)) return
    this.changes++
    all[to] = all[from]
    delete all[from]
    this.store.set(KEY, all)
    if (this.unreadable.delete(from)) this.unreadable.add(to)
  }

  async set(id: string, plain: string): Promise<void> {
    this.changes++
    this.unreadable.delete(id)
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
    this.unreadable.delete(id)
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
    for (const id of [...this.unreadable]) if (id.startsWith(prefix)) this.unreadable.delete(id)
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
      unreadable: [...this.unreadable].sort(),
    }
  }
}
