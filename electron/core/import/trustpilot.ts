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
  ImportResult,
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

function renameInRequest(
  request: SavedRequest,
  renames: ReadonlyMap<string, string>,
  used: Set<string>,
): void {
  request.url = renameVariables(request.url, renames, used)
  for (const rows of [request.query, request.headers, request.body?.fields ?? []]) {
    for (const row of rows) {
      row.name = renameVariables(row.name, renames, used)
      row.value = renameVariables(row.value, renames, used)
    }
  }
  if (request.body?.text !== undefined) {
    request.body.text = renameVariables(request.body.text, renames, used)
  }
  const auth = request.auth
  if (auth.kind === 'bearer') auth.token = renameVariables(auth.token, renames, used)
  else if (auth.kind === 'basic') {
    auth.username = renameVariables(auth.username, renames, used)
    auth.password = renameVariables(auth.password, renames, used)
  } else if (auth.kind === 'header') auth.value = renameVariables(auth.value, renames, used)
  for (const v of request.variables ?? []) v.value = renameVariables(v.value, renames, used)
}

/** Renames variables in every request; returns the names that were renamed somewhere. */
export function renameInItems(
  items: CollectionItem[],
  renames: ReadonlyMap<string, string>,
  used = new Set<string>(),
): Set<string> {
  for (const item of items) {
    if (item.type === 'request') renameInRequest(item, renames, used)
    else renameInItems(item.items, renames, used)
  }
  return used
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
export function dropTokenRequests(tree: CollectionTree, skipped: SkippedItem[]): number {
  return dropRequests(
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

/** Shared by the Bruno and Postman importers: renames, token requests and variables. */
export function applyTrustpilotMapping(
  tree: CollectionTree,
  environments: ImportResult['environments'],
  tokenScript: boolean,
  skipped: SkippedItem[],
  notes: string[],
): void {
  const all = [...tree.variables, ...environments.flatMap((e) => e.variables)]
  const renames = trustpilotRenames(all)
  const droppedTokenRequests = dropTokenRequests(tree, skipped) > 0
  const renamed = renameInItems(tree.items, renames)
  const used = [...renames].filter(([from]) => renamed.has(from))
  if (used.length) {
    notes.push(
      `Variables mapped to the active profile: ${used.map(([from, to]) => `{{${from}}} → {{${to}}}`).join(', ')}.`,
    )
  }
  // A collection written for Trustpilot: its credential variables are the profile's.
  const forTrustpilot =
    [...renames.values()].some((to) => to === 'apiBase') &&
    all.some((v) => TRUSTPILOT_HOST.test(v.value.trim()))
  const dropTokenVariables = tokenScript || droppedTokenRequests || forTrustpilot
  const scopes: { label: string; holder: { variables: CollectionVariable[] } }[] = [
    { label: 'the collection', holder: tree },
    ...environments.map((e) => ({ label: `environment “${e.name}”`, holder: e })),
  ]
  for (const { label, holder } of scopes) {
    const { kept, dropped } = keepVariables(holder.variables, renames, dropTokenVariables)
    holder.variables = kept
    if (dropped.length) {
      notes.push(
        `Left out of ${label}: ${dropped.join(', ')}. The profile provides them (its API bases, ids, API key and token), and a blank one must not hide the profile’s value.`,
      )
    }
  }
}
