export type OAuthErrorCode =
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_request'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'access_denied'
  | 'rate_limited'
  | 'http'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'bad_response'
  | 'sign_in_required'
  | 'state_mismatch'
  | 'config'

export interface OAuthErrorInit {
  status?: number
  /** The raw response body (unmasked here; mask before display). */
  body?: string
  retryAfterMs?: number
  cause?: unknown
}

/** Every failure of a flow or of the token manager; `message` is written for people. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError'
  readonly status?: number
  readonly body?: string
  readonly retryAfterMs?: number
  constructor(
    readonly code: OAuthErrorCode,
    message: string,
    init: OAuthErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    if (init.status !== undefined) this.status = init.status
    if (init.body !== undefined) this.body = init.body
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs
  }
}

export const isOAuthError = (e: unknown): e is OAuthError => e instanceof OAuthError
