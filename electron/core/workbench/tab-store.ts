/**
 * The workbench's open tabs between runs, unsent edits included. A draft holds whatever the user
 * typed (a pasted token in a header, a password in a form body), so it is kept like a secret: in
 * its own SecretVault over its own store file, encrypted with the Cipher, and only in memory
 * where secrets are not persisted (no OS keyring and no consent yet). Main writes each save at
 * once, so a crash loses at most the renderer's short save delay.
 *
 * The snapshot is opaque here: the renderer owns its shape and checks it when it reads it back.
 */
import { randomUUID } from 'node:crypto'
import type { TabsLoadResult } from '../../shared/workbench'
import type { SecretVault } from '../vault/secret-vault'

const TABS_ID = 'workbench:tabs'
/**
 * Where a snapshot that could not be decrypted waits, as it was on disk, while new tabs are saved
 * under TABS_ID: until the user tries again (it is then reopened ahead of the others) or forgets
 * it. Each gets its own id, so a second failed start never writes over the first one's tabs.
 */
export const UNREADABLE_TABS_PREFIX = 'workbench:tabs:unreadable:'

export const UNREADABLE_TABS_NOTE =
  'The requests open last time could not be decrypted (the OS keyring may be locked, or was reset). They are kept: unlock the keyring and choose Try again, or Forget them.'

export class TabStore {
  /** Saves in order: an older snapshot must never land after a newer one. */
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly vault: SecretVault) {}

  /**
   * The last saved snapshot. Snapshots kept aside earlier and readable now come as `recovered`
   * (the renderer reopens them ahead of the others); one still unreadable is reported, never lost.
   */
  async load(): Promise<TabsLoadResult> {
    await this.chain
    const json = (await this.vault.get(TABS_ID)) ?? null
    if (json === null && this.vault.isUnreadable(TABS_ID)) {
      this.vault.move(TABS_ID, `${UNREADABLE_TABS_PREFIX}${Date.now()}-${randomUUID()}`)
    }
    const result: TabsLoadResult = { json }
    for (const id of this.vault.storedIds(UNREADABLE_TABS_PREFIX)) {
      const kept = await this.vault.get(id)
      if (kept !== undefined) {
        ;(result.recovered ??= []).push(kept)
        await this.vault.delete(id)
      } else {
        result.unreadable = true
        result.note = UNREADABLE_TABS_NOTE
      }
    }
    return result
  }

  /** Tries kept-aside snapshots again; true when one can now be read (the next load returns it). */
  async retry(): Promise<boolean> {
    await this.vault.retry()
    return this.vault.storedIds(UNREADABLE_TABS_PREFIX).some((id) => !this.vault.isUnreadable(id))
  }

  /** Ids of the kept-aside snapshots that cannot be decrypted. */
  unreadable(): string[] {
    return this.vault.status().unreadable.filter((id) => id.startsWith(UNREADABLE_TABS_PREFIX))
  }

  /** Forgets one kept-aside snapshot for good. */
  async forgetUnreadable(id: string): Promise<void> {
    if (id.startsWith(UNREADABLE_TABS_PREFIX)) await this.vault.delete(id)
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
