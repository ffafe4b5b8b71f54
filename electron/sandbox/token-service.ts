/**
 * Issues and checks tokens and authorization codes, and counts token requests for the
 * rate limit. Behaviour follows docs/trustpilot-api.md: a new access token for the same client and
 * user supersedes the previous one; refresh tokens and codes are single-use; codes are
 * short-lived and bound to their redirect URI. Every expiry reads the sandbox clock.
 */
import type { SandboxClock } from './clock'
import { randomBase62 } from './random'

export const AUTH_CODE_TTL_SECONDS = 300
export const RATE_LIMIT_WINDOW_MS = 60_000

export type GrantKind =
  'client_credentials' | 'password' | 'authorization_code' | 'refresh_token' | 'implicit'

export interface AccessTokenRecord {
  token: string
  clientId: string
  /** null for client-credentials tokens, which are not tied to a user. */
  userId: string | null
  grant: GrantKind
  issuedAtMs: number
  expiresAtMs: number
  status: 'active' | 'revoked' | 'superseded'
}

export interface RefreshTokenRecord {
  token: string
  clientId: string
  userId: string
  issuedAtMs: number
  expiresAtMs: number
  status: 'active' | 'used' | 'revoked'
}

interface AuthCodeRecord {
  clientId: string
  userId: string
  redirectUri: string
  expiresAtMs: number
  used: boolean
}

export interface IssuedTokens {
  access: AccessTokenRecord
  refresh: RefreshTokenRecord | null
}

export type AccessCheck =
  | { ok: true; record: AccessTokenRecord }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'superseded' }

export type Redeemed = { ok: true; userId: string } | { ok: false; description: string }

export interface TokenLifetimes {
  accessTtl: number
  refreshTtl: number
}

export class TokenService {
  private access = new Map<string, AccessTokenRecord>()
  private refresh = new Map<string, RefreshTokenRecord>()
  private codes = new Map<string, AuthCodeRecord>()
  /** client + user -> the newest access token (older ones are superseded). */
  private current = new Map<string, string>()
  private requestTimes = new Map<string, number[]>()

  constructor(
    private readonly clock: SandboxClock,
    private readonly lifetimes: TokenLifetimes,
    private readonly rateLimit: number,
  ) {}

  get accessTtl(): number {
    return this.lifetimes.accessTtl
  }

  issue(
    clientId: string,
    userId: string | null,
    grant: GrantKind,
    withRefresh: boolean,
  ): IssuedTokens {
    const now = this.clock.now()
    const key = `${clientId}\u0000${userId ?? ''}`
    const previous = this.current.get(key)
    if (previous) {
      const record = this.access.get(previous)
      if (record && record.status === 'active') record.status = 'superseded'
    }
    const access: AccessTokenRecord = {
      token: `tpa-${randomBase62(28)}`,
      clientId,
      userId,
      grant,
      issuedAtMs: now,
      expiresAtMs: now + this.lifetimes.accessTtl * 1000,
      status: 'active',
    }
    this.access.set(access.token, access)
    this.current.set(key, access.token)
    let refresh: RefreshTokenRecord | null = null
    if (withRefresh && userId) {
      refresh = {
        token: `tpr-${randomBase62(32)}`,
        clientId,
        userId,
        issuedAtMs: now,
        expiresAtMs: now + this.lifetimes.refreshTtl * 1000,
        status: 'active',
      }
      this.refresh.set(refresh.token, refresh)
    }
    return { access, refresh }
  }

  checkAccess(token: string): AccessCheck {
    const record = this.access.get(token)
    if (!record) return { ok: false, reason: 'unknown' }
    if (record.status === 'revoked') return { ok: false, reason: 'revoked' }
    if (record.status === 'superseded') return { ok: false, reason: 'superseded' }
    if (this.clock.now() >= record.expiresAtMs) return { ok: false, reason: 'expired' }
    return { ok: true, record }
  }

  createCode(clientId: string, userId: string, redirectUri: string): string {
    const code = randomBase62(20)
    this.codes.set(code, {
      clientId,
      userId,
      redirectUri,
      expiresAtMs: this.clock.now() + AUTH_CODE_TTL_SECONDS * 1000,
      used: false,
    })
    return code
  }

  redeemCode(code: string, clientId: string, redirectUri: string): Redeemed {
    const record = this.codes.get(code)
    if (!record || record.clientId !== clientId) {
      return { ok: false, description: 'Invalid authorization code' }
    }
    if (record.used) return { ok: false, description: 'Authorization code has already been used' }
    if (this.clock.now() >= record.expiresAtMs) {
      return { ok: false, description: 'Authorization code has expired' }
    }
    if (record.redirectUri !== redirectUri) {
      return { ok: false, description: 'redirect_uri does not match the one used at login' }
    }
    record.used = true
    return { ok: true, userId: record.userId }
  }

  redeemRefresh(token: string, clientId: string): Redeemed {
    const record = this.refresh.get(token)
    if (!record || record.clientId !== clientId) {
      return { ok: false, description: 'Invalid refresh token' }
    }
    if (record.status === 'used')
      return { ok: false, description: 'Refresh token has already been used' }
    if (record.status === 'revoked')
      return { ok: false, description: 'Refresh token has been revoked' }
    if (this.clock.now() >= record.expiresAtMs) {
      return { ok: false, description: 'Refresh token has expired' }
    }
    record.status = 'used'
    return { ok: true, userId: record.userId }
  }

  /** Revokes an access or refresh token. Unknown tokens are ignored (RFC 7009). */
  revoke(token: string, clientId: string | null): boolean {
    const access = this.access.get(token)
    if (access && (clientId === null || access.clientId === clientId)) {
      if (access.status === 'active') access.status = 'revoked'
      return true
    }
    const refresh = this.refresh.get(token)
    if (refresh && (clientId === null || refresh.clientId === clientId)) {
      if (refresh.status === 'active') refresh.status = 'revoked'
      return true
    }
    return false
  }

  /**
   * Counts one token request for `clientId`. Returns false (and does not count it) when the
   * client already made `rateLimit` requests in the last minute of sandbox time.
   */
  allowTokenRequest(clientId: string): boolean {
    const now = this.clock.now()
    this.pruneRequestTimes(now)
    const recent = (this.requestTimes.get(clientId) ?? []).filter(
      (t) => t > now - RATE_LIMIT_WINDOW_MS && t <= now,
    )
    if (recent.length >= this.rateLimit) {
      this.requestTimes.set(clientId, recent)
      return false
    }
    recent.push(now)
    this.requestTimes.set(clientId, recent)
    return true
  }

  /** Drops clients with no request in the current window, so the map cannot grow without bound. */
  private pruneRequestTimes(now: number): void {
    for (const [clientId, times] of this.requestTimes) {
      if (!times.some((t) => t > now - RATE_LIMIT_WINDOW_MS && t <= now)) {
        this.requestTimes.delete(clientId)
      }
    }
  }

  /** Every token and code this service issued: the request log masks them wherever they appear. */
  issuedSecrets(): string[] {
    return [...this.access.keys(), ...this.refresh.keys(), ...this.codes.keys()]
  }

  /** How many clients the rate limiter currently tracks (for tests). */
  get trackedClients(): number {
    return this.requestTimes.size
  }

  stats(): { activeAccessTokens: number; activeRefreshTokens: number } {
    const now = this.clock.now()
    let activeAccessTokens = 0
    let activeRefreshTokens = 0
    for (const r of this.access.values())
      if (r.status === 'active' && r.expiresAtMs > now) activeAccessTokens++
    for (const r of this.refresh.values())
      if (r.status === 'active' && r.expiresAtMs > now) activeRefreshTokens++
    return { activeAccessTokens, activeRefreshTokens }
  }

  reset(): void {
    this.access.clear()
    this.refresh.clear()
    this.codes.clear()
    this.current.clear()
    this.requestTimes.clear()
  }
}
