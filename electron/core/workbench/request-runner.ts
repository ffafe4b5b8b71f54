/**
 * Sends a workbench draft through the pipeline in `./pipeline`, one small stage each:
 * resolve → authorize → send → keep → record. See docs/ARCHITECTURE.md for the stages.
 */
import { randomUUID } from 'node:crypto'
import type { Profile } from '../../shared/profile'
import { HandlerError } from '../../shared/result'
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  INLINE_BODY_LIMIT,
  type ParsedDraftRequest,
  type RequestEcho,
  type ResponseSummary,
} from '../../shared/workbench'
import type { Environment } from '../environments'
import type { FetchLike, HttpRequest } from '../http/types'
import type { Redactor } from '../redact'
import type { TokenManager } from '../token-manager'
import type { BodyStore } from './body-store'
import type { HistoryStore } from './history'
import { authorize, type Authorized } from './pipeline/authorize'
import { keep, type Kept } from './pipeline/keep'
import { echoOf, record, type Attempt } from './pipeline/record'
import { resolveRequest, type ResolvedRequest, type VariableScope } from './pipeline/resolve'
import { send, toHandlerError, type Sent } from './pipeline/send'
import { statusMeaning } from './status-meaning'

export { classifyBody } from './pipeline/keep'

/** What the runner needs to know about a profile; cached by the workbench service. */
export interface WorkbenchContext {
  profile: Profile
  env: Environment
  manager: TokenManager
  /** Knows every secret value the app holds (all profiles), masks what is echoed and recorded. */
  redactor: Redactor
}

export interface RunnerDeps {
  context(profileId: string): Promise<WorkbenchContext>
  fetch: FetchLike
  bodies: BodyStore
  history: HistoryStore
  now?: () => number
}

export interface SendOptions {
  /** Variables above the profile's built-ins, highest precedence first (see VariableScope). */
  scopes?: readonly VariableScope[]
}

/** Unique ids without a UUID per call: a random per-run prefix and a counter. */
const RUN_PREFIX = randomUUID().slice(0, 8)
let idCounter = 0
const nextId = (): string =>
  `${RUN_PREFIX}-${Date.now().toString(36)}-${(idCounter++).toString(36)}`

/** One send in progress: what every stage after resolve needs. */
interface Call {
  draft: ParsedDraftRequest
  resolved: ResolvedRequest
  ctx: WorkbenchContext
  startedAt: number
  t0: number
}

export class RequestRunner {
  private readonly inflight = new Map<string, AbortController>()
  private readonly now: () => number

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Cancels a request in flight; false when there is none with this id. */
  cancel(requestId: string): boolean {
    const controller = this.inflight.get(requestId)
    if (!controller) return false
    controller.abort()
    return true
  }

  async send(
    draft: ParsedDraftRequest,
    requestId: string = nextId(),
    options: SendOptions = {},
  ): Promise<ResponseSummary> {
    if (this.inflight.has(requestId)) {
      throw new HandlerError(
        'duplicate-request',
        `A request with id ${requestId} is already running.`,
      )
    }
    const controller = new AbortController()
    this.inflight.set(requestId, controller)
    try {
      return await this.run(draft, requestId, controller.signal, options)
    } finally {
      this.inflight.delete(requestId)
    }
  }

  private async run(
    draft: ParsedDraftRequest,
    requestId: string,
    signal: AbortSignal,
    options: SendOptions,
  ): Promise<ResponseSummary> {
    const ctx = await this.deps.context(draft.profileId)
    const resolved = resolveRequest(draft, ctx.profile, ctx.env, options.scopes)
    const call: Call = { draft, resolved, ctx, startedAt: this.now(), t0: performance.now() }
    const auth = await authorize(draft, resolved, ctx.profile, ctx.manager, signal).catch(
      (error: unknown) => Promise.reject(toHandlerError(error)),
    )
    const sent = await this.exchange(call, auth, signal)
    const totalMs = performance.now() - call.t0
    const kept = keep(this.deps.bodies, sent.response, nextId())
    const redactor = this.redactorFor(call, sent.token, ...sent.spentTokens)
    const echo = echoOf(resolved, auth.headers, sent.token?.accessToken, redactor)
    const historyId = record(this.deps.history, {
      ...this.attempt(call, echo, redactor, totalMs),
      answer: {
        response: sent.response,
        kept,
        retried: sent.retried,
        notes: [...auth.notes, ...sent.notes],
        warnings: [...auth.warnings, ...sent.warnings],
      },
    })
    return this.summary(call, { requestId, historyId, echo, auth, sent, kept, totalMs, redactor })
  }

  /** Stage 3, with a failure recorded in history (as it always was) before it is reported. */
  private async exchange(call: Call, auth: Authorized, signal: AbortSignal): Promise<Sent> {
    const { resolved, draft, ctx } = call
    const request: HttpRequest = {
      method: resolved.method,
      url: resolved.url,
      headers: auth.headers,
      ...(resolved.body !== undefined ? { body: resolved.body } : {}),
      timeoutMs: draft.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal,
    }
    try {
      return await send(request, auth.token, ctx.manager, this.deps.fetch)
    } catch (error) {
      const failure = toHandlerError(error)
      const redactor = this.redactorFor(call, auth.token)
      const echo = echoOf(resolved, auth.headers, auth.token?.accessToken, redactor)
      const durationMs = performance.now() - call.t0
      record(this.deps.history, {
        ...this.attempt(call, echo, redactor, durationMs),
        error: failure.message,
        ...(failure.code === 'cancelled' ? { cancelled: true } : {}),
      })
      throw failure
    }
  }

  /** The context's redactor, plus this call's tokens and secret variable values. */
  private redactorFor(
    call: Call,
    ...tokens: ({ accessToken: string; refreshToken?: string } | undefined)[]
  ): Redactor {
    const values = [...call.resolved.secretValues]
    for (const t of tokens) if (t) values.push(t.accessToken, t.refreshToken ?? '')
    return call.ctx.redactor.with(values)
  }

  private attempt(call: Call, echo: RequestEcho, redactor: Redactor, durationMs: number): Attempt {
    return {
      id: nextId(),
      at: call.startedAt,
      durationMs,
      draft: call.draft,
      resolved: call.resolved,
      echo,
      redactor,
    }
  }

  private summary(
    call: Call,
    parts: {
      requestId: string
      historyId: string
      echo: RequestEcho
      auth: Authorized
      sent: Sent
      kept: Kept
      totalMs: number
      redactor: Redactor
    },
  ): ResponseSummary {
    const { requestId, historyId, echo, auth, sent, kept, totalMs, redactor } = parts
    const r = sent.response
    const summary: ResponseSummary = {
      requestId,
      responseId: kept.responseId,
      historyId,
      request: echo,
      status: r.status,
      statusText: r.statusText,
      meaning: statusMeaning(r.status),
      headers: redactor.headers(r.headers),
      contentType: kept.contentType,
      kind: kept.kind,
      size: kept.size,
      timing: { startedAt: call.startedAt, totalMs, ttfbMs: totalMs - r.durationMs + r.ttfbMs },
      retried: sent.retried,
      tokenAttached: auth.token !== undefined,
      notes: [...auth.notes, ...sent.notes],
      warnings: [...auth.warnings, ...sent.warnings],
      large: kept.large,
      prettyAvailable: kept.kind === 'json' && !kept.large,
    }
    if (call.resolved.endpoint) summary.endpointId = call.resolved.endpoint.id
    if (kept.kind !== 'binary' && kept.size <= INLINE_BODY_LIMIT) summary.body = r.bodyText
    return summary
  }
}
