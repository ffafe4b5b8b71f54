/**
 * Injected failures: "make the next N token or API requests fail like this". Used by tests
 * and demos to show retries, back-off on 429 and defensive parsing of odd bodies.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http'
import { isRecord, json, text } from './http-util'
import type { SandboxResponse } from './http-util'

export type FaultTarget = 'token' | 'api' | 'any'
export type FaultKind = 'status' | 'html' | 'malformed-json' | 'delay'

export interface FaultSpec {
  target: FaultTarget
  count: number
  kind: FaultKind
  status?: number
  body?: string
  contentType?: string
  headers?: Record<string, string>
  retryAfter?: string
  delayMs?: number
}

export const MAX_FAULT_DELAY_MS = 30_000

interface QueuedFault {
  spec: FaultSpec
  remaining: number
}

export class FaultQueue {
  private queue: QueuedFault[] = []

  add(spec: FaultSpec): void {
    this.queue.push({ spec, remaining: spec.count })
  }

  /** Takes one use of the first queued fault that applies to this kind of request. */
  take(target: 'token' | 'api'): FaultSpec | null {
    const entry = this.queue.find(
      (q) => q.remaining > 0 && (q.spec.target === 'any' || q.spec.target === target),
    )
    if (!entry) return null
    entry.remaining--
    this.queue = this.queue.filter((q) => q.remaining > 0)
    return entry.spec
  }

  pending(): (FaultSpec & { remaining: number })[] {
    return this.queue.map((q) => ({ ...q.spec, remaining: q.remaining }))
  }

  clear(): void {
    this.queue = []
  }
}

export type ParsedFault = { ok: true; spec: FaultSpec } | { ok: false; details: string[] }

const TARGETS = ['token', 'api', 'any']
const KINDS = ['status', 'html', 'malformed-json', 'delay']

export function parseFaultSpec(value: unknown): ParsedFault {
  if (!isRecord(value)) return { ok: false, details: ['body must be a JSON object'] }
  const details: string[] = []
  const target = value['target'] ?? 'any'
  if (typeof target !== 'string' || !TARGETS.includes(target)) {
    details.push('target must be "token", "api" or "any"')
  }
  const kind = value['kind'] ?? 'status'
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    details.push('kind must be "status", "html", "malformed-json" or "delay"')
  }
  const count = value['count'] ?? 1
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000) {
    details.push('count must be an integer from 1 to 10000')
  }
  const status = value['status']
  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
  ) {
    details.push('status must be an integer from 200 to 599')
  }
  for (const key of ['body', 'contentType', 'retryAfter'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      details.push(`${key} must be a string`)
  }
  const headers = value['headers']
  if (
    headers !== undefined &&
    (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
  ) {
    details.push('headers must be an object of strings')
  } else if (headers !== undefined) {
    for (const [name, v] of Object.entries(headers as Record<string, string>)) {
      try {
        validateHeaderName(name)
        validateHeaderValue(name, v)
      } catch {
        details.push(`headers.${name} is not a valid HTTP header`)
      }
    }
  }
  for (const [key, header] of [
    ['retryAfter', 'retry-after'],
    ['contentType', 'content-type'],
  ] as const) {
    const v = value[key]
    if (typeof v !== 'string') continue
    try {
      validateHeaderValue(header, v)
    } catch {
      details.push(`${key} is not a valid header value`)
    }
  }
  const delayMs = value['delayMs']
  if (
    delayMs !== undefined &&
    (typeof delayMs !== 'number' ||
      !Number.isFinite(delayMs) ||
      delayMs < 0 ||
      delayMs > MAX_FAULT_DELAY_MS)
  ) {
    details.push(`delayMs must be a number from 0 to ${MAX_FAULT_DELAY_MS}`)
  }
  if (details.length > 0) return { ok: false, details }
  const spec: FaultSpec = {
    target: target as FaultTarget,
    count: count as number,
    kind: kind as FaultKind,
  }
  if (status !== undefined) spec.status = status as number
  if (typeof value['body'] === 'string') spec.body = value['body']
  if (typeof value['contentType'] === 'string') spec.contentType = value['contentType']
  if (typeof value['retryAfter'] === 'string') spec.retryAfter = value['retryAfter']
  if (headers !== undefined) spec.headers = headers as Record<string, string>
  if (typeof delayMs === 'number') spec.delayMs = delayMs
  else if (spec.kind === 'delay') spec.delayMs = 1000
  return { ok: true, spec }
}

/** The response a fault answers with; null for a pure delay (the request then proceeds). */
export function faultResponse(spec: FaultSpec): SandboxResponse | null {
  const headers: Record<string, string> = { ...(spec.headers ?? {}) }
  if (spec.retryAfter !== undefined) headers['retry-after'] = spec.retryAfter
  const withType = (fallback: string): string => spec.contentType ?? fallback
  switch (spec.kind) {
    case 'delay':
      if (spec.status === undefined) return null
      return text(spec.status, spec.body ?? '', withType('text/plain; charset=utf-8'), headers)
    case 'html': {
      const status = spec.status ?? 503
      const body =
        spec.body ??
        `<!DOCTYPE html><html><head><title>${status} Service Unavailable</title></head>` +
          `<body><h1>${status} Service Unavailable</h1><p>Injected by the sandbox.</p></body></html>`
      return text(status, body, withType('text/html; charset=utf-8'), headers)
    }
    case 'malformed-json':
      return text(
        spec.status ?? 200,
        spec.body ?? '{"access_token": "tpa-trunc',
        withType('application/json; charset=utf-8'),
        headers,
      )
    case 'status': {
      const status = spec.status ?? 500
      if (spec.body !== undefined) {
        return text(status, spec.body, withType('application/json; charset=utf-8'), headers)
      }
      if (status === 429) {
        return json(
          429,
          {
            fault: {
              faultstring: 'Rate limit quota violation. Quota limit exceeded.',
              detail: { errorcode: 'policies.ratelimit.QuotaViolation' },
            },
          },
          headers,
        )
      }
      return json(
        status,
        { message: 'Injected fault', details: `Sandbox fault with status ${status}` },
        headers,
      )
    }
  }
}
