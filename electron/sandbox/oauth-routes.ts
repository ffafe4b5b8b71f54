/**
 * The three token endpoints on the API listener, as docs/trustpilot-api.md describes them: form
 * bodies only (JSON gets 415), Basic client authentication (body client_id/client_secret
 * also accepted for the authorization-code grant), string-typed responses.
 */
import type { SandboxContext } from './context'
import { empty, headerValue, isFormBody, json, mediaType, oauthError, parseForm } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { route } from './router'
import type { Route } from './router'
import type { IssuedTokens } from './token-service'

export const OAUTH_PREFIX = '/v1/oauth/oauth-business-users-for-applications'
export const TOKEN_PATHS = [
  `${OAUTH_PREFIX}/accesstoken`,
  `${OAUTH_PREFIX}/refresh`,
  `${OAUTH_PREFIX}/revoke`,
]

export interface ClientCredentials {
  clientId: string
  clientSecret: string
  source: 'basic' | 'body'
}

/** Parses `Authorization: Basic base64(key:secret)`; 'malformed' when it is not decodable. */
export function parseBasic(req: SandboxRequest): ClientCredentials | 'malformed' | null {
  const header = headerValue(req.headers, 'authorization')
  if (!header) return null
  const match = /^basic\s+(\S+)\s*$/i.exec(header)
  if (!match) return 'malformed'
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return 'malformed'
  return {
    clientId: decoded.slice(0, colon),
    clientSecret: decoded.slice(colon + 1),
    source: 'basic',
  }
}

/** The client a token request claims to be (for the rate limit and the log), before checking it. */
export function claimedClientId(req: SandboxRequest): string | undefined {
  const basic = parseBasic(req)
  if (basic && basic !== 'malformed') return basic.clientId
  if (isFormBody(req.headers)) return parseForm(req.body)['client_id'] || undefined
  return undefined
}

const invalidClient = (): SandboxResponse =>
  json(
    401,
    {
      ErrorCode: 'invalid_client',
      Error: 'Client authentication failed: invalid API key or secret',
    },
    { 'cache-control': 'no-store' },
  )

/** 415 unless the body is a form (an empty body without a content type is let through). */
function requireForm(req: SandboxRequest): SandboxResponse | null {
  if (isFormBody(req.headers)) return null
  const type = mediaType(req.headers)
  if (type === '' && req.body.length === 0) return null
  return oauthError(
    415,
    'unsupported_media_type',
    `Content-Type must be application/x-www-form-urlencoded (got ${type || 'none'})`,
  )
}

function tooMany(clientId: string, limit: number): SandboxResponse {
  return json(429, {
    fault: {
      faultstring: `Rate limit quota violation. Quota limit exceeded. Identifier : ${clientId} (${limit} token requests per minute)`,
      detail: { errorcode: 'policies.ratelimit.QuotaViolation' },
    },
  })
}

/** Every value is a string, as in Trustpilot's 2025 responses. */
export function tokenBody(
  issued: IssuedTokens,
  endpoint: 'accesstoken' | 'refresh',
): Record<string, string> {
  const { access, refresh } = issued
  const body: Record<string, string> = { access_token: access.token }
  if (refresh) body['refresh_token'] = refresh.token
  body['issued_at'] = String(Math.floor(access.issuedAtMs / 1000))
  body['expires_in'] = String(Math.round((access.expiresAtMs - access.issuedAtMs) / 1000))
  body['token_type'] = 'BearerToken'
  if (refresh) {
    body['refresh_token_issued_at'] = String(Math.floor(refresh.issuedAtMs / 1000))
    body['refresh_token_expires_in'] = String(
      Math.round((refresh.expiresAtMs - refresh.issuedAtMs) / 1000),
    )
    body['refresh_token_status'] = 'approved'
  }
  if (endpoint === 'accesstoken') {
    if (access.userId) body['app_enduser'] = access.userId
    body['client_id'] = access.clientId
  }
  return body
}

export function oauthRoutes(ctx: SandboxContext): Route[] {
  const tokenOk = (issued: IssuedTokens, endpoint: 'accesstoken' | 'refresh'): SandboxResponse =>
    json(200, tokenBody(issued, endpoint), { 'cache-control': 'no-store', pragma: 'no-cache' })

  /** Checks the client; body credentials only where `allowBody`. */
  function authenticateClient(
    req: SandboxRequest,
    form: Record<string, string>,
    allowBody: boolean,
  ): { clientId: string } | SandboxResponse {
    const basic = parseBasic(req)
    if (basic === 'malformed') return invalidClient()
    const bodyId = allowBody ? form['client_id'] : undefined
    const bodySecret = allowBody ? form['client_secret'] : undefined
    if (!basic && bodyId === undefined) return invalidClient()
    if (
      basic &&
      (basic.clientId !== ctx.config.apiKey || basic.clientSecret !== ctx.config.apiSecret)
    ) {
      return invalidClient()
    }
    // Some clients send both Basic and body credentials; whatever is sent must be right.
    // Without Basic, the body must carry the secret too.
    if (bodyId !== undefined && bodyId !== ctx.config.apiKey) return invalidClient()
    if (bodySecret !== undefined && bodySecret !== ctx.config.apiSecret) return invalidClient()
    if (!basic && bodySecret === undefined) return invalidClient()
    return { clientId: ctx.config.apiKey }
  }

  /**
   * Counted only once the client has authenticated: otherwise anyone who knows the API key
   * could lock the real client out with wrong-secret requests.
   */
  function rateLimited(clientId: string): SandboxResponse | null {
    return ctx.tokens.allowTokenRequest(clientId)
      ? null
      : tooMany(clientId, ctx.config.tokenRateLimit)
  }

  function refreshGrant(
    form: Record<string, string>,
    clientId: string,
    endpoint: 'accesstoken' | 'refresh',
  ): SandboxResponse {
    const token = form['refresh_token']
    if (!token) return oauthError(400, 'invalid_request', 'Missing required field: refresh_token')
    const redeemed = ctx.tokens.redeemRefresh(token, clientId)
    if (!redeemed.ok) return oauthError(400, 'invalid_grant', redeemed.description)
    return tokenOk(ctx.tokens.issue(clientId, redeemed.userId, 'refresh_token', true), endpoint)
  }

  function accessToken(req: SandboxRequest): SandboxResponse {
    const notForm = requireForm(req)
    if (notForm) return notForm
    const form = parseForm(req.body)
    const grant = form['grant_type']
    // Body client credentials: documented for the code grant; Trustpilot's own guide also
    // refreshes with client_id/client_secret in the body.
    const client = authenticateClient(
      req,
      form,
      grant === 'authorization_code' || grant === 'refresh_token',
    )
    if ('status' in client) return client
    const { clientId } = client
    const limited = rateLimited(clientId)
    if (limited) return limited
    switch (grant) {
      case undefined:
      case '':
        return oauthError(400, 'invalid_request', 'Missing required field: grant_type')
      case 'client_credentials':
        return tokenOk(ctx.tokens.issue(clientId, null, 'client_credentials', false), 'accesstoken')
      case 'password': {
        const { username, password } = form
        if (!username || password === undefined || password === '') {
          return oauthError(
            400,
            'invalid_request',
            'Missing required fields: username and password',
          )
        }
        if (
          username.toLowerCase() !== ctx.config.username.toLowerCase() ||
          password !== ctx.config.password
        ) {
          return oauthError(400, 'invalid_grant', 'Invalid username or password')
        }
        return tokenOk(
          ctx.tokens.issue(clientId, ctx.config.businessUserId, 'password', true),
          'accesstoken',
        )
      }
      case 'authorization_code': {
        const { code } = form
        const redirectUri = form['redirect_uri']
        if (!code || !redirectUri) {
          return oauthError(
            400,
            'invalid_request',
            'Missing required fields: code and redirect_uri',
          )
        }
        const redeemed = ctx.tokens.redeemCode(code, clientId, redirectUri)
        if (!redeemed.ok) return oauthError(400, 'invalid_grant', redeemed.description)
        return tokenOk(
          ctx.tokens.issue(clientId, redeemed.userId, 'authorization_code', true),
          'accesstoken',
        )
      }
      case 'refresh_token':
        return refreshGrant(form, clientId, 'accesstoken')
      default:
        return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grant}`)
    }
  }

  function refresh(req: SandboxRequest): SandboxResponse {
    const notForm = requireForm(req)
    if (notForm) return notForm
    const form = parseForm(req.body)
    // Trustpilot's authentication guide refreshes with client_id/client_secret in the body.
    const client = authenticateClient(req, form, true)
    if ('status' in client) return client
    const limited = rateLimited(client.clientId)
    if (limited) return limited
    const grant = form['grant_type']
    if (!grant) return oauthError(400, 'invalid_request', 'Missing required field: grant_type')
    if (grant !== 'refresh_token') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `The refresh endpoint only accepts grant_type=refresh_token`,
      )
    }
    return refreshGrant(form, client.clientId, 'refresh')
  }

  function revoke(req: SandboxRequest): SandboxResponse {
    const notForm = requireForm(req)
    if (notForm) return notForm
    const form = parseForm(req.body)
    // Basic auth is optional here (some clients omit it), but when sent it must be right.
    let clientId: string | null = null
    if (headerValue(req.headers, 'authorization')) {
      const client = authenticateClient(req, form, false)
      if ('status' in client) return client
      clientId = client.clientId
    }
    const token = form['token']
    if (!token) return oauthError(400, 'invalid_request', 'Missing required field: token')
    ctx.tokens.revoke(token, clientId)
    return empty(200, { 'cache-control': 'no-store' })
  }

  return [
    route('POST', `${OAUTH_PREFIX}/accesstoken`, accessToken),
    route('POST', `${OAUTH_PREFIX}/refresh`, refresh),
    route('POST', `${OAUTH_PREFIX}/revoke`, revoke),
  ]
}
