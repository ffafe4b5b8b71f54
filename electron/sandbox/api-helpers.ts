/** Shared pieces of the private and public endpoint handlers: auth, body, paging. */
import type { SandboxContext } from './context'
import {
  fail,
  faultError,
  headerValue,
  isJsonMediaType,
  isRecord,
  mediaType,
  messageError,
  parseJson,
} from './http-util'
import type { SandboxRequest } from './http-util'
import type { AccessTokenRecord } from './token-service'

/** Bearer validation; throws a 401 with the gateway's `fault` body on any failure. */
export function requireBearer(ctx: SandboxContext, req: SandboxRequest): AccessTokenRecord {
  const header = headerValue(req.headers, 'authorization') ?? ''
  const match = /^bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) fail(faultError(401, 'Invalid access token', 'oauth.v2.InvalidAccessToken'))
  const check = ctx.tokens.checkAccess(match[1]!)
  if (check.ok) return check.record
  switch (check.reason) {
    case 'expired':
      return fail(
        faultError(401, 'Access Token expired', 'keymanagement.service.access_token_expired'),
      )
    case 'revoked':
      return fail(
        faultError(
          401,
          'Access Token not approved',
          'keymanagement.service.access_token_not_approved',
        ),
      )
    case 'superseded':
    case 'unknown':
      return fail(
        faultError(401, 'Invalid access token', 'keymanagement.service.invalid_access_token'),
      )
  }
}

/** Public endpoints: the `apikey` header (the discouraged `?apikey=` is accepted too); 403 otherwise. */
export function requireApiKeyHeader(ctx: SandboxContext, req: SandboxRequest): void {
  const key = headerValue(req.headers, 'apikey') ?? req.query.get('apikey')
  if (!key) {
    fail(
      faultError(
        403,
        'Failed to resolve API Key variable request.header.apikey',
        'steps.oauth.v2.FailedToResolveAPIKey',
      ),
    )
  }
  if (key !== ctx.config.apiKey) fail(faultError(403, 'Invalid ApiKey', 'oauth.v2.InvalidApiKey'))
}

export function requireBusinessUnit(ctx: SandboxContext, businessUnitId: string): void {
  if (businessUnitId !== ctx.state.businessUnit.id) {
    fail(messageError(404, 'Business unit not found', `No business unit with id ${businessUnitId}`))
  }
}

function knownManager(ctx: SandboxContext, userId: string): boolean {
  return ctx.state.businessUsers.some(
    (u) => u.id === userId && (u.role === 'Admin' || u.role === 'Manager'),
  )
}

/**
 * The business user a write acts as. User tokens act as their user. Client-credentials
 * tokens are not tied to a user and need the `x-business-user-id` header.
 */
export function actingUserFromHeader(
  ctx: SandboxContext,
  req: SandboxRequest,
  token: AccessTokenRecord,
): string {
  if (token.userId) return token.userId
  const header = headerValue(req.headers, 'x-business-user-id')?.trim()
  if (!header) {
    fail(
      messageError(
        400,
        'Missing x-business-user-id header',
        'This endpoint acts as a business user. With a client-credentials token, send the business user id in the x-business-user-id header.',
      ),
    )
  }
  if (!knownManager(ctx, header)) {
    fail(
      messageError(
        403,
        'Business user not permitted',
        `x-business-user-id ${header} is not an Admin or Manager of this business unit`,
      ),
    )
  }
  return header
}

/** Review replies take the user from `authorBusinessUserId` in the body instead. */
export function actingUserFromBody(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  token: AccessTokenRecord,
): string {
  const author = body['authorBusinessUserId']
  if (author !== undefined && typeof author !== 'string') {
    fail(messageError(400, 'Validation failed', ['authorBusinessUserId must be a string']))
  }
  if (!author) {
    if (token.userId) return token.userId
    fail(
      messageError(
        400,
        'Missing authorBusinessUserId',
        'With a client-credentials token, send the business user id as authorBusinessUserId in the body.',
      ),
    )
  }
  if (!knownManager(ctx, author)) {
    fail(
      messageError(
        403,
        'Business user not permitted',
        `authorBusinessUserId ${author} is not an Admin or Manager of this business unit`,
      ),
    )
  }
  return author
}

/** Parses a JSON object body; 415 for other media types, 400 for malformed JSON. */
export function readJsonObject(req: SandboxRequest, optional = false): Record<string, unknown> {
  if (req.body.length === 0) {
    if (optional) return {}
    fail(messageError(400, 'Request body is required', 'Send a JSON object body'))
  }
  const type = mediaType(req.headers)
  if (!isJsonMediaType(type)) {
    fail(
      messageError(
        415,
        'Unsupported media type',
        `Content-Type must be application/json (got ${type || 'none'})`,
      ),
    )
  }
  const parsed = parseJson(req.body)
  if (!parsed.ok) fail(messageError(400, 'Malformed JSON body', parsed.error))
  if (!isRecord(parsed.value))
    fail(messageError(400, 'Validation failed', 'Body must be a JSON object'))
  return parsed.value
}

export interface Paging {
  page: number
  perPage: number
}

export function parsePaging(query: URLSearchParams, defaultPerPage = 20, maxPerPage = 100): Paging {
  const details: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(name)
    if (raw === null || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      details.push(`${name} must be an integer from ${min} to ${max}`)
      return fallback
    }
    return n
  }
  const page = int('page', 1, 1, 1_000_000)
  const perPage = int('perPage', defaultPerPage, 1, maxPerPage)
  if (details.length > 0) fail(messageError(400, 'Validation failed', details))
  return { page, perPage }
}

export interface Link {
  href: string
  method: 'GET'
  rel: string
}

/** Trustpilot-style paging links (`next-page`, `prev-page`) with absolute hrefs. */
export function pageLinks(req: SandboxRequest, paging: Paging, total: number): Link[] {
  const links: Link[] = []
  const make = (page: number, rel: string): void => {
    const query = new URLSearchParams(req.query)
    query.set('page', String(page))
    query.set('perPage', String(paging.perPage))
    links.push({ href: `${req.origin}${req.path}?${query.toString()}`, method: 'GET', rel })
  }
  if (paging.page > 1) make(paging.page - 1, 'prev-page')
  if (paging.page * paging.perPage < total) make(paging.page + 1, 'next-page')
  return links
}

export function paginate<T>(items: T[], paging: Paging): T[] {
  const start = (paging.page - 1) * paging.perPage
  return items.slice(start, start + paging.perPage)
}

/** Comma-separated or repeated query values, flattened. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

export function stringField(
  body: Record<string, unknown>,
  name: string,
  details: string[],
  required = false,
): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) {
    if (required) details.push(`${name} is required`)
    return undefined
  }
  if (typeof value !== 'string') {
    details.push(`${name} must be a string`)
    return undefined
  }
  if (required && value.trim() === '') details.push(`${name} must not be empty`)
  return value
}

export function failIfDetails(details: string[]): void {
  if (details.length > 0) fail(messageError(400, 'Validation failed', details))
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
export function isEmail(value: string): boolean {
  return EMAIL.test(value)
}
