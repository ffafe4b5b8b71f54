import { OAuthError } from './oauth-error'

export type GrantType = 'client_credentials' | 'password' | 'authorization_code' | 'implicit'

export interface TokenSet {
  accessToken: string
  /** As the server sent it (Trustpilot says `BearerToken`); calls always use `Bearer`. */
  tokenType: string
  grant: GrantType
  /** ms epoch when the response arrived. */
  obtainedAt: number
  /** obtainedAt + expires_in. */
  expiresAt: number
  /** True when the response had no usable expires_in and one hour was assumed. */
  expiryAssumed?: boolean
  refreshToken?: string
  refreshExpiresAt?: number
  /** Every field of the response, as received. */
  raw: Record<string, unknown>
}

export const DEFAULT_REFRESH_TTL_S = 30 * 24 * 3600
const ASSUMED_ACCESS_TTL_S = 3600

/** Reads a duration that may be a JSON number or a numeric string (Trustpilot sends strings). */
export function readSeconds(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN
  return Number.isFinite(n) && n >= 0 && !(typeof value === 'string' && value.trim() === '')
    ? n
    : undefined
}

/**
 * Turns a token endpoint's JSON into a TokenSet. Expiry is computed from `arrivedAt`, never from
 * `issued_at` (whose unit changed over the years).
 */
export function parseTokenResponse(body: unknown, arrivedAt: number, grant: GrantType): TokenSet {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new OAuthError('bad_response', 'The token response is not a JSON object.')
  }
  const raw = { ...(body as Record<string, unknown>) }
  const accessToken = raw.access_token
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new OAuthError(
      'bad_response',
      'The token response has no access_token; the server may not be an OAuth token endpoint.',
    )
  }
  const expiresIn = readSeconds(raw.expires_in)
  const token: TokenSet = {
    accessToken,
    tokenType: typeof raw.token_type === 'string' && raw.token_type ? raw.token_type : 'Bearer',
    grant,
    obtainedAt: arrivedAt,
    expiresAt: arrivedAt + (expiresIn ?? ASSUMED_ACCESS_TTL_S) * 1000,
    raw,
  }
  if (expiresIn === undefined) token.expiryAssumed = true
  if (typeof raw.refresh_token === 'string' && raw.refresh_token !== '') {
    token.refreshToken = raw.refresh_token
    const refreshIn = readSeconds(raw.refresh_token_expires_in) ?? DEFAULT_REFRESH_TTL_S
    token.refreshExpiresAt = arrivedAt + refreshIn * 1000
  }
  return token
}

/**
 * The token after a refresh: a response without a refresh token keeps the old one (and its
 * expiry); the grant stays the one the session started with.
 */
export function mergeRefreshed(
  previous: Pick<TokenSet, 'refreshToken' | 'refreshExpiresAt'> | undefined,
  next: TokenSet,
): TokenSet {
  if (next.refreshToken || !previous?.refreshToken) return next
  const merged: TokenSet = { ...next, refreshToken: previous.refreshToken }
  if (previous.refreshExpiresAt !== undefined) merged.refreshExpiresAt = previous.refreshExpiresAt
  return merged
}
