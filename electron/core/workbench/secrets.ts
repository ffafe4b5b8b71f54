/**
 * Masking for what the workbench echoes and records: core's mask helpers, plus the `apikey`
 * header and query parameter, JSON text that cannot be re-parsed (a cut body), and the literal
 * values of the profile's current secrets wherever they appear.
 */
import {
  maskBody,
  maskFormBody,
  maskHeaders,
  maskSecret,
  maskToken,
  maskUrl,
  redactObject,
} from '../mask'

/** Header, query and form names that carry the API key. */
export const API_KEY_NAME = /^(x-)?api-?key$/i

export function maskRequestHeaders(headers: Record<string, string>): Record<string, string> {
  const out = maskHeaders(headers)
  for (const name of Object.keys(out)) {
    if (API_KEY_NAME.test(name)) out[name] = maskSecret(out[name])
  }
  return out
}

/** maskUrl plus `apikey=` (discouraged, but people do it). */
export function maskRequestUrl(url: string): string {
  const q = url.search(/[?#]/)
  // Only parameters named like a secret are masked: most URLs have none.
  if (q < 0 || !/token|secret|password|code|key/i.test(url.slice(q))) return url
  const masked = maskUrl(url)
  if (!/[?&#](x-)?api-?key=/i.test(masked)) return masked
  return masked.replace(/([?&#](?:x-)?api-?key=)([^&#]*)/gi, (_, key: string, value: string) => {
    let plain = value
    try {
      plain = decodeURIComponent(value)
    } catch {
      // keep as is
    }
    return `${key}${maskSecret(plain)}`
  })
}

const TOKEN_FIELD =
  /("(?:access_?token|refresh_?token|id_?token|token|client_?secret|api_?secret|secret|password|code_?verifier)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi

/** Masks secret-named string fields in JSON text without parsing it (works on cut bodies). */
export function maskJsonText(text: string): string {
  if (!text.includes('"')) return text
  return text.replace(TOKEN_FIELD, (_, head: string, value: string, tail: string) => {
    const key = head.slice(1, head.indexOf('"', 1)).toLowerCase().replace(/_/g, '')
    const masked = key.includes('token') ? maskToken(value) : maskSecret(value)
    return `${head}${masked}${tail}`
  })
}

/** Replaces every occurrence of a known secret value (token, API secret, password) with its mask. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) {
    if (s.length >= 6 && out.includes(s)) out = out.split(s).join(maskToken(s))
  }
  return out
}

/** A request body for display: secret fields masked by shape (JSON, form, else as is). */
export function maskRequestBody(
  body: string,
  contentType: string | undefined,
  limit = 64 * 1024,
): string {
  const ct = (contentType ?? '').toLowerCase()
  if (ct.includes('x-www-form-urlencoded')) return maskFormBody(body)
  if (ct.includes('json') || /^\s*[[{]/.test(body)) {
    if (body.length <= limit) {
      try {
        return JSON.stringify(redactObject(JSON.parse(body)), null, 2)
      } catch {
        // not JSON: fall through
      }
    }
    return maskJsonText(clip(body, limit))
  }
  return maskBody(clip(body, limit), contentType, limit) ?? ''
}

const clip = (s: string, limit: number): string =>
  s.length > limit ? `${s.slice(0, limit)}… (${s.length} characters)` : s

/** Header rows (name/value) of a draft with secret-looking values masked. */
export function maskRows<T extends { name: string; value: string }>(
  rows: T[],
  kind: 'header' | 'query' | 'form',
): T[] {
  return rows.map((row) => {
    if (!row.value || row.value.includes('{{')) return row
    let value = row.value
    if (kind === 'header') {
      value = maskRequestHeaders({ [row.name]: row.value })[row.name] ?? ''
    } else {
      const masked = maskFormBody(
        `${encodeURIComponent(row.name)}=${encodeURIComponent(row.value)}`,
      )
      const lower = row.name.toLowerCase()
      if (API_KEY_NAME.test(lower)) value = maskSecret(row.value)
      else if (!masked.endsWith(`=${encodeURIComponent(row.value)}`)) {
        value = masked.slice(masked.indexOf('=') + 1)
      }
    }
    return value === row.value ? row : { ...row, value }
  })
}
