/**
 * The endpoint catalogue: every endpoint of Trustpilot's documented API (private and public), as
 * pure data the renderer imports directly (no IPC round trip), plus search and "new request from
 * endpoint". The entries live in `catalogue/*.ts` by group. No Node, no DOM.
 */
import {
  BUSINESS_UNIT_ENDPOINTS,
  SERVICE_REVIEW_PUBLIC_ENDPOINTS,
} from './catalogue/business-units'
import {
  HOST_VARIABLE,
  type Endpoint,
  type EndpointHost,
  type EndpointParam,
} from './catalogue/model'
import { PRIVATE_ENDPOINTS } from './catalogue/private'
import {
  CATEGORY_ENDPOINTS,
  CONSUMER_ENDPOINTS,
  PRODUCT_REVIEW_PUBLIC_ENDPOINTS,
  RESOURCE_ENDPOINTS,
  SIGNUP_ENDPOINTS,
} from './catalogue/public-more'
import type { DraftRequest, KeyValueRow, RequestAuth } from './workbench'

export * from './catalogue/model'

export const ENDPOINTS: readonly Endpoint[] = [
  ...PRIVATE_ENDPOINTS,
  ...BUSINESS_UNIT_ENDPOINTS,
  ...SERVICE_REVIEW_PUBLIC_ENDPOINTS,
  ...PRODUCT_REVIEW_PUBLIC_ENDPOINTS,
  ...CATEGORY_ENDPOINTS,
  ...CONSUMER_ENDPOINTS,
  ...RESOURCE_ENDPOINTS,
  ...SIGNUP_ENDPOINTS,
]

const byId = new Map(ENDPOINTS.map((e) => [e.id, e]))

export function endpointById(id: string): Endpoint | undefined {
  return byId.get(id)
}

/** `{param}` names in a path template, in order. */
export function pathTemplateParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!)
}

/**
 * Case-insensitive search over name, method, path, description, group and tags. Every word must
 * match somewhere; results are ordered by how well they match (name and tags before description).
 */
export function searchEndpoints(
  query: string,
  endpoints: readonly Endpoint[] = ENDPOINTS,
): Endpoint[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...endpoints]
  const scored: { e: Endpoint; score: number; index: number }[] = []
  endpoints.forEach((e, index) => {
    const fields: [string, number][] = [
      [e.name.toLowerCase(), 4],
      [e.tags.join(' ').toLowerCase(), 3],
      [`${e.method} ${e.path}`.toLowerCase(), 2],
      [e.group.toLowerCase(), 2],
      [`${e.description} ${e.id}`.toLowerCase(), 1],
    ]
    let score = 0
    for (const word of words) {
      const best = Math.max(
        0,
        ...fields.map(([text, weight]) => (text.includes(word) ? weight : 0)),
      )
      if (best === 0) return
      score += best
    }
    scored.push({ e, score, index })
  })
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.e)
}

/** The auth choice a request for this endpoint starts with. */
export function requestAuthFor(endpoint: Endpoint): RequestAuth {
  return endpoint.auth === 'bearer' ? 'token' : endpoint.auth === 'apikey' ? 'apikey' : 'none'
}

export interface EndpointDraft {
  draft: DraftRequest
  /** Path parameters the user still has to fill in (left as `{name}` in the URL). */
  pathParams: EndpointParam[]
}

/**
 * A new request from a catalogue entry: `{{apiBase}}`/`{{invitationsBase}}` URL, profile-known
 * path parameters as `{{variables}}`, the others left as `{name}` for the user, query rows with
 * defaults (required and defaulted ones enabled), headers and the body template.
 */
export function draftFromEndpoint(endpoint: Endpoint, profileId: string): EndpointDraft {
  const pending: EndpointParam[] = []
  const path = endpoint.path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
    const param = endpoint.pathParams.find((p) => p.name === name)
    if (param?.profileVariable) return `{{${param.profileVariable}}}`
    if (param) pending.push(param)
    return whole
  })
  const query: KeyValueRow[] = endpoint.queryParams.map((p) => ({
    name: p.name,
    value: p.profileVariable ? `{{${p.profileVariable}}}` : (p.default ?? ''),
    enabled: p.required || p.default !== undefined,
  }))
  const headers: KeyValueRow[] = [{ name: 'Accept', value: 'application/json', enabled: true }]
  const draft: DraftRequest = {
    profileId,
    method: endpoint.method,
    url: `{{${HOST_VARIABLE[endpoint.host]}}}${path}`,
    query,
    headers,
    body: endpoint.bodyTemplate ? { kind: 'json', text: endpoint.bodyTemplate } : { kind: 'none' },
    auth: requestAuthFor(endpoint),
    endpointId: endpoint.id,
  }
  return { draft, pathParams: pending }
}

/** Regex for a path template under a base path: `{x}` matches one segment. */
function templatePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      /^\{[A-Za-z][A-Za-z0-9]*\}$/.test(segment)
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source}/?$`)
}

const patterns = new Map(ENDPOINTS.map((e) => [e.id, templatePattern(e.path)]))
/** Literal paths first, so `/reviews/latest` wins over `/reviews/{reviewId}`. */
const bySpecificity = [...ENDPOINTS].sort(
  (a, b) => pathTemplateParams(a.path).length - pathTemplateParams(b.path).length,
)

/** The catalogue entry for a method and a path under a host's base (`/private/reviews/abc/tags`). */
export function matchEndpoint(
  method: string,
  host: EndpointHost,
  path: string,
): Endpoint | undefined {
  const key = `${method} ${host} ${path}`
  if (matched.has(key)) return matched.get(key)
  const m = method.toUpperCase()
  const found = bySpecificity.find(
    (e) => e.method === m && e.host === host && patterns.get(e.id)!.test(path),
  )
  if (matched.size >= 500) matched.clear()
  matched.set(key, found)
  return found
}

/** Recent matches: a workbench sends the same few paths over and over. */
const matched = new Map<string, Endpoint | undefined>()
