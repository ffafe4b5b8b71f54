/** Masking for everything that leaves the core towards people: UI, traces, logs, CLI output. */

const DOTS = '••••'

/** `tpa-abcdef…3f9a` → `tpa-••••3f9a`: keeps a short type prefix and the last four characters. */
export function maskToken(token: string | undefined | null): string {
  if (!token) return ''
  const prefix = /^[A-Za-z]{2,5}[-_.]/.exec(token)?.[0] ?? ''
  const rest = token.slice(prefix.length)
  return rest.length >= 12 ? `${prefix}${DOTS}${rest.slice(-4)}` : `${prefix}${DOTS}`
}

/** `••••3f9a`; short secrets show nothing of themselves. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return ''
  return secret.length >= 12 ? `${DOTS}${secret.slice(-4)}` : DOTS
}

/** `Basic base64(KEY:SECRET)` → `Basic base64(KEY:••••)`: shows which API key, never the secret. */
export function maskBasicHeader(header: string): string {
  const m = /^\s*Basic\s+(\S+)\s*$/i.exec(header)
  if (!m?.[1]) return maskAuthorization(header)
  let decoded: string
  try {
    decoded = Buffer.from(m[1], 'base64').toString('utf8')
  } catch {
    return `Basic ${DOTS}`
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) return `Basic ${DOTS}`
  return `Basic base64(${decoded.slice(0, colon)}:${maskSecret(decoded.slice(colon + 1))})`
}

/** Any Authorization value: Basic shows its key, Bearer its masked token, others the scheme only. */
export function maskAuthorization(value: string): string {
  const m = /^\s*(\S+)\s+(.+)$/.exec(value)
  if (!m?.[1] || !m[2]) return maskSecret(value)
  const scheme = m[1]
  if (/^basic$/i.test(scheme)) return maskBasicHeader(value)
  if (/^bearer$/i.test(scheme)) return `${scheme} ${maskToken(m[2].trim())}`
  return `${scheme} ${maskSecret(m[2].trim())}`
}

const SECRET_HEADER = /authorization|cookie|secret|token|password|api-?key-?secret/i

export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase()
    if (lower === 'authorization' || lower === 'proxy-authorization')
      out[name] = maskAuthorization(value)
    else if (SECRET_HEADER.test(lower)) out[name] = maskSecret(value)
    else out[name] = value
  }
  return out
}

/** Keys whose values are tokens (masked keeping prefix) or other secrets (masked fully). */
const TOKEN_KEYS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
])
const SECRET_KEYS = new Set([
  'client_secret',
  'clientsecret',
  'apisecret',
  'api_secret',
  'secret',
  'password',
  'code',
  'code_verifier',
  'codeverifier',
])

function maskValueFor(key: string, value: string): string | undefined {
  const k = key.toLowerCase()
  if (TOKEN_KEYS.has(k)) return maskToken(value)
  if (SECRET_KEYS.has(k)) return maskSecret(value)
  return undefined
}

/** Deep copy of a JSON-like value with token and secret fields masked. */
export function redactObject<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
        const masked = typeof inner === 'string' ? maskValueFor(k, inner) : undefined
        out[k] = masked ?? walk(inner)
      }
      return out
    }
    return v
  }
  return walk(value) as T
}

/** `grant_type=password&password=…` with secret fields masked; kept readable (not re-encoded). */
export function maskFormBody(body: string): string {
  return body
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const key = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '))
      const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '))
      const masked = maskValueFor(key, value)
      return masked === undefined ? pair : `${pair.slice(0, eq)}=${masked}`
    })
    .join('&')
}

/** A URL with secret query and fragment parameters (code, access_token, …) masked. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?')
  const h = url.indexOf('#')
  const base = url.slice(0, q >= 0 ? q : h >= 0 ? h : url.length)
  const query = q >= 0 ? url.slice(q + 1, h > q ? h : url.length) : undefined
  const fragment = h >= 0 ? url.slice(h + 1) : undefined
  return (
    base +
    (query !== undefined ? `?${maskFormBody(query)}` : '') +
    (fragment !== undefined ? `#${maskFormBody(fragment)}` : '')
  )
}

/** Masks a body by what it looks like: JSON (fields), form (fields), anything else clipped. */
export function maskBody(
  body: string | undefined,
  contentType?: string,
  limit = 8000,
): string | undefined {
  if (body === undefined || body === '') return body
  const ct = (contentType ?? '').toLowerCase()
  const trimmed = body.trim()
  if (ct.includes('json') || /^[[{]/.test(trimmed)) {
    try {
      return JSON.stringify(redactObject(JSON.parse(trimmed)), null, 2)
    } catch {
      // not JSON after all: fall through
    }
  }
  if (ct.includes('x-www-form-urlencoded')) return maskFormBody(body)
  return body.length > limit ? `${body.slice(0, limit)}… (${body.length} characters)` : body
}
