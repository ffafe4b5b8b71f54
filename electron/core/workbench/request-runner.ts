/**
 * Sends a workbench draft: variables resolved, URL/headers/JSON checked before anything goes out,
 * the profile's token attached (through the TokenManager: one retry on rejection) or its API key,
 * but only for the profile environment's hosts, `x-business-user-id` where the catalogue says a
 * client-credentials token needs it. Bodies stay in main (BodyStore); a masked record goes to history.
 */
import { randomUUID } from 'node:crypto'
import type { Profile } from '../../shared/profile'
import { failureDetails, orNothing } from '../failure-details'
import { HandlerError } from '../../shared/result'
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  INLINE_BODY_LIMIT,
  LARGE_BODY_LIMIT,
  type BodyKind,
  type HistoryEntry,
  type HistorySummary,
  type ParsedDraftRequest,
  type RequestEcho,
  type ResponseSummary,
} from '../../shared/workbench'
import type { Environment } from '../environments'
import { HttpError } from '../http/http-error'
import { sendRequest } from '../http/send-request'
import type { FetchLike, HttpResponse } from '../http/types'
import { maskToken } from '../mask'
import { isOAuthError } from '../oauth-error'
import type { TokenManager } from '../token-manager'
import type { TokenSet } from '../token-parse'
import type { BodyStore } from './body-store'
import { HISTORY_BODY_LIMIT, type HistoryStore } from './history'
import { hasHeader, prepareRequest, type PreparedRequest } from './prepare'
import {
  maskJsonText,
  maskRequestBody,
  maskRequestHeaders,
  maskRequestUrl,
  maskRows,
  scrubSecrets,
} from './secrets'
import { statusMeaning } from './status-meaning'

/** What the runner needs to know about a profile; cached by the workbench service. */
export interface WorkbenchContext {
  profile: Profile
  env: Environment
  manager: TokenManager
  /** The profile's stored secrets (API secret, password), scrubbed from anything recorded. */
  secrets: string[]
}

export interface RunnerDeps {
  context(profileId: string): Promise<WorkbenchContext>
  fetch: FetchLike
  bodies: BodyStore
  history: HistoryStore
  now?: () => number
}

const BUSINESS_USER_HEADER = 'x-business-user-id'

/** Unique ids without a UUID per call: a random per-run prefix and a counter. */
const RUN_PREFIX = randomUUID().slice(0, 8)
let idCounter = 0
const nextId = (): string =>
  `${RUN_PREFIX}-${Date.now().toString(36)}-${(idCounter++).toString(36)}`

const GRANT_LABEL: Record<string, string> = {
  client_credentials: 'client-credentials',
  password: 'password',
  authorization_code: 'authorization-code',
  implicit: 'implicit',
}

/** The last token masked, so an unchanged token is not masked again on every call. */
let maskedFor = { token: '', masked: '' }
function maskedBearer(token: string): string {
  if (maskedFor.token !== token) maskedFor = { token, masked: `Bearer ${maskToken(token)}` }
  return maskedFor.masked
}

export function classifyBody(contentType: string, text: string, binary: boolean): BodyKind {
  const ct = contentType.toLowerCase()
  if (text === '' && !binary) return 'empty'
  if (/[/+]json\b/.test(ct)) return 'json'
  if (ct.includes('html')) return 'html'
  if (binary) return 'binary'
  if (ct === '' && /^\s*[[{]/.test(text)) return 'json'
  return 'text'
}

const foreignHost = (url: string): string =>
  `${originOf(url)} is not one of this profile’s environment hosts`

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * The little of AbortSignal that sendRequest and the token manager use (aborted, abort listeners).
 * Node's AbortController costs more than the rest of a send; this one is a flag and a list.
 */
class CancelSignal {
  aborted = false
  private listeners: (() => void)[] = []
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.push(listener)
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners.indexOf(listener)
    if (at >= 0) this.listeners.splice(at, 1)
  }
  abort(): void {
    if (this.aborted) return
    this.aborted = true
    const listeners = this.listeners
    this.listeners = []
    for (const l of listeners) l()
  }
  asSignal(): AbortSignal {
    return this as unknown as AbortSignal
  }
}

export class RequestRunner {
  private readonly inflight = new Map<string, CancelSignal>()
  private readonly now: () => number

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Cancels a request in flight; false when there is none with this id. */
  cancel(requestId: string): boolean {
    const c = this.inflight.get(requestId)
    if (!c) return false
    c.abort()
    return true
  }

  async send(draft: ParsedDraftRequest, requestId: string = nextId()): Promise<ResponseSummary> {
    if (this.inflight.has(requestId)) {
      throw new HandlerError(
        'duplicate-request',
        `A request with id ${requestId} is already running.`,
      )
    }
    const cancel = new CancelSignal()
    this.inflight.set(requestId, cancel)
    try {
      return await this.run(draft, requestId, cancel.asSignal())
    } finally {
      this.inflight.delete(requestId)
    }
  }

  private async run(
    draft: ParsedDraftRequest,
    requestId: string,
    signal: AbortSignal,
  ): Promise<ResponseSummary> {
    let ctx = await this.deps.context(draft.profileId)
    const { profile, env, manager } = ctx
    const prepared = prepareRequest(draft, profile, env)
    const headers: Record<string, string> = {}
    for (const h of prepared.headers) {
      headers[h.name] =
        h.value.length === 1 ? h.value[0]!.text : h.value.map((s) => s.text).join('')
    }
    if (prepared.defaultContentType && !hasHeader(headers, 'content-type')) {
      headers['Content-Type'] = prepared.defaultContentType
    }
    const notes: string[] = []
    const warnings: string[] = []
    const endpoint = prepared.endpoint

    // Authentication, only for the profile's own hosts.
    let token: TokenSet | undefined
    const startedAt = this.now()
    const t0 = performance.now()
    if (draft.auth === 'token') {
      if (prepared.belongs) {
        token = await this.guard(() => manager.getToken(signal))
        if (hasHeader(headers, 'authorization')) {
          notes.push('Your Authorization header was replaced by the profile’s Bearer token.')
        }
        notes.push(
          `Authorization: Bearer attached (${GRANT_LABEL[token.grant] ?? token.grant} token).`,
        )
      } else {
        notes.push(`No token attached: ${foreignHost(prepared.url)}.`)
      }
    } else if (draft.auth === 'apikey') {
      if (!prepared.belongs) notes.push(`No API key attached: ${foreignHost(prepared.url)}.`)
      else if (hasHeader(headers, 'apikey')) notes.push('Your apikey header was sent as typed.')
      else if (!profile.apiKey)
        warnings.push('The profile has no API key, so no apikey header was sent.')
      else {
        headers['apikey'] = profile.apiKey
        notes.push('apikey header attached (the profile’s API key).')
      }
    } else {
      notes.push('No authentication: sent with only the headers you gave.')
    }
    if (endpoint && draft.auth !== requestAuthOf(endpoint.auth)) {
      warnings.push(
        `${endpoint.name} expects ${endpoint.auth === 'bearer' ? 'a Bearer token' : endpoint.auth === 'apikey' ? 'the apikey header' : 'no authentication'}.`,
      )
    }

    // Client-credentials tokens act as no user: some endpoints need the business user's id.
    if (token?.grant === 'client_credentials' && endpoint) {
      if (endpoint.businessUserHeader) {
        if (hasHeader(headers, BUSINESS_USER_HEADER)) {
          notes.push(`${BUSINESS_USER_HEADER} sent as you typed it.`)
        } else if (profile.businessUserId) {
          headers[BUSINESS_USER_HEADER] = profile.businessUserId
          notes.push(
            `${BUSINESS_USER_HEADER}: ${profile.businessUserId} added: a client-credentials token acts as no user, and this endpoint acts as one.`,
          )
        } else {
          warnings.push(
            `This endpoint acts as a business user: with a client-credentials token it needs the ${BUSINESS_USER_HEADER} header, but the profile has no business user id (shown on the user’s profile page in Trustpilot Business). Expect a 400.`,
          )
        }
      } else if (
        endpoint.id === 'private.reviews.reply' &&
        !(prepared.body ?? '').includes('authorBusinessUserId')
      ) {
        warnings.push(
          'With a client-credentials token, a reply needs authorBusinessUserId in the body (the acting business user).',
        )
      }
    }

    const timeoutMs = draft.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    const request = {
      method: prepared.method,
      url: prepared.url,
      headers,
      ...(prepared.body !== undefined ? { body: prepared.body } : {}),
      timeoutMs,
      signal,
    }
    let response: HttpResponse
    let retried = false
    try {
      if (token) {
        const result = await this.guard(() => manager.fetchAuthorized(request))
        response = result.response
        retried = result.retried
        if (retried) {
          notes.push(
            'The first answer rejected the token: a new token was obtained and the call was sent again, once.',
          )
          const first = token
          token = await manager.getToken().catch(() => first)
          if (token !== first) ctx = { ...ctx, secrets: [first.accessToken, ...ctx.secrets] }
        }
        if (result.renewError) {
          warnings.push(
            `The token was rejected and no new one could be had: ${result.renewError.message}`,
          )
        }
      } else {
        response = await sendRequest(this.deps.fetch, request)
      }
    } catch (error) {
      const failure = this.failure(error)
      this.record(draft, prepared, headers, token, ctx, startedAt, {
        error: failure.message,
        durationMs: performance.now() - t0,
      })
      throw failure
    }
    const totalMs = performance.now() - t0
    const ttfbMs = totalMs - response.durationMs + response.ttfbMs

    const contentType = response.headers['content-type'] ?? ''
    const binary = response.bodyBytes !== undefined
    const kind = classifyBody(contentType, response.bodyText, binary)
    const size = response.bodyBytes?.length ?? Buffer.byteLength(response.bodyText)
    const responseId = nextId()
    this.deps.bodies.put(responseId, {
      text: response.bodyText,
      ...(response.bodyBytes ? { bytes: response.bodyBytes } : {}),
      size,
      kind,
      contentType,
    })
    const large = size > LARGE_BODY_LIMIT
    const echo = this.echo(prepared, headers, token, ctx)
    const responseHeaders = maskRequestHeaders(response.headers)
    const historyId = this.record(draft, prepared, headers, token, ctx, startedAt, {
      response,
      responseHeaders,
      kind,
      contentType,
      size,
      retried,
      notes,
      warnings,
      durationMs: totalMs,
      echo,
    })
    const summary: ResponseSummary = {
      requestId,
      responseId,
      historyId,
      request: echo,
      status: response.status,
      statusText: response.statusText,
      meaning: statusMeaning(response.status),
      headers: responseHeaders,
      contentType,
      kind,
      size,
      timing: { startedAt, totalMs, ttfbMs },
      retried,
      tokenAttached: token !== undefined,
      notes,
      warnings,
      large,
      prettyAvailable: kind === 'json' && !large,
    }
    if (endpoint) summary.endpointId = endpoint.id
    if (kind !== 'binary' && size <= INLINE_BODY_LIMIT) summary.body = response.bodyText
    return summary
  }

  /** Token acquisition failures and cancellation while waiting for a token, as HandlerErrors. */
  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action()
    } catch (error) {
      throw this.failure(error)
    }
  }

  private failure(error: unknown): HandlerError {
    if (error instanceof HandlerError) return error
    if (error instanceof HttpError) {
      if (error.kind === 'aborted')
        return new HandlerError('cancelled', 'The request was cancelled.')
      return new HandlerError(
        error.kind === 'timeout' ? 'timeout' : `http:${error.kind}`,
        error.message,
      )
    }
    if (isOAuthError(error)) {
      if (error.code === 'aborted')
        return new HandlerError('cancelled', 'The request was cancelled.')
      return new HandlerError(
        `oauth:${error.code}`,
        `No token could be had for this request: ${error.message}`,
        orNothing(failureDetails(error)),
      )
    }
    return new HandlerError('failed', error instanceof Error ? error.message : String(error))
  }

  private echo(
    prepared: PreparedRequest,
    headers: Record<string, string>,
    token: TokenSet | undefined,
    ctx: WorkbenchContext,
  ): RequestEcho {
    const shown = maskRequestHeaders(headers)
    if (token) shown['Authorization'] = maskedBearer(token.accessToken)
    const secrets = token ? [token.accessToken, ...ctx.secrets] : ctx.secrets
    const echo: RequestEcho = {
      method: prepared.method,
      url: scrubSecrets(maskRequestUrl(prepared.url), secrets),
      headers: shown,
    }
    if (prepared.body !== undefined) {
      const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
      echo.body = scrubSecrets(maskRequestBody(prepared.body, ct), secrets)
    }
    return echo
  }

  private record(
    draft: ParsedDraftRequest,
    prepared: PreparedRequest,
    headers: Record<string, string>,
    token: TokenSet | undefined,
    ctx: WorkbenchContext,
    at: number,
    outcome: {
      error?: string
      durationMs: number
      response?: HttpResponse
      responseHeaders?: Record<string, string>
      kind?: BodyKind
      contentType?: string
      size?: number
      retried?: boolean
      notes?: string[]
      warnings?: string[]
      echo?: RequestEcho
    },
  ): string {
    const id = nextId()
    const secrets = token ? [token.accessToken, ...ctx.secrets] : ctx.secrets
    const request = outcome.echo ?? this.echo(prepared, headers, token, ctx)
    const summary: HistorySummary = {
      id,
      at,
      profileId: draft.profileId,
      method: prepared.method,
      url: request.url,
      durationMs: Math.round(outcome.durationMs * 10) / 10,
    }
    if (prepared.endpoint) {
      summary.endpointId = prepared.endpoint.id
      summary.endpointName = prepared.endpoint.name
    }
    if (outcome.error) summary.error = outcome.error
    if (outcome.response) summary.status = outcome.response.status
    // Masking and serializing wait for the batched write, off this request's path.
    this.deps.history.appendLazy(summary, () => {
      const entry: HistoryEntry = { ...summary, draft: maskDraft(draft), request }
      const r = outcome.response
      if (r) {
        const cut = outcome.kind !== 'binary' && r.bodyText.length > HISTORY_BODY_LIMIT
        let stored: string | undefined
        if (outcome.kind !== 'binary' && r.bodyText !== '') {
          const text = cut ? r.bodyText.slice(0, HISTORY_BODY_LIMIT) : r.bodyText
          stored = outcome.kind === 'json' ? maskJsonText(text) : text
        }
        const notes = [...(outcome.notes ?? [])]
        if (cut) notes.push(`Body cut at 256 KB for history (full size ${outcome.size} bytes).`)
        if (outcome.kind === 'binary') notes.push('Binary body not kept in history.')
        entry.response = {
          status: r.status,
          statusText: r.statusText,
          headers: outcome.responseHeaders ?? {},
          contentType: outcome.contentType ?? '',
          kind: outcome.kind ?? 'text',
          size: outcome.size ?? 0,
          retried: outcome.retried ?? false,
          notes,
          warnings: [...(outcome.warnings ?? [])],
          bodyTruncated: cut,
          ...(stored !== undefined ? { body: stored } : {}),
        }
      }
      // Last line of defence: the literal secrets must not be anywhere in the recorded line.
      return scrubSecrets(JSON.stringify(entry), secrets)
    })
    return id
  }
}

/** The draft as written, with secret-looking values masked (headers, query, JSON and form bodies). */
function maskDraft(draft: ParsedDraftRequest): ParsedDraftRequest {
  const masked: ParsedDraftRequest = {
    ...draft,
    url: maskRequestUrl(draft.url),
    query: maskRows(draft.query, 'query'),
    headers: maskRows(draft.headers, 'header'),
  }
  const body = draft.body
  if (body) {
    masked.body = { ...body }
    if (body.kind === 'json' && body.text) masked.body.text = maskJsonText(body.text)
    if (body.fields) masked.body.fields = maskRows(body.fields, 'form')
  }
  return masked
}

const requestAuthOf = (auth: 'bearer' | 'apikey' | 'none') =>
  auth === 'bearer' ? 'token' : auth === 'apikey' ? 'apikey' : 'none'
