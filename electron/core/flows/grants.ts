import { OAuthError } from '../oauth-error'
import type { RedirectResult } from '../redirect'
import { mergeRefreshed, parseTokenResponse } from '../token-parse'
import type { GrantType, TokenSet } from '../token-parse'
import type { FlowContext } from './context'
import { requestToken } from './token-request'

/** Client credentials: a token for the application itself (no refresh token; re-issue instead). */
export function clientCredentialsGrant(ctx: FlowContext): Promise<TokenSet> {
  return requestToken(ctx, {
    url: ctx.env.tokenUrl,
    params: { grant_type: 'client_credentials' },
    grant: 'client_credentials',
    purpose: 'token',
    title: 'Request a token (client credentials)',
    explanation:
      'The app proves who it is with its API key and secret and asks for a token not tied to any user.',
  })
}

/** Password grant: a business user's login for an access and a refresh token. */
export function passwordGrant(
  ctx: FlowContext,
  input: { username: string; password: string },
): Promise<TokenSet> {
  return requestToken(ctx, {
    url: ctx.env.tokenUrl,
    params: { grant_type: 'password', username: input.username, password: input.password },
    grant: 'password',
    purpose: 'token',
    title: 'Request a token (password)',
    explanation:
      "The app sends a business user's username and password with its own key and secret, and receives an access token and a refresh token.",
  })
}

/** Exchanges the code from the login redirect; redirect_uri must be the one used at login. */
export function authorizationCodeGrant(
  ctx: FlowContext,
  input: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenSet> {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
  }
  if (input.codeVerifier) params.code_verifier = input.codeVerifier
  return requestToken(ctx, {
    url: ctx.env.tokenUrl,
    params,
    grant: 'authorization_code',
    purpose: 'token',
    title: 'Exchange the authorization code',
    explanation:
      'The one-time code the login page sent back is exchanged, with the same redirect URI and the app credentials, for an access token and a refresh token.',
  })
}

/**
 * Uses a refresh token. The result keeps the previous refresh token when the response has none,
 * and the grant the session started with.
 */
export async function refreshTokenGrant(
  ctx: FlowContext,
  input: { refreshToken: string; previous?: TokenSet; grant?: GrantType },
): Promise<TokenSet> {
  const grant = input.previous?.grant ?? input.grant ?? 'password'
  const next = await requestToken(ctx, {
    url: ctx.env.refreshUrl,
    params: { grant_type: 'refresh_token', refresh_token: input.refreshToken },
    grant,
    purpose: 'refresh',
    title: 'Refresh the access token',
    explanation:
      'The refresh token is traded for a new access token (and a new refresh token: the old one is single-use and the old access token stops working).',
  })
  return mergeRefreshed(input.previous ?? { refreshToken: input.refreshToken }, next)
}

/** The token an implicit-flow redirect carried in its fragment (no network call). */
export function implicitTokenFromRedirect(
  result: Extract<RedirectResult, { kind: 'token' }>,
  arrivedAt: number,
): TokenSet {
  return parseTokenResponse(result.params, arrivedAt, 'implicit')
}

/** Rejects a redirect result that is not usable for the flow, with a message for people. */
export function assertRedirectUsable(result: RedirectResult, expected: 'code' | 'token'): void {
  if (result.kind === expected) return
  if (result.kind === 'state-mismatch') {
    throw new OAuthError(
      'state_mismatch',
      'The login returned a different state than this app sent; the response was refused as it may be forged.',
    )
  }
  if (result.kind === 'error') {
    const code = result.error === 'access_denied' ? 'access_denied' : 'http'
    throw new OAuthError(
      code,
      `The login page returned an error: ${result.error}${result.description ? ` (${result.description})` : ''}.`,
    )
  }
  throw new OAuthError(
    'bad_response',
    `The redirect did not carry a ${expected === 'code' ? 'code' : 'token'}.`,
  )
}
