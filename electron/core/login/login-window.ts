import { parseRedirect } from '../redirect'

/**
 * The embedded login for the authorization-code and implicit grants. Electron's implementation is
 * a BrowserWindow (electron/main/login-window.ts); the browser harness uses a second page.
 */
export interface LoginRequest {
  /** The login page, built by the app (client_id, redirect_uri, response_type, state). */
  authorizeUrl: string
  /** The registered redirect URI: navigation to it is caught and cancelled, never loaded. */
  redirectUri: string
  /** "Remember my login": a persistent partition per profile; otherwise an in-memory one. */
  rememberAs?: string
  timeoutMs: number
}

export type LoginEndReason = 'closed' | 'timeout' | 'superseded' | 'cancelled'

export class LoginCancelledError extends Error {
  constructor(readonly reason: LoginEndReason) {
    super(
      reason === 'closed'
        ? 'The login window was closed before signing in finished.'
        : reason === 'timeout'
          ? 'Signing in took too long; the login window was closed.'
          : reason === 'superseded'
            ? 'Another login was started, so this one was cancelled.'
            : 'The login was cancelled.',
    )
    this.name = 'LoginCancelledError'
  }
}

export interface LoginWindow {
  /** Resolves with the callback URL the login navigated to (with its query or fragment). */
  open(request: LoginRequest): Promise<string>
  /** Ends the running login, if any, with `reason`. */
  cancel(reason?: LoginEndReason): void
  /** Forgets a remembered login (clears the persistent partition's cookies and storage). */
  forget(rememberAs: string): Promise<void>
}

/** True when `url` is the registered redirect URI (same scheme, host and path): the core's parser decides. */
export const isCallback = (url: string, redirectUri: string): boolean =>
  parseRedirect(url, redirectUri, undefined).kind !== 'not-callback'

/**
 * A callback URL carrying nothing (no code, token or error) is what the network layer sees of an
 * implicit redirect, since fragments never reach it: wait for the navigation event with the full URL.
 */
export const carriesResult = (url: string, redirectUri: string): boolean => {
  const r = parseRedirect(url, redirectUri, undefined)
  return r.kind !== 'not-callback' && !(r.kind === 'error' && r.error === 'invalid_response')
}
