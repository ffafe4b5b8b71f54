import { classifyFetchError, HttpError } from './http-error'
import { withLazyBodyText } from './body-text'
import { readText } from './read-text'
import { DEFAULT_TIMEOUT_MS } from './types'
import type { FetchLike, HttpRequest, HttpResponse } from './types'

const TEXTUAL_APPLICATION =
  /^application\/(?:[\w.+-]*\+)?(?:json|xml|x-www-form-urlencoded|javascript)\b/

/** Text bodies are read as text; anything else as bytes. A plain check: it runs on every response. */
function isTextual(contentType: string): boolean {
  const ct = contentType.trim().toLowerCase()
  return (
    ct === '' ||
    ct.startsWith('text/') ||
    (ct.startsWith('application/') && TEXTUAL_APPLICATION.test(ct))
  )
}

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = value
  })
  return out
}

/**
 * Sends one HTTP request with a timeout and optional cancellation, reading the whole body.
 * Any status is a result; only the absence of a response throws (an HttpError).
 */
export async function sendRequest(fetch: FetchLike, req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // One signal carries both the caller's cancel and the timeout; its reason tells them apart.
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
  const started = performance.now()
  const fail = (err: unknown): HttpError => {
    if (timeout.aborted && !req.signal?.aborted) {
      return new HttpError(
        'timeout',
        `No complete response from ${safeHost(req.url)} within ${formatMs(timeoutMs)}; the request was abandoned.`,
        err,
      )
    }
    if (req.signal?.aborted) return new HttpError('aborted', 'The request was cancelled.', err)
    return err instanceof HttpError ? err : classifyFetchError(err, req.url)
  }
  let response: Response
  try {
    response = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as RequestInit['body'],
      signal,
      redirect: req.redirect ?? 'follow',
    })
  } catch (err) {
    throw fail(err)
  }
  const ttfbMs = performance.now() - started
  try {
    // Not a spread: that would read (and so join) the lazy body text.
    return Object.assign(await readBody(response), {
      durationMs: performance.now() - started,
      ttfbMs,
    })
  } catch (err) {
    throw fail(err)
  }
}

/**
 * Status, headers and the whole body: text pieces for textual types, bytes otherwise. The joined
 * (or decoded) `bodyText` is made only when read.
 */
async function readBody(response: Response): Promise<Omit<HttpResponse, 'durationMs' | 'ttfbMs'>> {
  const headers = headersToRecord(response.headers)
  const head = { status: response.status, statusText: response.statusText, headers }
  if (isTextual(headers['content-type'] ?? '')) {
    const { pieces, bytes } = await readText(response)
    const join = () => (pieces.length === 1 ? pieces[0]! : pieces.join(''))
    return withLazyBodyText({ ...head, bodyPieces: pieces, bodySize: bytes }, join)
  }
  const bodyBytes = new Uint8Array(await response.arrayBuffer())
  const decode = () => new TextDecoder().decode(bodyBytes)
  return withLazyBodyText({ ...head, bodyBytes, bodySize: bodyBytes.length }, decode)
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`
}
