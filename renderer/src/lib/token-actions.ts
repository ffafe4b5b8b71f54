import type { AuthState } from '../../../electron/shared/auth'
import type { ProfileView } from '../../../electron/shared/profile'

/**
 * Whether the app can get a new token for this profile without the user signing in: with a refresh
 * token, or by re-issuing with the grant (client credentials; password when one is kept). An
 * implicit token, or a code token with no refresh token, can only be replaced by a new sign-in, so
 * offering "Refresh now" there would only fail and mark a token that still works as broken.
 */
export function canRenewWithoutSignIn(
  state: AuthState | undefined,
  profile: ProfileView | undefined,
): boolean {
  if (!state?.accessTokenMasked) return false
  if (state.hasRefreshToken) return true
  if (state.grant === 'client_credentials') return true
  if (state.grant === 'password') return !!profile?.secrets.password.set
  return false
}

/** The grant to sign in with again when renewing needs the user (implicit or authorization code). */
export function signInGrant(
  state: AuthState | undefined,
): 'implicit' | 'authorization_code' | null {
  return state?.grant === 'implicit' || state?.grant === 'authorization_code' ? state.grant : null
}
