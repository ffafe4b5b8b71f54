/**
 * Which profile fields each grant needs, their labels, and what stops a grant from running: plain
 * data and checks with no zod, so the renderer's first screen can use them without loading zod.
 */
import type { EnvironmentConfig, Profile, ProfileField, SecretField } from './profile'

export const GRANTS = ['client_credentials', 'password', 'authorization_code', 'implicit'] as const
type Grant = (typeof GRANTS)[number]

export interface MissingField {
  field: ProfileField
  message: string
}

/** Which profile fields a grant needs (the API key and secret authenticate the client in all but implicit). */
export const GRANT_FIELDS: Record<Grant, ProfileField[]> = {
  client_credentials: ['apiKey', 'apiSecret'],
  password: ['apiKey', 'apiSecret', 'username', 'password'],
  authorization_code: ['apiKey', 'apiSecret', 'redirectUri'],
  implicit: ['apiKey', 'redirectUri'],
}

const FIELD_LABELS: Record<ProfileField, string> = {
  name: 'Name',
  environment: 'Environment',
  apiKey: 'API key',
  apiSecret: 'API secret',
  username: 'Username',
  password: 'Password',
  redirectUri: 'Redirect URI',
  businessUnitId: 'Business unit id',
  businessUserId: 'Business user id',
  clientAuth: 'Client authentication',
  defaultGrant: 'Default grant',
  rememberLogin: 'Remember my login',
}

export const fieldLabel = (field: ProfileField): string => FIELD_LABELS[field]

/**
 * What stops `grant` from running with this profile: missing fields, and a redirect URI that
 * Trustpilot would refuse (it must be https). Used by the renderer for inline hints and by main
 * before it starts a flow.
 */
export function missingForGrant(
  profile: Pick<Profile, 'apiKey' | 'username' | 'redirectUri' | 'environment'>,
  secrets: Record<SecretField, boolean>,
  grant: Grant,
): MissingField[] {
  const out: MissingField[] = []
  for (const field of GRANT_FIELDS[grant]) {
    const present =
      field === 'apiSecret' || field === 'password'
        ? secrets[field]
        : String((profile as Record<string, unknown>)[field] ?? '').trim() !== ''
    if (!present) out.push({ field, message: `${fieldLabel(field)} is required for this grant.` })
  }
  if (GRANT_FIELDS[grant].includes('redirectUri') && profile.redirectUri.trim() !== '') {
    out.push(...redirectUriProblems(profile.redirectUri, profile.environment.kind))
  }
  return out
}

export function redirectUriProblems(uri: string, kind: EnvironmentConfig['kind']): MissingField[] {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return [{ field: 'redirectUri', message: 'Redirect URI is not a valid URL.' }]
  }
  if (kind !== 'custom' && url.protocol !== 'https:') {
    return [{ field: 'redirectUri', message: 'Trustpilot only accepts an https redirect URI.' }]
  }
  return []
}
