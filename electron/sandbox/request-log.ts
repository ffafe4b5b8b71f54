/**
 * The log of requests the sandbox received, for tests and demos. Secrets are masked
 * before they are stored: the Authorization value, and token/secret/password/code fields
 * in bodies and query strings.
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
        SECRET_KEYS.has(key.toLowerCase()) && v !== null && v !== undefined
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
    else if (name === 'cookie') out[name] = '••••'
    else out[name] = value
  }
  return out
}

function redactQuery(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key).map((v) => (SECRET_KEYS.has(key.toLowerCase()) ? mask(v) : v))
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

export class RequestLog {
  private list: LogEntry[] = []
  private seq = 0

  record(req: SandboxRequest, status: number, time: string, extras: LogExtras = {}): LogEntry {
    const entry: LogEntry = {
      seq: ++this.seq,
      time,
      listener: req.listener,
      method: req.method,
      path: req.path,
      query: redactQuery(req.query),
      status,
      ...extras,
      headers: redactHeaders(req),
      body: redactBody(req),
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
