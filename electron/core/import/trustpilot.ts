/**
 * Trustpilot-aware mapping, so a collection written for Trustpilot's API works at once with the
 * active profile: its base-URL variables become the profile's two API bases, the variables the
 * profile already holds resolve from it, and the collection's own token machinery (a token script,
 * token requests, the variables they use) is left out because the profile's token manager gets,
 * attaches and refreshes tokens itself.
 */
import type {
  CollectionItem,
  CollectionTree,
  CollectionVariable,
  SavedRequest,
  SkippedItem,
} from '../../shared/collection'
import { PROFILE_VARIABLES } from '../../shared/catalogue'
import { TRUSTPILOT_ENVIRONMENT } from '../environments'
import { dropRequests, renameVariables } from './common'

/** Collection variable names that mean the profile's API bases. */
const BASE_ALIASES: Record<string, 'apiBase' | 'invitationsBase'> = {
  baseUrl: 'apiBase',
  baseURL: 'apiBase',
  apiBaseUrl: 'apiBase',
  invitationsBaseUrl: 'invitationsBase',
  invitationsBaseURL: 'invitationsBase',
}

export const TRUSTPILOT_HOST = /^https?:\/\/([\w-]+\.)*trustpilot\.com(\/|$)/i

/** The path of Trustpilot's token endpoints (access token, refresh, revoke). */
const TOKEN_PATH = '/oauth/oauth-business-users-for-applications/'

/** Variables that only feed a collection's own token handling. */
const TOKEN_VARIABLES = new Set([
  'token',
  'accessToken',
  'refreshToken',
  'accessTokenEndpoint',
  'grantType',
  'apisecret',
  'apiSecret',
  'username',
  'password',
])

/** Text of a script that fetches Trustpilot tokens itself. */
export function isTokenScript(text: string): boolean {
  return (
    text.includes(TOKEN_PATH.slice(1, -1)) ||
    text.includes('accessTokenEndpoint') ||
    (/setVar\s*\(/.test(text) && text.includes('access_token'))
  )
}

export const TOKEN_SCRIPT_NOTE =
  'The collection’s own token script is not needed: the app gets, attaches and refreshes the profile’s token itself. It was left out.'

/**
 * The renames to apply: `{{baseUrl}}` → `{{apiBase}}` and friends, unless an environment points
 * the variable somewhere other than Trustpilot; case variants of profile variable names
 * (`{{apikey}}`, `{{businessunitid}}`) → the profile's spelling.
 */
export function trustpilotRenames(variables: readonly CollectionVariable[]): Map<string, string> {
  const renames = new Map<string, string>()
  const foreign = new Set(
    variables
      .filter((v) => v.value.trim() !== '' && /^https?:/i.test(v.value.trim()))
      .filter((v) => !TRUSTPILOT_HOST.test(v.value.trim()))
      .map((v) => v.name),
  )
  for (const [from, to] of Object.entries(BASE_ALIASES)) {
    if (!foreign.has(from)) renames.set(from, to)
  }
  const profileNames = Object.keys(PROFILE_VARIABLES)
  for (const v of variables) {
    const match = profileNames.find((p) => p.toLowerCase() === v.name.toLowerCase())
    if (match && match !== v.name) renames.set(v.name, match)
  }
  return renames
}

function renameInRequest(request: SavedRequest, renames: ReadonlyMap<string, string>): void {
  const r = (text: string) => renameVariables(text, renames)
  request.url = r(request.url)
  for (const row of [...request.query, ...request.headers, ...(request.body?.fields ?? [])]) {
    row.name = r(row.name)
    row.value = r(row.value)
  }
  if (request.body?.text !== undefined) request.body.text = r(request.body.text)
  const auth = request.auth
  if (auth.kind === 'bearer') auth.token = r(auth.token)
  else if (auth.kind === 'basic') {
    auth.username = r(auth.username)
    auth.password = r(auth.password)
  } else if (auth.kind === 'header') auth.value = r(auth.value)
  for (const v of request.variables ?? []) v.value = r(v.value)
}

export function renameInItems(items: CollectionItem[], renames: ReadonlyMap<string, string>): void {
  for (const item of items) {
    if (item.type === 'request') renameInRequest(item, renames)
    else renameInItems(item.items, renames)
  }
}

/**
 * Which variables to keep from an imported environment or collection:
 * - the base URLs the profile provides, and the token machinery's variables, are dropped;
 * - a blank variable the profile provides (`businessUnitId:` left empty) is dropped, so the
 *   profile's value wins;
 * - other blanks stay as placeholders for the user to fill in.
 */
export function keepVariables(
  variables: readonly CollectionVariable[],
  renames: ReadonlyMap<string, string>,
  dropTokenVariables: boolean,
): { kept: CollectionVariable[]; dropped: string[] } {
  const kept: CollectionVariable[] = []
  const dropped: string[] = []
  for (const v of variables) {
    const name = renames.get(v.name) ?? v.name
    const isProfile = Object.hasOwn(PROFILE_VARIABLES, name)
    const blank = v.value.trim() === ''
    if (
      (isProfile && (blank || name === 'apiBase' || name === 'invitationsBase' || v.secret)) ||
      (dropTokenVariables && TOKEN_VARIABLES.has(v.name))
    ) {
      dropped.push(v.name)
      continue
    }
    kept.push({ ...v, name })
  }
  return { kept, dropped }
}

/** Requests to Trustpilot's token endpoints: the app's token panel does this. */
export function dropTokenRequests(tree: CollectionTree, skipped: SkippedItem[]): void {
  dropRequests(
    tree,
    (request) => {
      const url = request.url.replace(
        /^\{\{\s*(apiBase|baseUrl)\s*\}\}/,
        TRUSTPILOT_ENVIRONMENT.apiBase,
      )
      return url.includes(TOKEN_PATH)
        ? 'the app gets, refreshes and revokes tokens itself (the profile’s “Get a token” panel)'
        : undefined
    },
    skipped,
  )
}
