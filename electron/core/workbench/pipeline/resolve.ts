/**
 * Stage 1 of a send, resolve: `{{variables}}` filled in, query rows appended, URL, headers and
 * body checked, the catalogue endpoint found. Anything wrong is a HandlerError naming it, raised
 * before anything is sent. The snippets use this stage too, so they show what Send would send.
 */
import {
  endpointById,
  matchEndpoint,
  PROFILE_VARIABLES,
  SECRET_VARIABLES,
  type Endpoint,
  type EndpointHost,
  type ProfileVariable,
} from '../../../shared/catalogue'
import { checkJson } from '../../../shared/json-check'
import type { Profile } from '../../../shared/profile'
import { HandlerError } from '../../../shared/result'
import { eachVariable } from '../../../shared/variables'
import type { KeyValueRow, ParsedDraftRequest } from '../../../shared/workbench'
import { environmentOriginCheck, type Environment } from '../../environments'
import { lastResult } from './last-result'

/**
 * Variables from outside the profile (request, collection, profile-level variables…), for the
 * collections feature to plug in. `resolveRequest` takes an ordered list, HIGHEST precedence
 * first; all of them sit above the profile's built-ins (`{{apiBase}}`, `{{businessUnitId}}`…).
 * A name takes its value from the first scope where that value is non-empty: an empty value
 * does not shadow a lower scope. Names listed in `secret` hold credentials: they are masked in
 * everything recorded and become environment-variable references in snippets.
 */
export interface VariableScope {
  /** Shown in errors, e.g. `collection`. */
  scope: string
  values: Record<string, string>
  secret?: readonly string[]
}

/** A piece of a resolved string: literal text, or a secret variable's value (named). */
export interface Segment {
  text: string
  /** The variable name when the value is a credential. */
  secret?: string
}

export interface ResolvedHeader {
  name: string
  value: Segment[]
}

export interface ResolvedRequest {
  method: string
  url: string
  urlSegments: Segment[]
  headers: ResolvedHeader[]
  body?: string
  bodySegments?: Segment[]
  /** The Content-Type added when the user set none. */
  defaultContentType?: string
  endpoint?: Endpoint
  /** True when the URL is on the profile environment's API or invitations host. */
  belongs: boolean
  /** Values of secret variables used, for the redactor. */
  secretValues: string[]
}

interface Variable {
  value: string
  secret: boolean
}

/** Looks a name up through the scopes, then the built-ins; undefined when no scope knows it. */
type Lookup = (name: string) => Variable | undefined

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

const isBuiltIn = (name: string): name is ProfileVariable => Object.hasOwn(PROFILE_VARIABLES, name)

function lookupFor(
  builtIns: Record<ProfileVariable, string>,
  scopes: readonly VariableScope[],
): Lookup {
  return (name) => {
    let known = false
    for (const s of scopes) {
      if (!Object.hasOwn(s.values, name)) continue
      known = true
      const value = s.values[name]!
      if (value !== '') return { value, secret: s.secret?.includes(name) ?? false }
    }
    if (isBuiltIn(name)) {
      return { value: builtIns[name], secret: SECRET_VARIABLES.includes(name) }
    }
    return known ? { value: '', secret: false } : undefined
  }
}

function resolveText(text: string, lookup: Lookup): Segment[] {
  if (!text.includes('{{')) return [{ text }]
  const out: Segment[] = []
  let last = 0
  eachVariable(text, (name, start, end) => {
    if (start > last) out.push({ text: text.slice(last, start) })
    const v = lookup(name)
    out.push(v?.secret ? { text: v.value, secret: name } : { text: v?.value ?? '' })
    last = end
  })
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

export const joinSegments = (segments: Segment[]): string =>
  segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join('')

/** Unknown names and names with no value anywhere: refused before anything is sent. */
function checkVariables(texts: string[], lookup: Lookup, scopes: readonly VariableScope[]): void {
  const unknown = new Set<string>()
  const empty = new Set<string>()
  for (const text of texts) {
    if (!text.includes('{{')) continue
    eachVariable(text, (name) => {
      const v = lookup(name)
      if (!v) unknown.add(name)
      else if (v.value === '') empty.add(name)
    })
  }
  if (unknown.size) {
    const list = [...unknown].map((n) => `{{${n}}}`).join(', ')
    const available = [
      ...scopes.flatMap((s) => Object.keys(s.values)),
      ...Object.keys(PROFILE_VARIABLES),
    ]
    throw new HandlerError(
      'unknown-variables',
      `Unknown variable${unknown.size > 1 ? 's' : ''} ${list}. Available: ${[...new Set(available)]
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
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const BAD_HEADER_VALUE = /[\r\n\0]/

/** Which host of the environment a URL is on, and its path below that host's base. */
export function hostAndPath(
  env: Environment,
  url: string,
): { host: EndpointHost; path: string } | undefined {
  const cut = url.search(/[?#]/)
  const pathOnly = cut >= 0 ? url.slice(0, cut) : url
  for (const [host, base] of [
    ['invitations', env.invitationsBase],
    ['api', env.apiBase],
  ] as const) {
    if (pathOnly.startsWith(base) && pathOnly.charAt(base.length) === '/') {
      return { host, path: pathOnly.slice(base.length) }
    }
  }
  return undefined
}

/** `%` not followed by two hex digits: the URL cannot be read back the same way. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/

/**
 * The common case, checked without a URL parse: a URL under the environment's own API or
 * invitations base (already validated http(s)) whose rest is printable ASCII with no braces.
 */
function isPlainUnderBase(url: string, env: Environment): boolean {
  for (const base of [env.apiBase, env.invitationsBase]) {
    if (url.startsWith(base) && url.charCodeAt(base.length) === 47 /* / */) {
      return /^[\x21-\x7a|~]*$/.test(url.slice(base.length)) && !BAD_ESCAPE.test(url)
    }
  }
  return false
}

const invalidUrl = (message: string): HandlerError =>
  new HandlerError('invalid-url', `${message} Nothing was sent.`)

/** Validates any other URL: parseable, http(s), no spaces, no bad `%`, no unfilled `{param}`. */
function checkUrl(base: string): void {
  let parsed: URL
  try {
    parsed = new URL(base)
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(base) ? ' Add the scheme, e.g. https://.' : ''
    throw invalidUrl(`The URL is not valid: “${base}”.${hint}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidUrl(`Only http and https URLs can be sent (got ${parsed.protocol}).`)
  }
  if (/\s/.test(base.replace(/[?#].*$/, ''))) throw invalidUrl('The URL contains spaces.')
  const bad = BAD_ESCAPE.exec(base)
  if (bad) {
    throw invalidUrl(
      `The URL has a “%” that starts no valid escape (“${base.slice(bad.index, bad.index + 3)}”): write a literal % as %25.`,
    )
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

const encodeSegments = (segments: Segment[]): Segment[] =>
  segments.map((s) => ({ ...s, text: encodeURIComponent(s.text) }))

/** `name=value&…` as segments, so a secret variable's value stays marked. */
function pairSegments(rows: KeyValueRow[], lookup: Lookup, firstSep: string): Segment[] {
  const out: Segment[] = []
  rows.forEach((row, i) => {
    const name = encodeURIComponent(joinSegments(resolveText(row.name, lookup)))
    out.push({ text: `${i > 0 ? '&' : firstSep}${name}=` })
    out.push(...encodeSegments(resolveText(row.value, lookup)))
  })
  return out
}

function resolveUrl(
  draft: ParsedDraftRequest,
  query: KeyValueRow[],
  lookup: Lookup,
  env: Environment,
): Segment[] {
  const segments = resolveText(draft.url.trim(), lookup)
  const base = joinSegments(segments)
  if (!isPlainUnderBase(base, env)) checkUrl(base)
  if (!query.length) return segments
  const hashAt = base.indexOf('#')
  const head = hashAt >= 0 ? base.slice(0, hashAt) : base
  const sep = !base.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&'
  return [{ text: head }, ...pairSegments(query, lookup, sep)]
}

function resolveHeaders(rows: KeyValueRow[], lookup: Lookup): ResolvedHeader[] {
  return rows.map((row) => {
    const name = joinSegments(resolveText(row.name.trim(), lookup))
    const value = resolveText(row.value, lookup)
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
}

function checkJsonBody(text: string): void {
  const problem = checkJson(text)
  if (!problem) return
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

function resolveBody(
  draft: ParsedDraftRequest,
  lookup: Lookup,
): { segments: Segment[]; contentType: string } | undefined {
  const body = draft.body ?? { kind: 'none' as const }
  let out: { segments: Segment[]; contentType: string } | undefined
  if (body.kind === 'json' || body.kind === 'text') {
    const segments = resolveText(body.text ?? '', lookup)
    if (body.kind === 'json') checkJsonBody(joinSegments(segments))
    out = {
      segments,
      contentType: body.kind === 'json' ? 'application/json' : 'text/plain; charset=utf-8',
    }
  } else if (body.kind === 'form') {
    out = {
      segments: pairSegments(formFields(draft), lookup, ''),
      contentType: 'application/x-www-form-urlencoded',
    }
  }
  if (out && (draft.method === 'GET' || draft.method === 'HEAD')) {
    throw new HandlerError(
      'invalid-body',
      `A ${draft.method} request cannot carry a body: choose “none” or another method. Nothing was sent.`,
    )
  }
  return out
}

const enabledRows = (rows: KeyValueRow[]): KeyValueRow[] =>
  rows.filter((r) => r.enabled && r.name.trim() !== '')
const formFields = (draft: ParsedDraftRequest): KeyValueRow[] =>
  draft.body?.kind === 'form'
    ? (draft.body.fields ?? []).filter((f) => f.enabled && f.name !== '')
    : []

/** Every text of the draft that may hold `{{variables}}`. */
function draftTexts(
  draft: ParsedDraftRequest,
  query: KeyValueRow[],
  headers: KeyValueRow[],
): string[] {
  const texts = [draft.url]
  for (const r of [...query, ...headers, ...formFields(draft)]) texts.push(r.name, r.value)
  const body = draft.body
  if (body && (body.kind === 'json' || body.kind === 'text')) texts.push(body.text ?? '')
  return texts
}

const originChecks = new WeakMap<Environment, (url: string) => boolean>()
function belongsTo(env: Environment, url: string): boolean {
  let check = originChecks.get(env)
  if (!check) originChecks.set(env, (check = environmentOriginCheck(env)))
  return check(url)
}

function findEndpoint(draft: ParsedDraftRequest, env: Environment, url: string) {
  const located = hostAndPath(env, url)
  const endpoint =
    (draft.endpointId ? endpointById(draft.endpointId) : undefined) ??
    (located ? matchEndpoint(draft.method, located.host, located.path) : undefined)
  return { endpoint, belongs: located !== undefined || belongsTo(env, url) }
}

const secretValuesOf = (...lists: Segment[][]): string[] =>
  lists.flatMap((l) => l.flatMap((s) => (s.secret && s.text ? [s.text] : [])))

/**
 * The last resolution, reused while the same draft is sent with the same profile, environment
 * and scopes (a workbench sends one request over and over). Resolving is deterministic in those
 * inputs; the result is treated as read-only by every stage.
 */
const lastResolved = lastResult<ResolvedRequest>()

const NO_SCOPES: readonly VariableScope[] = []

const draftKey = (d: ParsedDraftRequest): string =>
  JSON.stringify([d.method, d.url, d.query, d.headers, d.body, d.endpointId])

export function resolveRequest(
  draft: ParsedDraftRequest,
  profile: Profile,
  env: Environment,
  scopes: readonly VariableScope[] = NO_SCOPES,
): ResolvedRequest {
  return lastResolved([draftKey(draft), profile, env, scopes], () =>
    resolveAnew(draft, profile, env, scopes),
  )
}

function resolveAnew(
  draft: ParsedDraftRequest,
  profile: Profile,
  env: Environment,
  scopes: readonly VariableScope[],
): ResolvedRequest {
  const lookup = lookupFor(variableValues(profile, env), scopes)
  const query = enabledRows(draft.query)
  const headerRows = enabledRows(draft.headers)
  checkVariables(draftTexts(draft, query, headerRows), lookup, scopes)
  const urlSegments = resolveUrl(draft, query, lookup, env)
  const url = joinSegments(urlSegments)
  const headers = resolveHeaders(headerRows, lookup)
  const body = resolveBody(draft, lookup)
  const { endpoint, belongs } = findEndpoint(draft, env, url)
  const result: ResolvedRequest = {
    method: draft.method,
    url,
    urlSegments,
    headers,
    belongs,
    secretValues: secretValuesOf(urlSegments, ...headers.map((h) => h.value), body?.segments ?? []),
  }
  if (body) {
    result.bodySegments = body.segments
    result.body = joinSegments(body.segments)
    result.defaultContentType = body.contentType
  }
  if (endpoint) result.endpoint = endpoint
  return result
}

export const hasHeader = (
  headers: ResolvedHeader[] | Record<string, string>,
  name: string,
): boolean => {
  const lower = name.toLowerCase()
  const names = Array.isArray(headers) ? headers.map((h) => h.name) : Object.keys(headers)
  return names.some((n) => n.toLowerCase() === lower)
}
