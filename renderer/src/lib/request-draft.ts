/**
 * Pure helpers for the request builder: variable values for a profile (for the preview), the
 * checks that flag a bad URL or JSON body in place before anything is sent, and the saved form of
 * open tabs. No store, no DOM.
 */
import { PROFILE_VARIABLES, type ProfileVariable } from '../../../electron/shared/catalogue'
import type { SandboxStatus } from '../../../electron/shared/auth'
import { checkJson } from '../../../electron/shared/json-check'
import { TRUSTPILOT_BASES } from '../../../electron/shared/url'
import { eachVariable } from '../../../electron/shared/variables'
import type { ProfileView } from '../../../electron/shared/profile'
import type {
  DraftRequest,
  KeyValueRow,
  RequestAuth,
  RequestBody,
} from '../../../electron/shared/workbench'
import { HTTP_METHODS, MAX_TIMEOUT_MS } from '../../../electron/shared/workbench-limits'

/** A request being edited: the draft minus the profile (a tab follows the active profile). */
export interface TabDraft {
  method: DraftRequest['method']
  url: string
  query: KeyValueRow[]
  headers: KeyValueRow[]
  body: RequestBody
  auth: RequestAuth
  endpointId?: string
  /** How long main waits for the whole answer; absent: its default (30 s). */
  timeoutMs?: number
}

/** Values the preview substitutes; secrets (the API key) are never shown, only named. */
export function previewValues(
  profile: ProfileView | null,
  sandbox: SandboxStatus | null,
): Partial<Record<ProfileVariable, string>> {
  const out: Partial<Record<ProfileVariable, string>> = {}
  const env = profile?.environment
  if (env?.kind === 'trustpilot') Object.assign(out, TRUSTPILOT_BASES)
  else if (env?.kind === 'sandbox') {
    if (sandbox?.apiBase) out.apiBase = sandbox.apiBase
    if (sandbox?.invitationsBase) out.invitationsBase = sandbox.invitationsBase
  } else if (env?.kind === 'custom') {
    if (env.apiBase) out.apiBase = env.apiBase
    if (env.invitationsBase) out.invitationsBase = env.invitationsBase
  }
  if (profile?.businessUnitId) out.businessUnitId = profile.businessUnitId
  if (profile?.businessUserId) out.businessUserId = profile.businessUserId
  return out
}

/** A user variable (request, collection or profile scope) the builder can show: where it comes from. */
export interface UserVariable {
  scope: string
  /** Its value, or the masked form of a secret one; absent when only main knows it (captured). */
  shown?: string
  secret?: boolean
}
export type UserVariables = Record<string, UserVariable>

export interface UrlPart {
  text: string
  /** Set for a `{{variable}}`; `known` false for a name the app does not have. */
  variable?: { name: string; known: boolean; value?: string; scope?: string; shown?: string }
  /** A `{param}` still to fill in. */
  param?: boolean
}

const isKnown = (name: string): name is ProfileVariable => Object.hasOwn(PROFILE_VARIABLES, name)

/** Literal text with its `{params}` marked. */
function paramParts(text: string): UrlPart[] {
  const out: UrlPart[] = []
  let last = 0
  for (const m of text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) })
    out.push({ text: m[0], param: true })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

/** What the builder shows of one `{{name}}`: user scopes come before the built-ins. */
function variablePart(
  name: string,
  values: Partial<Record<ProfileVariable, string>>,
  user: UserVariables,
): NonNullable<UrlPart['variable']> {
  // Precedence: request > collection > profile variables, then the profile's built-ins.
  const mine = Object.hasOwn(user, name) ? user[name] : undefined
  if (mine) {
    return {
      name,
      known: true,
      scope: mine.scope,
      ...(mine.shown !== undefined ? { shown: mine.shown } : {}),
      ...(mine.shown !== undefined && !mine.secret ? { value: mine.shown } : {}),
    }
  }
  const known = isKnown(name)
  const value = known ? values[name] : undefined
  return { name, known, ...(value !== undefined ? { value } : {}) }
}

/** Splits a URL into literal text, `{{variables}}` and `{params}` for highlighting. */
export function urlParts(
  url: string,
  values: Partial<Record<ProfileVariable, string>>,
  user: UserVariables = {},
): UrlPart[] {
  const out: UrlPart[] = []
  let last = 0
  eachVariable(url, (name, start, end) => {
    out.push(...paramParts(url.slice(last, start)))
    out.push({ text: url.slice(start, end), variable: variablePart(name, values, user) })
    last = end
  })
  out.push(...paramParts(url.slice(last)))
  return out
}

/** The URL with known variables filled in (unknown ones left as they are), for the preview. */
export function resolvePreview(
  url: string,
  values: Partial<Record<ProfileVariable, string>>,
  user: UserVariables = {},
): string {
  return urlParts(url, values, user)
    .map((p) => (p.variable?.value !== undefined ? p.variable.value : p.text))
    .join('')
}

/** What is wrong with the URL, in one sentence; null when it can be sent. */
export function urlProblem(
  url: string,
  values: Partial<Record<ProfileVariable, string>>,
  user: UserVariables = {},
): string | null {
  const trimmed = url.trim()
  if (!trimmed) return 'The URL is empty.'
  const parts = urlParts(trimmed, values, user)
  const unknown = parts.filter((p) => p.variable && !p.variable.known).map((p) => p.text)
  if (unknown.length) {
    return `Unknown variable ${unknown.join(', ')}. Available: ${Object.keys(PROFILE_VARIABLES)
      .map((n) => `{{${n}}}`)
      .join(', ')}.`
  }
  const params = parts.filter((p) => p.param).map((p) => p.text)
  if (params.length) return `Fill in the path parameter ${params.join(', ')}.`
  // Variables with no value here (e.g. the sandbox is stopped) stand in as a plausible host.
  const probe = parts
    .map((p) =>
      p.variable
        ? (p.variable.value ?? (p.variable.name.endsWith('Base') ? 'https://host.invalid/v1' : 'x'))
        : p.text,
    )
    .join('')
  if (/\s/.test(probe.replace(/[?#].*$/, ''))) return 'The URL contains spaces.'
  let parsed: URL
  try {
    parsed = new URL(probe)
  } catch {
    return /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(probe)
      ? 'The URL has no scheme: start it with https:// (or {{apiBase}}).'
      : 'This is not a valid URL.'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `Only http and https URLs can be sent (got ${parsed.protocol}).`
  }
  return null
}

export interface JsonProblem {
  message: string
  /** Character offset into the text. */
  from: number
  line: number
  column: number
}

/**
 * `{{variables}}` replaced by a same-length stand-in that is valid both inside a string and as a
 * bare value (`0` then spaces), so offsets still point into the user's text.
 */
export function maskVariables(text: string): string {
  let out = ''
  let last = 0
  eachVariable(text, (_name, start, end) => {
    out += text.slice(last, start) + '0'.padEnd(end - start, ' ')
    last = end
  })
  return out + text.slice(last)
}

/** The first JSON syntax problem in `text` (main's checker), or null; an empty body is fine. */
export function jsonProblem(text: string): JsonProblem | null {
  if (!text.trim()) return null
  const problem = checkJson(maskVariables(text))
  if (!problem) return null
  return {
    message: problem.reason,
    from: problem.offset,
    line: problem.line,
    column: problem.column,
  }
}

export interface DraftProblems {
  url: string | null
  json: JsonProblem | null
  /** Query/header/form rows with a value but no name. */
  rows: string | null
  timeout: string | null
}

export function draftProblems(
  draft: TabDraft,
  values: Partial<Record<ProfileVariable, string>>,
  user: UserVariables = {},
): DraftProblems {
  const rows = [...draft.query, ...draft.headers, ...(draft.body.fields ?? [])].some(
    (r) => r.enabled !== false && !r.name.trim() && r.value.trim(),
  )
  return {
    url: urlProblem(draft.url, values, user),
    json: draft.body.kind === 'json' ? jsonProblem(draft.body.text ?? '') : null,
    rows: rows ? 'A row has a value but no name.' : null,
    timeout: timeoutProblem(draft.timeoutMs),
  }
}

/** The timeout must be a positive number of seconds, at most MAX_TIMEOUT_MS. */
export function timeoutProblem(ms: number | undefined): string | null {
  if (ms === undefined) return null
  if (!Number.isFinite(ms) || ms < 1) return 'The timeout must be a positive number of seconds.'
  if (ms > MAX_TIMEOUT_MS) return `The timeout can be at most ${MAX_TIMEOUT_MS / 60_000} minutes.`
  return null
}

export const hasProblems = (p: DraftProblems): boolean => !!(p.url || p.json || p.rows || p.timeout)

// ---- saved tabs ----------------------------------------------------------------------------

export interface SavedTab {
  id: string
  title: string
  draft: TabDraft
}

export interface SavedTabs {
  version: 1
  activeId: string | null
  tabs: SavedTab[]
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function rowsOf(v: unknown): KeyValueRow[] | null {
  if (v === undefined) return []
  if (!Array.isArray(v)) return null
  const out: KeyValueRow[] = []
  for (const r of v) {
    if (!isObj(r) || typeof r['name'] !== 'string' || typeof r['value'] !== 'string') return null
    out.push({ name: r['name'], value: r['value'], enabled: r['enabled'] !== false })
  }
  return out
}

function draftOf(v: unknown): TabDraft | null {
  if (!isObj(v)) return null
  const method = v['method']
  if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method))
    return null
  if (typeof v['url'] !== 'string') return null
  const query = rowsOf(v['query'])
  const headers = rowsOf(v['headers'])
  if (!query || !headers) return null
  const auth = v['auth']
  if (auth !== 'token' && auth !== 'apikey' && auth !== 'none') return null
  const b = v['body']
  if (!isObj(b) || !['none', 'json', 'form', 'text'].includes(b['kind'] as string)) return null
  const fields = rowsOf(b['fields'])
  if (!fields || (b['text'] !== undefined && typeof b['text'] !== 'string')) return null
  const body: RequestBody = {
    kind: b['kind'] as RequestBody['kind'],
    text: (b['text'] as string | undefined) ?? '',
    fields,
  }
  const draft: TabDraft = {
    method: method as TabDraft['method'],
    url: v['url'],
    query,
    headers,
    body,
    auth,
  }
  if (typeof v['endpointId'] === 'string') draft.endpointId = v['endpointId']
  if (typeof v['timeoutMs'] === 'number') draft.timeoutMs = v['timeoutMs']
  return draft
}

/** Parses the saved tabs; throws with a reason when the value is damaged. */
export function parseSavedTabs(raw: string): SavedTabs {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new Error('the saved value is not JSON')
  }
  if (!isObj(value) || value['version'] !== 1 || !Array.isArray(value['tabs'])) {
    throw new Error('the saved value has an unknown shape')
  }
  const tabs: SavedTab[] = []
  for (const t of value['tabs']) {
    const draft = isObj(t) ? draftOf(t['draft']) : null
    if (!isObj(t) || typeof t['id'] !== 'string' || typeof t['title'] !== 'string' || !draft) {
      throw new Error('a saved tab is damaged')
    }
    tabs.push({ id: t['id'], title: t['title'], draft })
  }
  const activeId = typeof value['activeId'] === 'string' ? value['activeId'] : null
  return { version: 1, activeId, tabs }
}
