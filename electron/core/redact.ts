/**
 * The one redaction module: everything that leaves the core towards people (UI, history, traces,
 * snippets, CLI output) is masked here. Two rules, applied together in one pass per part:
 *
 * - by NAME: values of fields, query/form parameters and headers named like a secret
 *   (`SECRET_FIELD_NAMES`, one list for every content type);
 * - by VALUE: every secret value the app knows (API secrets, passwords, access and refresh
 *   tokens of every profile, secret variables), and its URL- and JSON-encoded forms, wherever it
 *   appears, whatever the field is called or the content type is.
 *
 * Nothing here throws on malformed input (a literal `%`, `%ZZ`, a cut JSON body): masking must
 * never be the reason a request fails or a login breaks.
 */
import type { FlowTrace, TraceStep } from '../shared/auth'

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

const ALREADY_MASKED_BASIC = /^\s*Basic base64\([^:()]*:••••[^()•]{0,4}\)\s*$/

/** `Basic base64(KEY:SECRET)` → `Basic base64(KEY:••••)`: shows which API key, never the secret. */
export function maskBasicHeader(header: string): string {
  // Already masked (a trace is masked by name, then by value): leave it as it is.
  if (ALREADY_MASKED_BASIC.test(header)) return header.trim()
  const m = /^\s*Basic\s+(\S+)\s*$/i.exec(header)
  if (!m?.[1]) return maskAuthorization(header)
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
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

// ---- secret names ---------------------------------------------------------------------------

/**
 * THE list of secret field names, for JSON fields, form fields, query parameters and headers.
 * Compared case-insensitively, ignoring `-`/`_` and an `x-` prefix (`X-Api-Key` is `api_key`).
 * Token-like ones keep their type prefix when masked.
 */
export const SECRET_FIELD_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'api_secret',
  'secret',
  'password',
  'code',
  'code_verifier',
  'api_key',
] as const

const canonical = (name: string): string => name.replace(/[-_]/g, '')
const TOKEN_NAMES = new Set(SECRET_FIELD_NAMES.filter((n) => n.endsWith('token')).map(canonical))
const SECRET_NAMES = new Set(SECRET_FIELD_NAMES.map(canonical))
/** Header names that are credentials by nature, or contain a secret word, are masked whole. */
const SECRET_HEADER_WORD = /token|secret|password|apikey|cookie/

/** The name as compared: lower case, no `x-` prefix, no `-` or `_`. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase()
  return canonical(lower.startsWith('x-') ? lower.slice(2) : lower)
}

export const isSecretName = (name: string): boolean => SECRET_NAMES.has(normalizeName(name))

/** A field value masked for its name, or undefined when the name is not a secret one. */
function maskForName(name: string, value: string): string | undefined {
  const n = normalizeName(name)
  if (TOKEN_NAMES.has(n)) return maskToken(value)
  if (SECRET_NAMES.has(n)) return maskSecret(value)
  return undefined
}

function maskHeaderValue(name: string, value: string): string {
  const n = normalizeName(name)
  if (n === 'authorization' || n === 'proxyauthorization') return maskAuthorization(value)
  if (SECRET_HEADER_WORD.test(n) || SECRET_NAMES.has(n)) {
    return TOKEN_NAMES.has(n) ? maskToken(value) : maskSecret(value)
  }
  return value
}

/** `decodeURIComponent` that never throws: a malformed escape (`%ZZ`, `100%`) is kept as typed. */
export function safeDecode(text: string): string {
  const plus = text.replace(/\+/g, ' ')
  if (!plus.includes('%')) return plus
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}

/** `a=1&password=…`: secret-named fields masked, the rest left exactly as written. */
function maskFormFields(body: string): string {
  if (!body.includes('=')) return body
  return body
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const masked = maskForName(safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1)))
      return masked === undefined ? pair : `${pair.slice(0, eq)}=${masked}`
    })
    .join('&')
}

/** `"name": "value"` pairs whose name is a secret one, matched on the text (cut bodies work). */
const SECRET_JSON_FIELD = new RegExp(
  `("(?:x[-_])?(?:${SECRET_FIELD_NAMES.map((n) => n.replace(/_/g, '[-_]?')).join('|')})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`,
  'gi',
)

function maskJsonFields(text: string): string {
  if (!text.includes('"')) return text
  return text.replace(SECRET_JSON_FIELD, (_, head: string, value: string, tail: string) => {
    const name = head.slice(1, head.indexOf('"', 1))
    return `${head}${maskForName(name, value) ?? value}${tail}`
  })
}

/** A URL with secret query/fragment parameters and the userinfo password masked. */
function maskUrlFields(url: string): string {
  const q = url.indexOf('?')
  const h = url.indexOf('#')
  const baseEnd = q >= 0 ? q : h >= 0 ? h : url.length
  const base = maskUserinfo(url.slice(0, baseEnd))
  const query = q >= 0 ? url.slice(q + 1, h > q ? h : url.length) : undefined
  const fragment = h >= 0 ? url.slice(h + 1) : undefined
  return (
    base +
    (query !== undefined ? `?${maskFormFields(query)}` : '') +
    (fragment !== undefined ? `#${maskFormFields(fragment)}` : '')
  )
}

/** `https://user:pass@host` → `https://user:••••@host`, anywhere in a text (error messages too). */
export const maskUserinfo = (text: string): string =>
  text.includes('@')
    ? text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):([^/@\s]*)@/gi, `$1:${DOTS}@`)
    : text

const looksJson = (ct: string, body: string): boolean =>
  /[/+]json\b/.test(ct) || (ct === '' && /^\s*[[{]/.test(body))

export interface BodyOptions {
  /** Pretty-print a JSON body that parses (bodies up to `limit`). */
  pretty?: boolean
  /** Longer bodies are cut here, with a note of the full length. */
  limit?: number
}

function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

const clip = (s: string, limit: number | undefined): string =>
  limit !== undefined && s.length > limit ? `${s.slice(0, limit)}… (${s.length} characters)` : s

// ---- secret values --------------------------------------------------------------------------

/** Shorter values would mask ordinary words; the name rule still covers them. */
const MIN_SECRET_LENGTH = 6

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Tokens keep their short type prefix (`tpr-••••1234`); other secrets show no part of their start. */
const maskValue = (v: string): string =>
  /^[A-Za-z]{2,3}[-_.]/.test(v) ? maskToken(v) : maskSecret(v)

/** The forms a value takes in a URL, a form body or a JSON string. */
function encodings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])
  forms.add(new URLSearchParams({ v: value }).toString().slice(2))
  return [...forms]
}

/** Masks what it was built from, wherever it appears, in one scan per text. */
export interface Redactor {
  /** Every known secret value (and its encodings) replaced by its mask. */
  text(text: string): string
  /** An error message: known values and any URL userinfo password masked. */
  message(text: string): string
  url(url: string): string
  headers(headers: Record<string, string> | undefined): Record<string, string>
  /** A body of any content type: form and JSON fields by name, then known values. */
  body(body: string, contentType?: string, options?: BodyOptions): string
  /** Draft rows (query, header, form): by name, then known values; `{{variables}}` left alone. */
  rows<T extends { name: string; value: string }>(rows: T[], kind: 'header' | 'query' | 'form'): T[]
  /** A token flow trace: every step's URL, headers, bodies and error masked. */
  trace(trace: FlowTrace): FlowTrace
  /** A JSON-like value (a parsed token response) with secret-named fields and known values masked. */
  value<T>(value: T): T
  /** This redactor plus more secret values; the same object when they add nothing. */
  with(values: Iterable<string | undefined | null>): Redactor
}

class ValueRedactor implements Redactor {
  private readonly known: Set<string>
  private readonly pattern: RegExp | null
  private readonly masks = new Map<string, string>()
  private extended: { key: string; redactor: Redactor } | undefined

  constructor(values: Iterable<string | undefined | null>) {
    this.known = new Set()
    for (const v of values) if (v && v.length >= MIN_SECRET_LENGTH) this.known.add(v)
    const forms: string[] = []
    for (const v of this.known) {
      for (const form of encodings(v)) {
        if (!this.masks.has(form)) this.masks.set(form, maskValue(v))
        forms.push(form)
      }
    }
    // Longest first, so a value is replaced before a shorter one it contains.
    forms.sort((a, b) => b.length - a.length)
    this.pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null
  }

  text(text: string): string {
    if (!this.pattern || text.length < MIN_SECRET_LENGTH) return text
    this.pattern.lastIndex = 0
    if (!this.pattern.test(text)) return text
    return text.replace(this.pattern, (m) => this.masks.get(m) ?? DOTS)
  }

  message(text: string): string {
    return this.text(maskUserinfo(text))
  }

  url(url: string): string {
    return this.text(maskUrlFields(url))
  }

  headers(headers: Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(headers ?? {})) {
      out[name] = this.text(maskHeaderValue(name, value))
    }
    return out
  }

  body(body: string, contentType = '', options: BodyOptions = {}): string {
    if (body === '') return body
    const ct = contentType.toLowerCase()
    let out: string
    if (ct.includes('x-www-form-urlencoded')) out = maskFormFields(clip(body, options.limit))
    else if (looksJson(ct, body)) {
      const fits = options.limit === undefined || body.length <= options.limit
      const shown = options.pretty && fits ? prettyJson(body) : clip(body, options.limit)
      out = maskJsonFields(shown)
    } else out = clip(body, options.limit)
    return this.text(out)
  }

  rows<T extends { name: string; value: string }>(
    rows: T[],
    kind: 'header' | 'query' | 'form',
  ): T[] {
    return rows.map((row) => {
      if (!row.value || row.value.includes('{{')) return row
      const byName =
        kind === 'header' ? maskHeaderValue(row.name, row.value) : maskForName(row.name, row.value)
      const value = this.text(byName ?? row.value)
      return value === row.value ? row : { ...row, value }
    })
  }

  trace(trace: FlowTrace): FlowTrace {
    const out: FlowTrace = { ...trace, steps: trace.steps.map((s) => this.step(s)) }
    if (trace.error !== undefined) out.error = this.text(trace.error)
    return out
  }

  private step(step: TraceStep): TraceStep {
    const { request, response } = step
    const out: TraceStep = {
      ...step,
      request: {
        method: request.method,
        url: this.url(request.url),
        headers: this.headers(request.headers),
      },
    }
    const requestType = contentTypeOf(request.headers)
    if (request.body !== undefined) out.request.body = this.body(request.body, requestType)
    if (response) {
      out.response = { status: response.status, headers: this.headers(response.headers) }
      if (response.body !== undefined) {
        out.response.body = this.body(response.body, contentTypeOf(response.headers))
      }
    }
    if (step.error !== undefined) out.error = this.text(step.error)
    return out
  }

  value<T>(value: T): T {
    return this.walk(value, 0) as T
  }

  /** Depth-limited: a hostile, deeply nested value is cut rather than overflowing the stack. */
  private walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return this.text(v)
    if (!v || typeof v !== 'object') return v
    if (depth > 64) return '[nested too deep]'
    if (Array.isArray(v)) return v.map((x) => this.walk(x, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
      const byName = typeof inner === 'string' ? maskForName(k, inner) : undefined
      out[k] = byName ?? this.walk(inner, depth + 1)
    }
    return out
  }

  with(values: Iterable<string | undefined | null>): Redactor {
    const added = [...values].filter(
      (v): v is string => !!v && v.length >= MIN_SECRET_LENGTH && !this.known.has(v),
    )
    if (!added.length) return this
    const key = added.join('\n')
    if (this.extended?.key !== key) {
      this.extended = { key, redactor: new ValueRedactor([...this.known, ...added]) }
    }
    return this.extended.redactor
  }
}

const contentTypeOf = (headers: Record<string, string>): string =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''

/** A redactor that knows `values` (secrets shorter than 6 characters are masked by name only). */
export function createRedactor(values: Iterable<string | undefined | null> = []): Redactor {
  return new ValueRedactor(values)
}

/** Masking by name only: for places that hold no secret values (token flows, the CLI's own). */
export const byName: Redactor = createRedactor()
