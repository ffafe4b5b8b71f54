import type { TokenSet } from './token-parse'

/** Where a profile's tokens live; the vault implements it with encryption. */
export interface TokenStore {
  load(profileId: string): Promise<TokenSet | null>
  save(profileId: string, token: TokenSet): Promise<void>
  clear(profileId: string): Promise<void>
}

/** Keeps tokens for the session only (tests, the CLI, "don't persist" profiles). */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, TokenSet>()

  async load(profileId: string): Promise<TokenSet | null> {
    const t = this.tokens.get(profileId)
    return t ? structuredClone(t) : null
  }

  async save(profileId: string, token: TokenSet): Promise<void> {
    this.tokens.set(profileId, structuredClone(token))
  }

  async clear(profileId: string): Promise<void> {
    this.tokens.delete(profileId)
  }
}
