/**
 * Stage 5 of a send, record: the request echo (what was sent, masked) and the history entry,
 * built from that already-redacted echo. Every part history stores (URL, headers, request body,
 * response headers and body of any content type, the draft) goes through the one redactor, so
 * every secret value the app knows is masked wherever it appears.
 */
import type {
  HistoryEntry,
  HistorySummary,
  ParsedDraftRequest,
  RequestEcho,
} from '../../../shared/workbench'
import { textHead, textLength } from '../../http/body-text'
import type { HttpResponse } from '../../http/types'
import { maskToken, type Redactor } from '../../redact'
import { HISTORY_BODY_LIMIT, type HistoryStore } from '../history'
import type { Kept } from './keep'
import type { ResolvedRequest } from './resolve'
import { lastResult } from './last-result'

/** Request bodies shown in the echo are cut here. */
const ECHO_BODY_LIMIT = 64 * 1024

/** The last Bearer mask, so an unchanged token is not masked again on every call. */
let bearerMask = { token: '', masked: '' }
function maskedBearer(token: string): string {
  if (bearerMask.token !== token) bearerMask = { token, masked: `Bearer ${maskToken(token)}` }
  return bearerMask.masked
}

const contentTypeOf = (headers: Record<string, string>): string =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''

/** What was sent, masked: shown with the response and recorded in history. */
/** The last echo, reused for the same request, headers, token and redactor. */
const lastEcho = lastResult<RequestEcho>()

export function echoOf(
  resolved: ResolvedRequest,
  headers: Record<string, string>,
  accessToken: string | undefined,
  redactor: Redactor,
): RequestEcho {
  return lastEcho([resolved, headers, accessToken, redactor], () =>
    buildEcho(resolved, headers, accessToken, redactor),
  )
}

function buildEcho(
  resolved: ResolvedRequest,
  headers: Record<string, string>,
  accessToken: string | undefined,
  redactor: Redactor,
): RequestEcho {
  const shown = redactor.headers(headers)
  if (accessToken) shown['Authorization'] = maskedBearer(accessToken)
  const echo: RequestEcho = {
    method: resolved.method,
    url: redactor.url(resolved.url),
    headers: shown,
  }
  if (resolved.body !== undefined) {
    echo.body = redactor.body(resolved.body, contentTypeOf(headers), {
      pretty: true,
      limit: ECHO_BODY_LIMIT,
    })
  }
  return echo
}

/** The draft as written, masked (it is kept so the entry can be re-opened or sent again). */
export function maskDraft(draft: ParsedDraftRequest, redactor: Redactor): ParsedDraftRequest {
  const masked: ParsedDraftRequest = {
    ...draft,
    url: redactor.url(draft.url),
    query: redactor.rows(draft.query, 'query'),
    headers: redactor.rows(draft.headers, 'header'),
  }
  const body = draft.body
  if (body) {
    masked.body = { ...body }
    if (body.text)
      masked.body.text = redactor.body(
        body.text,
        body.kind === 'json' ? 'application/json' : 'text/plain',
      )
    if (body.fields) masked.body.fields = redactor.rows(body.fields, 'form')
  }
  return masked
}

/** What a finished exchange adds to its history entry. */
export interface Answer {
  response: HttpResponse
  kept: Kept
  retried: boolean
  notes: string[]
  warnings: string[]
}

/**
 * What the entry keeps of the answer until it is written: a large body cut (and copied, since a
 * slice would keep the whole string alive), binary bytes dropped, so a pending entry never
 * holds a big response.
 */
function retained(answer: Answer): Answer & { cut: boolean } {
  const r = answer.response
  const binary = answer.kept.kind === 'binary'
  const cut = !binary && textLength(r) > HISTORY_BODY_LIMIT
  const bodyText = binary ? '' : cut ? structuredClone(textHead(r, HISTORY_BODY_LIMIT)) : r.bodyText
  const response: HttpResponse = {
    status: r.status,
    statusText: r.statusText,
    headers: r.headers,
    bodyText,
    durationMs: r.durationMs,
    ttfbMs: r.ttfbMs,
  }
  return { ...answer, response, cut }
}

/** The response part of an entry: headers masked, the body (cut at 256 KB) masked whatever its type. */
function recordedResponse(
  answer: Answer & { cut: boolean },
  redactor: Redactor,
): HistoryEntry['response'] {
  const { response: r, kept, cut } = answer
  const binary = kept.kind === 'binary'
  const notes = answer.notes.map((n) => redactor.text(n))
  if (cut) notes.push(`Body cut at 256 KB for history (full size ${kept.size} bytes).`)
  if (binary) notes.push('Binary body not kept in history.')
  const recorded: NonNullable<HistoryEntry['response']> = {
    status: r.status,
    statusText: redactor.text(r.statusText),
    headers: redactor.headers(r.headers),
    contentType: redactor.text(kept.contentType),
    kind: kept.kind,
    size: kept.size,
    retried: answer.retried,
    notes,
    warnings: answer.warnings.map((w) => redactor.text(w)),
    bodyTruncated: cut,
  }
  if (r.bodyText !== '') recorded.body = redactor.body(r.bodyText, kept.contentType)
  return recorded
}

export interface Attempt {
  id: string
  at: number
  durationMs: number
  draft: ParsedDraftRequest
  resolved: ResolvedRequest
  echo: RequestEcho
  redactor: Redactor
  error?: string
  /** The user cancelled it: listed as cancelled, not failed. */
  cancelled?: boolean
  answer?: Answer
}

/**
 * Appends the entry. Its summary is listed at once; masking the bodies and serializing wait for
 * the history's batched write, off this request's path.
 */
export function record(history: HistoryStore, attempt: Attempt): string {
  const { resolved, echo, redactor } = attempt
  const answer = attempt.answer && retained(attempt.answer)
  const summary: HistorySummary = {
    id: attempt.id,
    at: attempt.at,
    profileId: attempt.draft.profileId,
    method: resolved.method,
    url: echo.url,
    durationMs: Math.round(attempt.durationMs * 10) / 10,
  }
  if (resolved.endpoint) {
    summary.endpointId = resolved.endpoint.id
    summary.endpointName = resolved.endpoint.name
  }
  if (attempt.error) summary.error = redactor.message(attempt.error)
  if (attempt.cancelled) summary.cancelled = true
  if (answer) summary.status = answer.response.status
  // The history takes ownership of `summary` (it adds its own fields): the line uses a copy,
  // and the closure holds only what it needs (not the attempt, whose response may be large).
  const fields = { ...summary }
  const draft = attempt.draft
  history.appendLazy(summary, () => {
    const entry: HistoryEntry = { ...fields, draft: maskDraft(draft, redactor), request: echo }
    if (answer) entry.response = recordedResponse(answer, redactor)
    // Every part above went through the redactor (by name and by value): no second pass over
    // the whole line (it cost as much as the rest of the record).
    return JSON.stringify(entry)
  })
  return attempt.id
}
