/** A `fetch`-compatible function: Node's global fetch, Electron's `net.fetch`, or a test double. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface HttpRequest {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string | Uint8Array | URLSearchParams
  /** Whole-exchange timeout (headers and body); default 30 s. */
  timeoutMs?: number
  /** Cancels the request; reported as an `aborted` HttpError. */
  signal?: AbortSignal
  /** Default `follow`; the login driver and callers inspecting redirects pass `manual`. */
  redirect?: RequestInit['redirect']
}

export interface HttpResponse {
  status: number
  statusText: string
  /** Lower-case header names; repeated headers joined with ", " (set-cookie kept as sent by fetch). */
  headers: Record<string, string>
  /**
   * The whole body as text. On a response from `sendRequest` it is made on first read (joined
   * from `bodyPieces`, or decoded from `bodyBytes`): code that handles bodies of any size reads
   * it through `./body-text` instead, which never joins a large body.
   */
  bodyText: string
  /** The text as decoded chunk by chunk, when it was read that way (see `./body-text`). */
  bodyPieces?: readonly string[]
  /** Size in bytes as received, when counted while reading. */
  bodySize?: number
  /** Present when the body is not text (images, octet-stream, ...). */
  bodyBytes?: Uint8Array
  /** Request start to end of body. */
  durationMs: number
  /** Request start to response headers. */
  ttfbMs: number
}

export const DEFAULT_TIMEOUT_MS = 30_000
