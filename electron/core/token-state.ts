import { byName, maskToken } from './redact'
import type { OAuthErrorCode } from './oauth-error'
import type { GrantType, TokenSet } from './token-parse'

/** What the UI may know about a profile's token is part of the IPC contract. */
export type { TokenStateSummary, TokenStatus } from '../shared/auth'
import type { TokenStateSummary, TokenStatus } from '../shared/auth'

export type TokenEventType =
  'obtained' | 'refreshed' | 'expired' | 'sign-in-required' | 'error' | 'revoked'

export interface TokenEvent {
  type: TokenEventType
  profileId: string
  state: TokenStateSummary
}

export interface SummaryInput {
  token: TokenSet | null
  grant: GrantType
  now: number
  refreshDueAt?: number
  signInRequired: boolean
  autoRefresh: boolean
  lastError?: { code: OAuthErrorCode; message: string }
}

export function summarizeToken(input: SummaryInput): TokenStateSummary {
  const { token, now } = input
  let status: TokenStatus
  if (input.signInRequired) status = 'sign-in-required'
  else if (!token) status = input.lastError ? 'error' : 'none'
  else if (now >= token.expiresAt) status = input.lastError ? 'error' : 'expired'
  else if (input.refreshDueAt !== undefined && now >= input.refreshDueAt) status = 'expiring'
  else status = 'valid'
  const summary: TokenStateSummary = {
    status,
    grant: token?.grant ?? input.grant,
    hasRefreshToken: Boolean(token?.refreshToken),
    autoRefresh: input.autoRefresh,
  }
  if (token) {
    summary.tokenType = token.tokenType
    summary.obtainedAt = token.obtainedAt
    summary.expiresAt = token.expiresAt
    if (input.refreshDueAt !== undefined) summary.refreshDueAt = input.refreshDueAt
    summary.accessTokenMasked = maskToken(token.accessToken)
    if (token.refreshToken) summary.refreshTokenMasked = maskToken(token.refreshToken)
    if (token.refreshExpiresAt !== undefined) summary.refreshExpiresAt = token.refreshExpiresAt
    summary.rawMasked = byName.value(token.raw)
  }
  if (input.lastError) summary.lastError = input.lastError
  return summary
}
