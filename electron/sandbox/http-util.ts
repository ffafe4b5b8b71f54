import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

/** Bodies above this get 413, as a client would expect from a real API gateway. */
export const MAX_BODY_BYTES = 1024 * 1024
/** Past this we stop draining and drop the connection instead of reading forever. */
const HARD_BODY_LIMIT = 16 * MAX_BODY_BYTES

export type ListenerRole = 'api' | 'invitations' | 'login'

export interface SandboxResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Close the connection after answering (used when a body was too large to drain). */
  closeConnection?: boolean
}

export interface SandboxRequest {
  listener: ListenerRole
  method: string
  /** Path without trailing slash (except the root). */
  path: string
  url: URL
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  /** Path parameters filled in by the router. */
  params: Record<string, string>
  /** Origin of the listener that received the request, e.g. http://127.0.0.1:41234 */
  origin: string
}

/** Thrown by handlers to answer with a ready response (validation, auth, not found). */
export class SandboxHttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`)
  }
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; size: number; drained: boolean }

/**
 * Reads a request body, keeping at most `limit` bytes. A larger body is drained (discarded)
 * so the 413 reaches the client cleanly; a huge one is cut off.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (result: BodyResult): void => {
      if (settled) return
      settled = true
      resolve(result)
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > HARD_BODY_LIMIT) {
        req.pause()
        settle({ ok: false, size, drained: false })
      }
    })
    req.on('end', () => {
      settle(
        size > limit
          ? { ok: false, size, drained: true }
          : { ok: true, body: Buffer.concat(chunks) },
      )
    })
    req.on('error', () => settle({ ok: false, size, drained: false }))
    req.on('close', () => {
      settle(
        size > limit
          ? { ok: false, size, drained: false }
          : { ok: true, body: Buffer.concat(chunks) },
      )
    })
  })
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  if (Array.isArray(value)) return value[0]
  return value
}

/** `application/json; charset=utf-8` -> `application/json` */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

export function isFormBody(headers: IncomingHttpHeaders): boolean {
  return mediaType(headers) === 'application/x-www-form-urlencoded'
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json')
}

/**
 * Parses a form body; repeated fields keep their first value. Never throws. The result has no
 * prototype, so `constructor` or `toString` are present only when the body sends them.
 */
export function parseForm(body: Buffer): Record<string, string> {
  const out = Object.create(null) as Record<string, string>
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    if (!Object.hasOwn(out, key)) out[key] = value
  }
  return out
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string }

export function parseJson(body: Buffer): JsonParse {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// ---- responders -------------------------------------------------------------------------

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  }
}

export function text(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body }
}

export function html(status: number, body: string): SandboxResponse {
  return text(status, body, 'text/html; charset=utf-8', { 'cache-control': 'no-store' })
}

export function empty(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers, body: '' }
}

export function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' }
}

/** `{error, error_description}`: the OAuth error shape of the token endpoints. */
export function oauthError(status: number, error: string, description: string): SandboxResponse {
  return json(status, { error, error_description: description }, { 'cache-control': 'no-store' })
}

/** `{message, details}`: Trustpilot's validation / not-found shape. */
export function messageError(status: number, message: string, details?: unknown): SandboxResponse {
  return json(status, { message, details: details ?? message })
}

/** `{fault: {faultstring, detail: {errorcode}}}`: the API gateway's auth error shape. */
export function faultError(
  status: number,
  faultstring: string,
  errorcode: string,
): SandboxResponse {
  return json(status, { fault: { faultstring, detail: { errorcode } } })
}

export function fail(response: SandboxResponse): never {
  throw new SandboxHttpError(response)
}

export function writeResponse(res: ServerResponse, response: SandboxResponse): void {
  if (res.headersSent || res.destroyed) return
  const body = Buffer.from(response.body, 'utf8')
  const headers: Record<string, string | number> = {
    ...response.headers,
    'content-length': body.length,
  }
  if (response.closeConnection) headers['connection'] = 'close'
  try {
    res.writeHead(response.status, headers)
  } catch {
    // An unusable header (e.g. from an injected fault) must not take the server down.
    if (res.headersSent) return void res.destroy()
    const fallback = Buffer.from(
      JSON.stringify({ message: 'Internal sandbox error', details: 'Invalid response header' }),
    )
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': fallback.length })
    return void res.end(fallback)
  }
  res.end(body)
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
