import type { EnvironmentConfig, Grant, ProfileField } from '../../../electron/shared/profile'
// Not from ./profile: that module builds zod schemas, which the first screen does not need.
import { GRANT_FIELDS, fieldLabel } from '../../../electron/shared/profile-fields'

/** What the grant picker offers: the four grants, plus refresh and revoke of the current token. */
export type GrantChoice = Grant | 'refresh' | 'revoke'

export const GRANT_CHOICES: GrantChoice[] = [
  'client_credentials',
  'password',
  'authorization_code',
  'implicit',
  'refresh',
  'revoke',
]

export interface GrantInfo {
  id: GrantChoice
  label: string
  /** One sentence: what it is for. */
  purpose: string
  /** Profile fields it needs (empty for refresh and revoke: they use the current token). */
  fields: ProfileField[]
  /** Whether the answer carries a refresh token. */
  refreshToken: string
  /** Opens Trustpilot's login page (in the app's login window or the system browser). */
  interactive: boolean
  /** The steps, in the order Trustpilot's authentication guide describes them. */
  steps: string[]
  /** The button label. */
  action: string
}

const BASIC = 'header `Authorization: Basic base64(API_KEY:API_SECRET)`'

export const GRANT_INFO: Record<GrantChoice, GrantInfo> = {
  client_credentials: {
    id: 'client_credentials',
    label: 'Client credentials',
    purpose:
      'A token for the application itself, with no user involved: Trustpilot’s recommended first step.',
    fields: GRANT_FIELDS.client_credentials,
    refreshToken: 'No: request a new token when it expires.',
    interactive: false,
    steps: [
      `POST …/oauth-business-users-for-applications/accesstoken with the ${BASIC}.`,
      'Send the form body `grant_type=client_credentials` (application/x-www-form-urlencoded).',
      'Read `access_token` and `expires_in` from the response (about 100 hours; every value is a string).',
    ],
    action: 'Get token',
  },
  password: {
    id: 'password',
    label: 'Password',
    purpose:
      'A business user’s own login, for trusted server-side tools (documented as deprecated, still supported).',
    fields: GRANT_FIELDS.password,
    refreshToken: 'Yes (single-use; about 90 days).',
    interactive: false,
    steps: [
      `POST …/oauth-business-users-for-applications/accesstoken with the ${BASIC}.`,
      'Send `grant_type=password`, `username` and `password` as a form body.',
      'Read the access token, the refresh token and their lifetimes from the response.',
    ],
    action: 'Get token',
  },
  authorization_code: {
    id: 'authorization_code',
    label: 'Authorization code',
    purpose:
      'A business user signs in on Trustpilot’s login page; the app exchanges the one-time code for tokens.',
    fields: GRANT_FIELDS.authorization_code,
    refreshToken: 'Yes (single-use; about 90 days).',
    interactive: true,
    steps: [
      'Open the login page with `client_id`, `redirect_uri`, `response_type=code` and a random `state`.',
      'The redirect URI must be https and registered for the API key in Trustpilot Business.',
      'The user signs in to Trustpilot Business on that page.',
      'The page redirects to the redirect URI with `?code=…`; the app catches it before it loads and checks `state`.',
      `POST …/accesstoken with the ${BASIC} and \`grant_type=authorization_code\`, \`code\`, the same \`redirect_uri\`.`,
      'Read the access token and the refresh token from the response.',
    ],
    action: 'Sign in and get token',
  },
  implicit: {
    id: 'implicit',
    label: 'Implicit',
    purpose:
      'A business user signs in and the token comes back directly in the redirect, with no secret involved.',
    fields: GRANT_FIELDS.implicit,
    refreshToken: 'No: sign in again when it expires.',
    interactive: true,
    steps: [
      'Open the login page with `client_id`, `redirect_uri`, `response_type=token` and a random `state`.',
      'The user signs in to Trustpilot Business on that page.',
      'The page redirects to the redirect URI with `#access_token=…` in the fragment, which never travels over the network; the app reads it from the navigation.',
    ],
    action: 'Sign in and get token',
  },
  refresh: {
    id: 'refresh',
    label: 'Refresh',
    purpose:
      'Trades the current refresh token for a new pair; tokens without one (client credentials) are re-issued instead.',
    fields: [],
    refreshToken: 'Yes: a new one, and the old one stops working.',
    interactive: false,
    steps: [
      `POST …/oauth-business-users-for-applications/refresh with the ${BASIC}.`,
      'Send `grant_type=refresh_token` and `refresh_token` as a form body.',
      'Store the new refresh token first, then use the new access token: the old ones stop working.',
    ],
    action: 'Refresh now',
  },
  revoke: {
    id: 'revoke',
    label: 'Revoke',
    purpose:
      'Invalidates the current tokens on the server and forgets them here, e.g. after a demo.',
    fields: [],
    refreshToken: '—',
    interactive: false,
    steps: [
      'POST …/oauth-business-users-for-applications/revoke with `token=<refresh token>`.',
      'POST …/revoke again with `token=<access token>`.',
      'Forget both tokens in this app.',
    ],
    action: 'Revoke tokens',
  },
}

export const grantLabel = (g: string): string =>
  (GRANT_INFO as Record<string, GrantInfo | undefined>)[g]?.label ??
  (g === 'refresh_token' ? 'Refresh' : g)

export const isGrant = (c: GrantChoice): c is Grant => c !== 'refresh' && c !== 'revoke'

export function environmentLabel(env: EnvironmentConfig | undefined): string {
  switch (env?.kind) {
    case 'trustpilot':
      return 'Trustpilot'
    case 'sandbox':
      return 'Sandbox'
    case 'custom':
      return 'Custom'
    default:
      return '—'
  }
}

export { fieldLabel }
