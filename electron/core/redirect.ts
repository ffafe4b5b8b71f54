import type { Environment } from './environments'
import { OAuthError } from './oauth-error'
import { readSeconds } from './token-parse'

export { newState, createPkcePair, pkceChallenge } from './pkce'
export type { PkcePair } from './pkce'

/** `ok`: came back equal to what was sent; `missing`: absent (Trustpilot's Google sign-in drops it). */
export type StateCheck = 'ok' | 'missing'

export type RedirectResult =
  | { kind: 'not-callback' }
  | { kind: 'code'; code: string; state: StateCheck }
  | {
      kind: 'token'
      accessToken: string
      tokenType: string
      /** Seconds, or undefined when the fragment had none. */
      expiresIn: number | undefined
      state: StateCheck
      /** Every fragment parameter, for inspection. */
      params: Record<string, string>
    }
  | { kind: 'error'; error: string; description: string; state: StateCheck }
  | { kind: 'state-mismatch' }

const paramsOf = (s: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(s).entries())

/**
 * Classifies a URL the login window navigated to. Only a URL whose scheme, host (with port) and
 * path equal the registered redirect URI is a callback. A `state` that is present and different
 * from `expectedState` is refused; an absent one is reported as `missing`.
 */
export function parseRedirect(
  url: string,
  registeredRedirectUri: string,
  expectedState: string | undefined,
): RedirectResult {
  let got: URL
  let registered: URL
  try {
    got = new URL(url)
    registered = new URL(registeredRedirectUri)
  } catch {
    return { kind: 'not-callback' }
  }
  if (
    got.protocol !== registered.protocol ||
    got.host !== registered.host ||
    got.pathname !== registered.pathname
  ) {
    return { kind: 'not-callback' }
  }
  const query = paramsOf(got.search)
  const fragment = paramsOf(got.hash.replace(/^#/, ''))
  const returned = query.state ?? fragment.state
  let state: StateCheck
  if (returned === undefined || returned === '') state = 'missing'
  else if (expectedState !== undefined && returned === expectedState) state = 'ok'
  else return { kind: 'state-mismatch' }

  const error = query.error ?? fragment.error
  if (error) {
    return {
      kind: 'error',
      error,
      description: query.error_description ?? fragment.error_description ?? '',
      state,
    }
  }
  if (query.code) return { kind: 'code', code: query.code, state }
  if (fragment.access_token) {
    return {
      kind: 'token',
      accessToken: fragment.access_token,
      tokenType: fragment.token_type || 'Bearer',
      expiresIn: readSeconds(fragment.expires_in),
      state,
      params: fragment,
    }
  }
  return {
    kind: 'error',
    error: 'invalid_response',
    description: 'The redirect carried neither a code, a token nor an error.',
    state,
  }
}

export interface AuthorizeUrlOptions {
  clientId: string
  redirectUri: string
  responseType: 'code' | 'token'
  state: string
  /** For Custom servers that support PKCE (Trustpilot is believed not to). */
  pkce?: { challenge: string; method?: 'S256' }
  scope?: string
}

/** The login page URL for the authorization-code or implicit flow. */
export function buildAuthorizeUrl(env: Environment, options: AuthorizeUrlOptions): string {
  if (!env.authorizeUrl) {
    throw new OAuthError('config', 'This environment has no authorize (login page) URL.')
  }
  const url = new URL(env.authorizeUrl)
  url.searchParams.set('client_id', options.clientId)
  url.searchParams.set('redirect_uri', options.redirectUri)
  url.searchParams.set('response_type', options.responseType)
  url.searchParams.set('state', options.state)
  if (options.scope) url.searchParams.set('scope', options.scope)
  if (options.pkce) {
    url.searchParams.set('code_challenge', options.pkce.challenge)
    url.searchParams.set('code_challenge_method', options.pkce.method ?? 'S256')
  }
  return url.toString()
}
