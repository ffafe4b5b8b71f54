import { describeErrorResponse } from '../http/describe-error'
import { HttpError } from '../http/http-error'
import { sendRequest } from '../http/send-request'
import type { HttpResponse } from '../http/types'
import { byName } from '../redact'
import { OAuthError } from '../oauth-error'
import type { OAuthErrorCode } from '../oauth-error'
import { parseTokenResponse } from '../token-parse'
import type { GrantType, TokenSet } from '../token-parse'
import type { FlowContext } from './context'

/** Trace bodies: JSON pretty-printed, anything longer than this cut. */
const TRACE_BODY = { pretty: true, limit: 8000 }

export interface FormPost {
  url: string
  params: Record<string, string>
  /** Trace step title and one-line explanation. */
  title: string
  explanation: string
  /** What kind of token call this is, for error hints. */
  purpose: 'token' | 'refresh' | 'revoke'
  grant?: GrantType
}

function basicHeader(apiKey: string, apiSecret: string): string {
  return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`, 'utf8').toString('base64')}`
}

/** POSTs a form to an OAuth endpoint with the profile's client authentication, recording a trace step. */
export async function postForm(ctx: FlowContext, post: FormPost): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  }
  const params = { ...post.params }
  if (ctx.client.clientAuth === 'body') {
    params.client_id = ctx.client.apiKey
    params.client_secret = ctx.client.apiSecret
  } else {
    headers.Authorization = basicHeader(ctx.client.apiKey, ctx.client.apiSecret)
  }
  const body = new URLSearchParams(params).toString()
  const startedAt = Date.now()
  const started = performance.now()
  const step = {
    title: post.title,
    explanation: post.explanation,
    request: {
      method: 'POST',
      url: byName.url(post.url),
      headers: byName.headers(headers),
      body: byName.body(body, headers['Content-Type'], TRACE_BODY),
    },
    startedAt,
    durationMs: 0,
  }
  try {
    const res = await sendRequest(ctx.fetch, {
      method: 'POST',
      url: post.url,
      headers,
      body,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    })
    ctx.trace?.steps.push({
      ...step,
      response: {
        status: res.status,
        headers: byName.headers(res.headers),
        body: byName.body(res.bodyText, res.headers['content-type'], TRACE_BODY),
      },
      durationMs: res.durationMs,
    })
    return res
  } catch (err) {
    const oauthErr = networkError(err, post.purpose)
    ctx.trace?.steps.push({
      ...step,
      error: oauthErr.message,
      durationMs: performance.now() - started,
    })
    throw oauthErr
  }
}

function networkError(err: unknown, purpose: FormPost['purpose']): OAuthError {
  const what = purpose === 'revoke' ? 'The revoke request' : 'The token request'
  if (err instanceof HttpError) {
    const code: OAuthErrorCode =
      err.kind === 'timeout' ? 'timeout' : err.kind === 'aborted' ? 'aborted' : 'network'
    return new OAuthError(code, `${what} failed: ${err.message}`, { cause: err })
  }
  return new OAuthError('network', `${what} failed: ${String(err)}`, { cause: err })
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const OAUTH_CODES = new Set<OAuthErrorCode>([
  'invalid_client',
  'invalid_grant',
  'invalid_request',
  'unauthorized_client',
  'unsupported_grant_type',
  'access_denied',
])

function invalidGrantHint(post: FormPost): string {
  if (post.purpose === 'refresh') {
    return 'The refresh token was not accepted: it was already used (refresh tokens are single-use), revoked, or has expired.'
  }
  if (post.grant === 'password') return 'The username or password was not accepted.'
  if (post.grant === 'authorization_code') {
    return 'The authorization code was not accepted: codes are single-use and short-lived, and redirect_uri must be identical to the one used at login.'
  }
  return 'The grant was not accepted.'
}

/** Explains a non-2xx answer from a token, refresh or revoke endpoint as an OAuthError. */
export function oauthErrorFromResponse(res: HttpResponse, post: FormPost): OAuthError {
  const desc = describeErrorResponse(res.status, res.headers['content-type'], res.bodyText)
  const init = { status: res.status, body: res.bodyText }
  if (res.status === 429) {
    return new OAuthError(
      'rate_limited',
      `${desc.message}. Trustpilot rejects too-frequent authentication; reuse the valid token instead of requesting new ones.`,
      { ...init, retryAfterMs: parseRetryAfter(res.headers['retry-after']) },
    )
  }
  const bodyCode = desc.code as OAuthErrorCode | undefined
  const code: OAuthErrorCode =
    bodyCode && OAUTH_CODES.has(bodyCode)
      ? bodyCode
      : res.status === 401
        ? 'invalid_client'
        : 'http'
  let hint = ''
  if (code === 'invalid_client') {
    hint =
      ' The API key or secret was not accepted: check both, and whether this server expects them in a Basic header or in the body.'
  } else if (code === 'invalid_grant') hint = ` ${invalidGrantHint(post)}`
  else if (res.status === 415)
    hint = ' The endpoint wants an application/x-www-form-urlencoded body.'
  else if (res.status === 404) hint = ' Check the endpoint URL.'
  else if (res.status >= 500) hint = ' The server failed; try again later.'
  return new OAuthError(code, `${desc.message}.${hint}`, init)
}

/** POSTs a token request and parses the answer; any failure is an OAuthError. */
export async function requestToken(
  ctx: FlowContext,
  post: FormPost & { grant: GrantType },
): Promise<TokenSet> {
  const res = await postForm(ctx, post)
  const arrivedAt = (ctx.now ?? Date.now)()
  if (res.status < 200 || res.status >= 300) throw oauthErrorFromResponse(res, post)
  let json: unknown
  try {
    json = JSON.parse(res.bodyText)
  } catch {
    const desc = describeErrorResponse(res.status, res.headers['content-type'], res.bodyText)
    throw new OAuthError(
      'bad_response',
      `The token endpoint answered ${res.status} but not with JSON (${desc.shape}): ${desc.message}`,
      { status: res.status, body: res.bodyText },
    )
  }
  try {
    return parseTokenResponse(json, arrivedAt, post.grant)
  } catch (err) {
    if (err instanceof OAuthError) {
      throw new OAuthError(err.code, err.message, { status: res.status, body: res.bodyText })
    }
    throw err
  }
}
