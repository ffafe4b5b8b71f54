/**
 * The log of requests the sandbox received, for tests and demos. Secrets are masked
 * before they are stored: the Authorization value; fields, parameters and headers whose
 * names say secret, password or token; and, whatever the field is called, every secret value
 * the sandbox knows (its API secret and password, the tokens and codes it issued, anything
 * shaped like a `tpa-`/`tpr-` token), raw, URL-encoded or inside a Basic credential.
 */
import type { ListenerRole, SandboxRequest } from './http-util'
import { isJsonMediaType, isFormBody, mediaType, parseForm, parseJson } from './http-util'

export const MAX_LOG_ENTRIES = 1000

export interface LogEntry {
  seq: number
  time: string
  listener: ListenerRole
  method: string
  path: string
  query: Record<string, string | string[]>
  status: number
  grantType?: string
  clientId?: string
  fault?: boolean
  headers: Record<string, string>
  body: unknown
}

const SECRET_KEYS = new Set([
  'password',
  'client_secret',
  'clientsecret',
  'secret',
  'apisecret',
  'api_secret',
  'token',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'code',
  'authorization',
])

/** Names that say "this is a secret", whatever their exact spelling. */
const SECRET_NAME = /secret|passw|token|authoriz|cookie/i
const TOKEN_SHAPE = /\btp[ar]-[A-Za-z0-9]{8,}/g

function isSecretName(name: string): boolean {
  return SECRET_KEYS.has(name.toLowerCase()) || SECRET_NAME.test(name)
}

/** `••••` plus at most the last 4 characters, only for values long enough to hide the rest. */
export function mask(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••'
}

function maskAuthorization(value: string): string {
  const space = value.indexOf(' ')
  if (space < 0) return '••••'
  const scheme = value.slice(0, space)
  // A Basic value is base64(key:secret): showing any of it would leak part of the secret.
  return scheme.toLowerCase() === 'basic'
    ? `${scheme} ••••`
    : `${scheme} ${mask(value.slice(space + 1).trim())}`
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return '…'
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        isSecretName(key) && v !== null && v !== undefined
          ? mask(typeof v === 'string' ? v : JSON.stringify(v))
          : redactValue(v, depth + 1)
    }
    return out
  }
  return value
}

function redactHeaders(req: SandboxRequest): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(req.headers)) {
    if (raw === undefined) continue
    const value = Array.isArray(raw) ? raw.join(', ') : raw
    if (name === 'authorization' || name === 'proxy-authorization')
      out[name] = maskAuthorization(value)
    else if (isSecretName(name)) out[name] = mask(value)
    else out[name] = value
  }
  return out
}

function redactQuery(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key).map((v) => (isSecretName(key) ? mask(v) : v))
    out[key] = values.length === 1 ? values[0]! : values
  }
  return out
}

function redactBody(req: SandboxRequest): unknown {
  if (req.body.length === 0) return null
  if (isFormBody(req.headers)) return redactValue(parseForm(req.body))
  const type = mediaType(req.headers)
  if (isJsonMediaType(type)) {
    const parsed = parseJson(req.body)
    if (parsed.ok) return redactValue(parsed.value)
  }
  const textBody = req.body.toString('utf8')
  return textBody.length > 2000
    ? `${textBody.slice(0, 2000)}… (${req.body.length} bytes)`
    : textBody
}

export interface LogExtras {
  grantType?: string
  clientId?: string
  fault?: boolean
}

/** The forms a known secret takes on the wire: as is, URL-encoded, JSON-escaped. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    // Very short values would mask ordinary words; the sandbox's own secrets are long.
    if (secret.length < 6) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(JSON.stringify(secret).slice(1, -1))
  }
  return [...forms].sort((a, b) => b.length - a.length)
}

function scrubString(value: string, forms: readonly string[]): string {
  let out = value.replace(TOKEN_SHAPE, (token) => mask(token))
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(mask(form))
  return out
}

/** Replaces known secret values in every string of a log entry. */
function scrubKnownSecrets(value: unknown, forms: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value, forms)
  if (depth > 20) return value
  if (Array.isArray(value)) return value.map((v) => scrubKnownSecrets(v, forms, depth + 1))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scrubKnownSecrets(v, forms, depth + 1)]),
    )
  }
  return value
}

export class RequestLog {
  private list: LogEntry[] = []
  private seq = 0

  /** `knownSecrets` lists the secret values to mask wherever they appear. */
  constructor(private readonly knownSecrets: () => readonly string[] = () => []) {}

  record(req: SandboxRequest, status: number, time: string, extras: LogExtras = {}): LogEntry {
    const forms = secretForms(this.knownSecrets())
    const entry: LogEntry = {
      seq: ++this.seq,
      time,
      listener: req.listener,
      method: req.method,
      path: scrubString(req.path, forms),
      query: scrubKnownSecrets(redactQuery(req.query), forms) as LogEntry['query'],
      status,
      ...extras,
      headers: scrubKnownSecrets(redactHeaders(req), forms) as LogEntry['headers'],
      body: scrubKnownSecrets(redactBody(req), forms),
    }
    this.list.push(entry)
    if (this.list.length > MAX_LOG_ENTRIES) this.list.splice(0, this.list.length - MAX_LOG_ENTRIES)
    return entry
  }

  entries(): LogEntry[] {
    return [...this.list]
  }

  clear(): void {
    this.list = []
  }
}
