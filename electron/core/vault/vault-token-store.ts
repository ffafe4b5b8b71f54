import type { TokenSet } from '../token-parse'
import type { TokenStore } from '../token-store'
import type { SecretVault } from './secret-vault'

export const tokenSecretId = (profileId: string): string => `profile:${profileId}:token`

/** Tokens at rest, encrypted: the whole TokenSet is one vault secret. */
export class VaultTokenStore implements TokenStore {
  constructor(private readonly vault: SecretVault) {}

  async load(profileId: string): Promise<TokenSet | null> {
    const json = await this.vault.get(tokenSecretId(profileId))
    if (!json) return null
    try {
      return JSON.parse(json) as TokenSet
    } catch {
      await this.vault.delete(tokenSecretId(profileId))
      return null
    }
  }

  async save(profileId: string, token: TokenSet): Promise<void> {
    await this.vault.set(tokenSecretId(profileId), JSON.stringify(token))
  }

  async clear(profileId: string): Promise<void> {
    await this.vault.delete(tokenSecretId(profileId))
  }
}
