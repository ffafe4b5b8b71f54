import {
  GRANT_FIELDS,
  environmentSchema,
  missingForGrant,
  profileFieldsSchema,
  redirectUriProblems,
  type EnvironmentConfig,
  type Grant,
  type ProfileField,
  type ProfileSaveInput,
  type ProfileView,
} from '../../../electron/shared/profile'

/** The editor's working copy of a profile: flat, string-typed, with the custom URLs kept aside. */
export interface ProfileDraft {
  name: string
  envKind: EnvironmentConfig['kind']
  custom: {
    tokenUrl: string
    refreshUrl: string
    revokeUrl: string
    authorizeUrl: string
    apiBase: string
    invitationsBase: string
    pkce: boolean
  }
  apiKey: string
  username: string
  redirectUri: string
  businessUnitId: string
  businessUserId: string
  clientAuth: 'basic' | 'body'
  defaultGrant: Grant
  rememberLogin: boolean
  /** New values typed by the user; undefined or '' keeps the stored secret. */
  apiSecret?: string
  password?: string
}

export type CustomUrlField = Exclude<keyof ProfileDraft['custom'], 'pkce'>
export const CUSTOM_URL_FIELDS: { key: CustomUrlField; label: string; required: boolean }[] = [
  { key: 'tokenUrl', label: 'Token URL', required: true },
  { key: 'refreshUrl', label: 'Refresh URL', required: false },
  { key: 'revokeUrl', label: 'Revoke URL', required: false },
  { key: 'authorizeUrl', label: 'Login page URL', required: false },
  { key: 'apiBase', label: 'API base URL', required: false },
  { key: 'invitationsBase', label: 'Invitations API base URL', required: false },
]

export function draftFrom(p: ProfileView | null): ProfileDraft {
  const env = p?.environment
  const c = env?.kind === 'custom' ? env : undefined
  return {
    name: p?.name ?? '',
    envKind: env?.kind ?? 'trustpilot',
    custom: {
      tokenUrl: c?.tokenUrl ?? '',
      refreshUrl: c?.refreshUrl ?? '',
      revokeUrl: c?.revokeUrl ?? '',
      authorizeUrl: c?.authorizeUrl ?? '',
      apiBase: c?.apiBase ?? '',
      invitationsBase: c?.invitationsBase ?? '',
      pkce: c?.pkce ?? false,
    },
    apiKey: p?.apiKey ?? '',
    username: p?.username ?? '',
    redirectUri: p?.redirectUri ?? '',
    businessUnitId: p?.businessUnitId ?? '',
    businessUserId: p?.businessUserId ?? '',
    clientAuth: p?.clientAuth ?? 'basic',
    defaultGrant: p?.defaultGrant ?? 'client_credentials',
    rememberLogin: p?.rememberLogin ?? false,
  }
}

export function environmentOf(d: ProfileDraft): EnvironmentConfig {
  if (d.envKind !== 'custom') return { kind: d.envKind }
  const { pkce, ...urls } = d.custom
  return { kind: 'custom', ...urls, ...(pkce ? { pkce: true } : {}) }
}

/** What `profiles:save` receives; secrets only when a new value was typed. */
export function saveInputOf(d: ProfileDraft, id: string | null): ProfileSaveInput {
  return {
    ...(id ? { id } : {}),
    name: d.name.trim(),
    environment: environmentOf(d),
    apiKey: d.apiKey.trim(),
    username: d.username.trim(),
    redirectUri: d.redirectUri.trim(),
    businessUnitId: d.businessUnitId.trim(),
    businessUserId: d.businessUserId.trim(),
    clientAuth: d.clientAuth,
    defaultGrant: d.defaultGrant,
    rememberLogin: d.rememberLogin,
    ...(d.apiSecret ? { apiSecret: d.apiSecret } : {}),
    ...(d.password ? { password: d.password } : {}),
  }
}

/** Field key for messages: profile fields, or `custom.<url>` for the custom environment's URLs. */
export type DraftField = ProfileField | `custom.${CustomUrlField}`

export interface DraftCheck {
  /** Problems that stop saving (schema, URL syntax, redirect URI). */
  errors: Partial<Record<DraftField, string>>
  /** Fields the default grant needs that are still empty (saving is allowed). */
  missing: Partial<Record<DraftField, string>>
  /** Fields the default grant needs, for the "required" marks. */
  required: Set<ProfileField>
  valid: boolean
}

/** Whether each secret will be set after saving ('' and undefined keep the stored one). */
export function secretsSet(
  d: ProfileDraft,
  p: ProfileView | null,
): Record<'apiSecret' | 'password', boolean> {
  return {
    apiSecret: !!d.apiSecret || !!p?.secrets.apiSecret.set,
    password: !!d.password || !!p?.secrets.password.set,
  }
}

/**
 * Checks the draft with the shared schemas and rules (the same ones main applies), so the
 * editor's messages match what saving and getting a token would say.
 */
export function checkDraft(d: ProfileDraft, p: ProfileView | null): DraftCheck {
  const errors: DraftCheck['errors'] = {}
  const missing: DraftCheck['missing'] = {}
  const env = environmentOf(d)
  const fields = { ...saveInputOf(d, null) }
  delete fields.apiSecret
  delete fields.password
  const parsed = profileFieldsSchema.safeParse(fields)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const first = issue.path.map(String)[0]
      if (first === 'environment' && d.envKind === 'custom') continue
      if (first) errors[first as ProfileField] ??= capitalize(issue.message)
    }
  }
  if (d.envKind === 'custom') {
    const envParsed = environmentSchema.safeParse(env)
    if (!envParsed.success) {
      for (const issue of envParsed.error.issues) {
        const key = issue.path.map(String)[0] as CustomUrlField | undefined
        if (key && key !== ('pkce' as string)) {
          errors[`custom.${key}`] ??=
            key === 'tokenUrl' && d.custom.tokenUrl.trim() === ''
              ? 'The token URL is required for a custom environment.'
              : 'Must be an absolute http(s) URL.'
        }
      }
    }
  }
  if (d.redirectUri.trim() !== '') {
    const problem = redirectUriProblems(d.redirectUri.trim(), d.envKind)[0]
    if (problem) errors.redirectUri = problem.message
  }
  for (const m of missingForGrant(
    { apiKey: d.apiKey, username: d.username, redirectUri: d.redirectUri, environment: env },
    secretsSet(d, p),
    d.defaultGrant,
  )) {
    if (!errors[m.field]) missing[m.field] = m.message.replace('this grant', 'the default grant')
  }
  return {
    errors,
    missing,
    required: new Set(GRANT_FIELDS[d.defaultGrant]),
    valid: Object.keys(errors).length === 0,
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
