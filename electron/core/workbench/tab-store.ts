/**
 * The workbench's open tabs between runs, unsent edits included. A draft holds whatever the user
 * typed (a pasted token in a header, a password in a form body), so it is kept like a secret: in
 * its own SecretVault over its own store file, encrypted with the Cipher, and only in memory
 * where secrets are not persisted (no OS keyring and no consent yet). Main writes each save at
 * once, so a crash loses at most the renderer's short save delay.
 *
 * The snapshot is opaque here: the renderer owns its shape and checks it when it reads it back.
 */
import type { TabsLoadResult } from '../../shared/workbench'
import type { SecretVault } from '../vault/secret-vault'

const TABS_ID = 'workbench:tabs'

export class TabStore {
  /** Saves in order: an older snapshot must never land after a newer one. */
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly vault: SecretVault) {}

  async load(): Promise<TabsLoadResult> {
    await this.chain
    const unreadable = this.vault.status().unreadable.length
    const json = (await this.vault.get(TABS_ID)) ?? null
    if (json === null && this.vault.status().unreadable.length > unreadable) {
      return {
        json: null,
        note: 'The requests open last time could not be decrypted (was the OS keyring reset?), so the app starts with none.',
      }
    }
    return { json }
  }

  /** Keeps `json` for the next start; an empty string forgets the tabs. */
  save(json: string): Promise<null> {
    const next = this.chain.then(async () => {
      if (json === '') await this.vault.delete(TABS_ID)
      else await this.vault.set(TABS_ID, json)
      return null
    })
    this.chain = next.catch(() => undefined)
    return next
  }

  /** Resolves when every save asked for so far is written (before the app quits). */
  async settled(): Promise<void> {
    await this.chain
  }

  /** The user agreed to keep obfuscated secrets on disk: tabs held in memory are written too. */
  allowUnprotectedPersistence(): Promise<void> {
    return this.vault.allowUnprotectedPersistence()
  }
}
