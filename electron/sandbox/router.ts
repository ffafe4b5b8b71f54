import { messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>

export interface Route {
  method: string
  path: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

/** `route('GET', '/v1/private/reviews/:reviewId', h)`; parameters match one path segment. */
export function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = []
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1))
        return '([^/]+)'
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return { method, path, pattern: new RegExp(`^${source}$`), keys, handler }
}

/**
 * Finds the route for a request. Returns null when no route has this path (the caller
 * answers 404), a 405 response when the path exists with other methods.
 */
export function dispatch(
  routes: Route[],
  req: SandboxRequest,
): SandboxResponse | Promise<SandboxResponse> | null {
  const allowed: string[] = []
  for (const candidate of routes) {
    const match = candidate.pattern.exec(req.path)
    if (!match) continue
    if (candidate.method !== req.method) {
      allowed.push(candidate.method)
      continue
    }
    const params: Record<string, string> = {}
    candidate.keys.forEach((key, index) => {
      const raw = match[index + 1] ?? ''
      try {
        params[key] = decodeURIComponent(raw)
      } catch {
        params[key] = raw
      }
    })
    req.params = params
    return candidate.handler(req)
  }
  if (allowed.length === 0) return null
  const response = messageError(405, 'Method not allowed', `Allowed: ${allowed.join(', ')}`)
  response.headers['allow'] = [...new Set(allowed)].join(', ')
  return response
}
