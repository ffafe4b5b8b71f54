import { classifyFetchError, HttpError } from './http-error'
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
    return { ...(await readBody(response)), durationMs: performance.now() - started, ttfbMs }
  } catch (err) {
    throw fail(err)
  }
}

/** Status, headers and the whole body: text for textual types, bytes (and a decoding) otherwise. */
async function readBody(response: Response): Promise<Omit<HttpResponse, 'durationMs' | 'ttfbMs'>> {
  const headers = headersToRecord(response.headers)
  const head = { status: response.status, statusText: response.statusText, headers }
  if (isTextual(headers['content-type'] ?? '')) {
    return { ...head, bodyText: await readText(response) }
  }
  const bodyBytes = new Uint8Array(await response.arrayBuffer())
  return { ...head, bodyText: new TextDecoder().decode(bodyBytes), bodyBytes }
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
