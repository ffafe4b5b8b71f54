export type ErrorShape =
  'fault' | 'ErrorCode' | 'oauth' | 'message' | 'html' | 'empty' | 'text' | 'json'

export interface ErrorDescription {
  /** One line for people, starting with the status, e.g. `401 Unauthorized: Invalid access token`. */
  message: string
  /** Machine-readable code from the body when it has one (`oauth.v2.InvalidAccessToken`, `invalid_grant`). */
  code?: string
  shape: ErrorShape
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function statusLine(status: number): string {
  const reason = REASONS[status]
  return reason ? `${status} ${reason}` : `HTTP ${status}`
}

const clip = (s: string, n = 200) => {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > n ? `${one.slice(0, n)}…` : one
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined

function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)
  return m?.[1] ? clip(m[1].replace(/<[^>]+>/g, ''), 120) : undefined
}

/** Explains a non-2xx response from any of the error-body shapes Trustpilot (and OAuth servers) use. */
export function describeErrorResponse(
  status: number,
  contentType: string | undefined,
  bodyText: string,
): ErrorDescription {
  const head = statusLine(status)
  const ct = (contentType ?? '').toLowerCase()
  const trimmed = bodyText.trim()
  if (trimmed === '') return { shape: 'empty', message: `${head} (empty body)` }

  if (ct.includes('html') || /^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = htmlTitle(trimmed)
    return {
      shape: 'html',
      message: `${head}: the server answered with an HTML page${title ? ` ("${title}")` : ''}, not an API response; often a CDN, proxy or wrong URL`,
    }
  }

  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    const claimsJson = ct.includes('json')
    return {
      shape: 'text',
      message: claimsJson
        ? `${head}: the body claims to be JSON but cannot be parsed: ${clip(trimmed, 120)}`
        : `${head}: ${clip(trimmed)}`,
    }
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>
    const fault = o.fault as { faultstring?: unknown; detail?: { errorcode?: unknown } } | undefined
    if (fault && typeof fault === 'object') {
      const code = str(fault.detail?.errorcode)
      const text = str(fault.faultstring) ?? 'fault'
      return { shape: 'fault', message: `${head}: ${text}${code ? ` (${code})` : ''}`, code }
    }
    if ('ErrorCode' in o || 'Error' in o) {
      const code = str(o.ErrorCode)
      const text = str(o.Error) ?? str(o.Message) ?? 'error'
      return { shape: 'ErrorCode', message: `${head}: ${text}${code ? ` (${code})` : ''}`, code }
    }
    const oauthError = str(o.error)
    if (oauthError) {
      const desc = str(o.error_description)
      return {
        shape: 'oauth',
        message: `${head}: ${desc ? `${desc} (${oauthError})` : oauthError}`,
        code: oauthError,
      }
    }
    const msg = str(o.message) ?? str(o.Message)
    if (msg) {
      const details = o.details ?? o.Details
      const detailText =
        details === undefined || details === null
          ? ''
          : ` (${clip(typeof details === 'string' ? details : JSON.stringify(details), 160)})`
      const code = str(o.code) ?? str(o.errorCode)
      return { shape: 'message', message: `${head}: ${msg}${detailText}`, code }
    }
  }
  return { shape: 'json', message: `${head}: ${clip(JSON.stringify(json), 160)}` }
}

/**
 * True when a 401, or a 403 whose body blames the token (invalid/expired access token),
 * means "get a token and retry once". A 403 for missing permission or plan is not.
 */
export function isTokenRejection(status: number, description: ErrorDescription): boolean {
  if (status === 401) return true
  if (status !== 403) return false
  const text = `${description.code ?? ''} ${description.message}`
  return /token/i.test(text) && !/api ?key/i.test(description.code ?? '')
}
