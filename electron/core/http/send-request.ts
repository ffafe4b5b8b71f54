import { classifyFetchError, HttpError } from './http-error'
import { readText } from './read-text'
import { DEFAULT_TIMEOUT_MS } from './types'
import type { FetchLike, HttpRequest, HttpResponse } from './types'

const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript)|$)/i

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
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = () => controller.abort()
  if (req.signal) {
    if (req.signal.aborted) controller.abort()
    else req.signal.addEventListener('abort', onAbort, { once: true })
  }
  const started = performance.now()
  const fail = (err: unknown): HttpError => {
    if (timedOut) {
      return new HttpError(
        'timeout',
        `No complete response from ${safeHost(req.url)} within ${formatMs(timeoutMs)}; the request was abandoned.`,
        err,
      )
    }
    if (req.signal?.aborted) return new HttpError('aborted', 'The request was cancelled.', err)
    return err instanceof HttpError ? err : classifyFetchError(err, req.url)
  }
  try {
    let response: Response
    try {
      response = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body as RequestInit['body'],
        signal: controller.signal,
        redirect: req.redirect ?? 'follow',
      })
    } catch (err) {
      throw fail(err)
    }
    const ttfbMs = performance.now() - started
    const headers = headersToRecord(response.headers)
    const textual = TEXTUAL.test((headers['content-type'] ?? '').trim())
    let bodyText: string
    let bytes: Uint8Array | undefined
    try {
      if (textual) bodyText = await readText(response)
      else {
        bytes = new Uint8Array(await response.arrayBuffer())
        bodyText = new TextDecoder().decode(bytes)
      }
    } catch (err) {
      throw fail(err)
    }
    const result: HttpResponse = {
      status: response.status,
      statusText: response.statusText,
      headers,
      bodyText,
      durationMs: performance.now() - started,
      ttfbMs,
    }
    if (bytes) result.bodyBytes = bytes
    return result
  } finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', onAbort)
  }
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
