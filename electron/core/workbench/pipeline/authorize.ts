/**
 * Stage 2 of a send, authorize: the headers that go out. The profile's token (only for the
 * environment's own hosts), or its API key, or nothing; plus `x-business-user-id` where a
 * client-credentials token needs it. A header the user typed is never overwritten, except
 * Authorization when the profile's token is attached (said in a note).
 */
import type { Endpoint } from '../../../shared/catalogue'
import type { Profile } from '../../../shared/profile'
import type { ParsedDraftRequest } from '../../../shared/workbench'
import { originOf } from '../../../shared/url'
import type { TokenManager } from '../../token-manager'
import type { TokenSet } from '../../token-parse'
import { hasHeader, joinSegments, type ResolvedRequest } from './resolve'
import { lastResult } from './last-result'

export const BUSINESS_USER_HEADER = 'x-business-user-id'

export interface Authorized {
  /** Everything but Authorization: the token is set by the send stage (it may be renewed). */
  headers: Record<string, string>
  token?: TokenSet
  notes: string[]
  warnings: string[]
}

const GRANT_LABEL: Record<string, string> = {
  client_credentials: 'client-credentials',
  password: 'password',
  authorization_code: 'authorization-code',
  implicit: 'implicit',
}

const foreignHost = (url: string): string =>
  `${originOf(url) ?? url} is not one of this profile’s environment hosts`

/** The typed headers, plus the Content-Type the body implies when none was typed. */
export function typedHeaders(resolved: ResolvedRequest): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const h of resolved.headers) headers[h.name] = joinSegments(h.value)
  if (resolved.defaultContentType && !hasHeader(headers, 'content-type')) {
    headers['Content-Type'] = resolved.defaultContentType
  }
  return headers
}

function attachToken(
  resolved: ResolvedRequest,
  headers: Record<string, string>,
  token: TokenSet | undefined,
  out: Authorized,
): void {
  if (!token) {
    out.notes.push(`No token attached: ${foreignHost(resolved.url)}.`)
    return
  }
  out.token = token
  if (hasHeader(headers, 'authorization')) {
    out.notes.push('Your Authorization header was replaced by the profile’s Bearer token.')
  }
  const grant = out.token.grant
  out.notes.push(`Authorization: Bearer attached (${GRANT_LABEL[grant] ?? grant} token).`)
}

function attachApiKey(resolved: ResolvedRequest, profile: Profile, out: Authorized): void {
  if (!resolved.belongs) out.notes.push(`No API key attached: ${foreignHost(resolved.url)}.`)
  else if (hasHeader(out.headers, 'apikey')) out.notes.push('Your apikey header was sent as typed.')
  else if (!profile.apiKey) {
    out.warnings.push('The profile has no API key, so no apikey header was sent.')
  } else {
    out.headers['apikey'] = profile.apiKey
    out.notes.push('apikey header attached (the profile’s API key).')
  }
}

const AUTH_OF_ENDPOINT = { bearer: 'token', apikey: 'apikey', none: 'none' } as const
const AUTH_WORDS = {
  bearer: 'a Bearer token',
  apikey: 'the apikey header',
  none: 'no authentication',
}

function endpointAuthWarning(
  draft: ParsedDraftRequest,
  endpoint: Endpoint | undefined,
  out: Authorized,
): void {
  if (endpoint && draft.auth !== AUTH_OF_ENDPOINT[endpoint.auth]) {
    out.warnings.push(`${endpoint.name} expects ${AUTH_WORDS[endpoint.auth]}.`)
  }
}

/** Client-credentials tokens act as no user: some endpoints need the business user's id. */
function businessUser(resolved: ResolvedRequest, profile: Profile, out: Authorized): void {
  const endpoint = resolved.endpoint
  if (out.token?.grant !== 'client_credentials' || !endpoint) return
  if (endpoint.businessUserHeader) {
    if (hasHeader(out.headers, BUSINESS_USER_HEADER)) {
      out.notes.push(`${BUSINESS_USER_HEADER} sent as you typed it.`)
    } else if (profile.businessUserId) {
      out.headers[BUSINESS_USER_HEADER] = profile.businessUserId
      out.notes.push(
        `${BUSINESS_USER_HEADER}: ${profile.businessUserId} added: a client-credentials token acts as no user, and this endpoint acts as one.`,
      )
    } else {
      out.warnings.push(
        `This endpoint acts as a business user: with a client-credentials token it needs the ${BUSINESS_USER_HEADER} header, but the profile has no business user id (shown on the user’s profile page in Trustpilot Business). Expect a 400.`,
      )
    }
  } else if (
    endpoint.id === 'private.reviews.reply' &&
    !(resolved.body ?? '').includes('authorBusinessUserId')
  ) {
    out.warnings.push(
      'With a client-credentials token, a reply needs authorBusinessUserId in the body (the acting business user).',
    )
  }
}

/** The last result, reused while the same resolved request goes with the same profile, auth and token. */
const lastAuthorized = lastResult<Authorized>()

export async function authorize(
  draft: ParsedDraftRequest,
  resolved: ResolvedRequest,
  profile: Profile,
  manager: Pick<TokenManager, 'getToken'>,
  signal: AbortSignal,
): Promise<Authorized> {
  const token =
    draft.auth === 'token' && resolved.belongs ? await manager.getToken(signal) : undefined
  return lastAuthorized([draft.auth, resolved, profile, token], () =>
    build(draft, resolved, profile, token),
  )
}

function build(
  draft: ParsedDraftRequest,
  resolved: ResolvedRequest,
  profile: Profile,
  token: TokenSet | undefined,
): Authorized {
  const headers = typedHeaders(resolved)
  const out: Authorized = { headers, notes: [], warnings: [] }
  if (draft.auth === 'token') attachToken(resolved, headers, token, out)
  else if (draft.auth === 'apikey') attachApiKey(resolved, profile, out)
  else out.notes.push('No authentication: sent with only the headers you gave.')
  endpointAuthWarning(draft, resolved.endpoint, out)
  businessUser(resolved, profile, out)
  return out
}
