/**
 * Turns a draft into the request that goes out: `{{variables}}` resolved from the profile and
 * environment, query rows appended, URL, headers and JSON body checked. Anything wrong is a
 * HandlerError naming it, raised before anything is sent. Shared by the runner and the snippets.
 */
import {
  endpointById,
  matchEndpoint,
  PROFILE_VARIABLES,
  SECRET_VARIABLES,
  type Endpoint,
  type EndpointHost,
  type ProfileVariable,
} from '../../shared/catalogue'
import type { Profile } from '../../shared/profile'
import { HandlerError } from '../../shared/result'
import type { ParsedDraftRequest } from '../../shared/workbench'
import type { Environment } from '../environments'
import { environmentOriginCheck } from '../environments'
import { checkJson } from './json-check'

/** A piece of a resolved string: literal text, or the value of a secret variable (for snippets). */
export interface Segment {
  text: string
  secret?: ProfileVariable
}

export interface PreparedHeader {
  name: string
  value: Segment[]
}

export interface PreparedRequest {
  method: string
  url: string
  urlSegments: Segment[]
  headers: PreparedHeader[]
  body?: string
  bodySegments?: Segment[]
  /** The Content-Type the runner adds when the user set none. */
  defaultContentType?: string
  endpoint?: Endpoint
  /** True when the URL is on the profile environment's API or invitations host. */
  belongs: boolean
}

export function variableValues(
  profile: Profile,
  env: Environment,
): Record<ProfileVariable, string> {
  return {
    apiBase: env.apiBase,
    invitationsBase: env.invitationsBase,
    businessUnitId: profile.businessUnitId,
    businessUserId: profile.businessUserId,
    apiKey: profile.apiKey,
  }
}

const isKnown = (name: string): name is ProfileVariable => Object.hasOwn(PROFILE_VARIABLES, name)

/** Calls `visit` for each `{{name}}` (trimmed) with its start and end; a plain scan, no regex. */
function eachVariable(
  text: string,
  visit: (name: string, start: number, end: number) => void,
): void {
  let from = 0
  for (;;) {
    const start = text.indexOf('{{', from)
    if (start < 0) return
    const close = text.indexOf('}}', start + 2)
    if (close < 0) return
    const inner = text.slice(start + 2, close)
    // `{{a {{b}}`: only the innermost pair is a variable.
    const nested = inner.lastIndexOf('{{')
    if (nested >= 0) {
      from = start + 2 + nested
      continue
    }
    if (!inner.includes('{') && !inner.includes('}')) visit(inner.trim(), start, close + 2)
    from = close + 2
  }
}

function resolve(text: string, values: Record<ProfileVariable, string>): Segment[] {
  if (!text.includes('{{')) return [{ text }]
  const out: Segment[] = []
  let last = 0
  eachVariable(text, (name, start, end) => {
    if (start > last) out.push({ text: text.slice(last, start) })
    const value = isKnown(name) ? values[name] : ''
    out.push(
      SECRET_VARIABLES.includes(name as ProfileVariable)
        ? { text: value, secret: name as ProfileVariable }
        : { text: value },
    )
    last = end
  })
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

export const joinSegments = (segments: Segment[]): string =>
  segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join('')

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const BAD_HEADER_VALUE = /[\r\n\0]/

/** Which host of the environment a URL is on, and its path below that host's base. */
export function hostAndPath(
  env: Environment,
  url: string,
): { host: EndpointHost; path: string } | undefined {
  const cut = url.search(/[?#]/)
  const pathOnly = cut >= 0 ? url.slice(0, cut) : url
  if (
    pathOnly.startsWith(env.invitationsBase) &&
    pathOnly.charAt(env.invitationsBase.length) === '/'
  ) {
    return { host: 'invitations', path: pathOnly.slice(env.invitationsBase.length) }
  }
  if (pathOnly.startsWith(env.apiBase) && pathOnly.charAt(env.apiBase.length) === '/') {
    return { host: 'api', path: pathOnly.slice(env.apiBase.length) }
  }
  return undefined
}

/**
 * The common case, checked without a URL parse: a URL under the environment's own API or
 * invitations base (already validated http(s)) whose rest is printable ASCII with no braces.
 */
function isPlainUnderBase(url: string, env: Environment): boolean {
  for (const base of [env.apiBase, env.invitationsBase]) {
    if (url.startsWith(base) && url.charCodeAt(base.length) === 47 /* / */) {
      return /^[\x21-\x7a|~]*$/.test(url.slice(base.length))
    }
  }
  return false
}

/** Validates any other URL: parseable, http(s), no spaces, no unfilled `{param}`. */
function checkUrl(base: string): void {
  let parsed: URL
  try {
    parsed = new URL(base)
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(base) ? ' Add the scheme, e.g. https://.' : ''
    throw new HandlerError(
      'invalid-url',
      `The URL is not valid: “${base}”.${hint} Nothing was sent.`,
    )
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new HandlerError(
      'invalid-url',
      `Only http and https URLs can be sent (got ${parsed.protocol}). Nothing was sent.`,
    )
  }
  if (/\s/.test(base.replace(/[?#].*$/, ''))) {
    throw new HandlerError('invalid-url', 'The URL contains spaces. Nothing was sent.')
  }
  const placeholders = [
    ...parsed.pathname.matchAll(/(?:%7B|\{)([A-Za-z][A-Za-z0-9]*)(?:%7D|\})/gi),
  ].map((m) => m[1]!)
  if (placeholders.length) {
    throw new HandlerError(
      'missing-path-params',
      `Fill in the path parameter${placeholders.length > 1 ? 's' : ''} ${placeholders.map((p) => `{${p}}`).join(', ')} in the URL. Nothing was sent.`,
      { params: placeholders },
    )
  }
}

const originChecks = new WeakMap<Environment, (url: string) => boolean>()
function originCheckFor(env: Environment): (url: string) => boolean {
  let check = originChecks.get(env)
  if (!check) originChecks.set(env, (check = environmentOriginCheck(env)))
  return check
}

export function prepareRequest(
  draft: ParsedDraftRequest,
  profile: Profile,
  env: Environment,
): PreparedRequest {
  const values = variableValues(profile, env)
  const query = draft.query.filter((r) => r.enabled && r.name.trim() !== '')
  const headers = draft.headers.filter((r) => r.enabled && r.name.trim() !== '')
  const body = draft.body ?? { kind: 'none' as const }
  const formFields =
    body.kind === 'form' ? (body.fields ?? []).filter((f) => f.enabled && f.name !== '') : []

  // 1. Variables: every unknown one, and every known one the profile has no value for.
  const texts: string[] = [draft.url]
  for (const r of query) texts.push(r.name, r.value)
  for (const r of headers) texts.push(r.name, r.value)
  if (body.kind === 'json' || body.kind === 'text') texts.push(body.text ?? '')
  for (const f of formFields) texts.push(f.name, f.value)
  const unknown = new Set<string>()
  const empty = new Set<string>()
  for (const text of texts) {
    if (!text.includes('{{')) continue
    eachVariable(text, (name) => {
      if (!isKnown(name)) unknown.add(name)
      else if (values[name] === '') empty.add(name)
    })
  }
  if (unknown.size) {
    const list = [...unknown].map((n) => `{{${n}}}`).join(', ')
    throw new HandlerError(
      'unknown-variables',
      `Unknown variable${unknown.size > 1 ? 's' : ''} ${list}. Available: ${Object.keys(
        PROFILE_VARIABLES,
      )
        .map((n) => `{{${n}}}`)
        .join(', ')}.`,
      { variables: [...unknown] },
    )
  }
  if (empty.size) {
    const list = [...empty].map((n) => `{{${n}}}`).join(', ')
    throw new HandlerError(
      'empty-variables',
      `${list} ${empty.size > 1 ? 'have' : 'has'} no value in this profile: fill ${empty.size > 1 ? 'them' : 'it'} in under Profiles, or type the value.`,
      { variables: [...empty] },
    )
  }

  // 2. URL and query.
  const urlSegments = resolve(draft.url.trim(), values)
  const base = joinSegments(urlSegments)
  if (!isPlainUnderBase(base, env)) checkUrl(base)
  if (query.length) {
    const hasQuery = base.includes('?')
    const hashAt = base.indexOf('#')
    const head = hashAt >= 0 ? base.slice(0, hashAt) : base
    urlSegments.length = 0
    // Rebuild as segments so a secret variable in a query value stays marked.
    urlSegments.push({ text: head })
    query.forEach((row, i) => {
      const sep =
        i > 0 ? '&' : !hasQuery ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&'
      urlSegments.push({
        text: `${sep}${encodeURIComponent(joinSegments(resolve(row.name, values)))}=`,
      })
      for (const s of resolve(row.value, values)) {
        urlSegments.push(
          s.secret
            ? { text: encodeURIComponent(s.text), secret: s.secret }
            : { text: encodeURIComponent(s.text) },
        )
      }
    })
  }
  const url = joinSegments(urlSegments)

  // 3. Headers.
  const prepared: PreparedHeader[] = headers.map((row) => {
    const name = joinSegments(resolve(row.name.trim(), values))
    const value = resolve(row.value, values)
    if (!HEADER_NAME.test(name)) {
      throw new HandlerError(
        'invalid-header',
        `“${name}” is not a valid header name. Nothing was sent.`,
      )
    }
    if (BAD_HEADER_VALUE.test(joinSegments(value))) {
      throw new HandlerError(
        'invalid-header',
        `The value of header ${name} contains a line break. Nothing was sent.`,
      )
    }
    return { name, value }
  })

  // 4. Body.
  let bodySegments: Segment[] | undefined
  let defaultContentType: string | undefined
  if (body.kind === 'json' || body.kind === 'text') {
    bodySegments = resolve(body.text ?? '', values)
    if (body.kind === 'json') {
      const problem = checkJson(joinSegments(bodySegments))
      if (problem) {
        throw new HandlerError(
          'invalid-json',
          `The JSON body is not valid: ${problem.message}. Nothing was sent.`,
          {
            line: problem.line,
            column: problem.column,
            offset: problem.offset,
          },
        )
      }
      defaultContentType = 'application/json'
    } else defaultContentType = 'text/plain; charset=utf-8'
  } else if (body.kind === 'form') {
    bodySegments = []
    formFields.forEach((f, i) => {
      bodySegments!.push({
        text: `${i ? '&' : ''}${encodeURIComponent(joinSegments(resolve(f.name, values)))}=`,
      })
      for (const s of resolve(f.value, values)) {
        bodySegments!.push(
          s.secret
            ? { text: encodeURIComponent(s.text), secret: s.secret }
            : { text: encodeURIComponent(s.text) },
        )
      }
    })
    defaultContentType = 'application/x-www-form-urlencoded'
  }
  if (bodySegments && (draft.method === 'GET' || draft.method === 'HEAD')) {
    throw new HandlerError(
      'invalid-body',
      `A ${draft.method} request cannot carry a body: choose “none” or another method. Nothing was sent.`,
    )
  }

  // 5. Which catalogue endpoint, and whether the URL is the profile's.
  const located = hostAndPath(env, url)
  const endpoint =
    (draft.endpointId ? endpointById(draft.endpointId) : undefined) ??
    (located ? matchEndpoint(draft.method, located.host, located.path) : undefined)
  const result: PreparedRequest = {
    method: draft.method,
    url,
    urlSegments,
    headers: prepared,
    belongs: located !== undefined || originCheckFor(env)(url),
  }
  if (bodySegments) {
    result.bodySegments = bodySegments
    result.body = joinSegments(bodySegments)
  }
  if (defaultContentType) result.defaultContentType = defaultContentType
  if (endpoint) result.endpoint = endpoint
  return result
}

export const hasHeader = (
  headers: PreparedHeader[] | Record<string, string>,
  name: string,
): boolean => {
  const lower = name.toLowerCase()
  const names = Array.isArray(headers) ? headers.map((h) => h.name) : Object.keys(headers)
  return names.some((n) => n.toLowerCase() === lower)
}
