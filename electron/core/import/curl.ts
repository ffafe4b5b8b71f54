/**
 * cURL command lines (as copied from documentation or a browser's "Copy as cURL") into a saved
 * request. A bearer token aimed at the profile's own API hosts becomes "the profile's token", so
 * no token is stored; any option this does not understand is an error that names it, rather than
 * a request that silently differs from the command.
 */
import type { ImportResult, SavedAuth, SavedRequest, SkippedItem } from '../../shared/collection'
import type { KeyValueRow, RequestBody } from '../../shared/workbench'
import { TRUSTPILOT_ENVIRONMENT } from '../environments'
import { newRequest, scrubSecret, splitQuery, toMethod } from './common'
import { ImportError } from './import-error'
import { ShellSyntaxError, shellWords } from './shell-words'

export interface CurlOptions {
  /** Origins (scheme://host[:port]) and bases whose bearer tokens mean "the profile's token". */
  profileBases?: readonly string[]
  /**
   * Keep a token or password aimed elsewhere as typed (the URL box: a draft is the user's own
   * text). Off for imports into a collection, where a secret is never stored.
   */
  keepForeignSecrets?: boolean
}

export interface CurlRequest {
  request: SavedRequest
  skipped: SkippedItem[]
  notes: string[]
}

/** Options that take a value, by every spelling. */
const WITH_VALUE: Record<string, string> = {
  '-X': 'request',
  '--request': 'request',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-ascii': 'data',
  '--data-binary': 'data',
  '--data-raw': 'data-raw',
  '--data-urlencode': 'data-urlencode',
  '-F': 'form',
  '--form': 'form',
  '--form-string': 'form-string',
  '-u': 'user',
  '--user': 'user',
  '--json': 'json',
  '--url': 'url',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-e': 'referer',
  '--referer': 'referer',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '--oauth2-bearer': 'oauth2-bearer',
  '-m': 'max-time',
  '--max-time': 'max-time',
  // Accepted and ignored: they change how curl runs, not the request.
  '--connect-timeout': 'ignore',
  '-o': 'ignore',
  '--output': 'ignore',
  '--retry': 'ignore',
  '-w': 'ignore',
  '--write-out': 'ignore',
}

const FLAGS: Record<string, string> = {
  '-G': 'get',
  '--get': 'get',
  '-I': 'head',
  '--head': 'head',
  '-k': 'insecure',
  '--insecure': 'insecure',
}
const IGNORED_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '--compressed',
  '-f',
  '--fail',
  '--fail-with-body',
  '-g',
  '--globoff',
  '--http1.1',
  '--http2',
  '-N',
  '--no-buffer',
  '-#',
  '--progress-bar',
])

interface Parsed {
  method?: string
  url?: string
  headers: KeyValueRow[]
  data: string[]
  dataIsJson: boolean
  form: KeyValueRow[]
  user?: string
  bearer?: string
  get: boolean
  head: boolean
  timeoutMs?: number
  notes: string[]
}

const unsupported = (option: string, why = 'is not supported') =>
  new ImportError('import:unsupported', `The cURL option ${option} ${why}.`, {
    option,
    supported: 'method, URL, -H, -d/--data*, --data-urlencode, -F (text), -u, -G, --json',
  })

function urlEncodeData(value: string): string {
  // --data-urlencode: "content", "=content", "name=content", "@file", "name@file".
  const eq = value.indexOf('=')
  const at = value.indexOf('@')
  if (at >= 0 && (eq < 0 || at < eq))
    throw unsupported('--data-urlencode with @file', 'reads a file, which is not supported')
  if (eq < 0) return encodeURIComponent(value)
  return `${value.slice(0, eq)}${eq > 0 ? '=' : ''}${encodeURIComponent(value.slice(eq + 1))}`
}

function apply(p: Parsed, kind: string, value: string, option: string): void {
  switch (kind) {
    case 'request':
      p.method = value.toUpperCase()
      break
    case 'header': {
      const colon = value.indexOf(':')
      if (colon <= 0) {
        if (value.endsWith(';'))
          p.headers.push({ name: value.slice(0, -1), value: '', enabled: true })
        else
          throw new ImportError(
            'import:malformed',
            `The header “${value}” must look like 'Name: value'.`,
            { option },
          )
      } else
        p.headers.push({
          name: value.slice(0, colon).trim(),
          value: value.slice(colon + 1).trim(),
          enabled: true,
        })
      break
    }
    case 'data':
      if (value.startsWith('@'))
        throw unsupported(
          `${option} @file`,
          'reads a file, which is not supported; paste the body instead',
        )
      p.data.push(value)
      break
    case 'data-raw':
      p.data.push(value)
      break
    case 'data-urlencode':
      p.data.push(urlEncodeData(value))
      break
    case 'json':
      if (value.startsWith('@'))
        throw unsupported(
          '--json @file',
          'reads a file, which is not supported; paste the body instead',
        )
      p.data.push(value)
      p.dataIsJson = true
      break
    case 'form':
    case 'form-string': {
      const eq = value.indexOf('=')
      if (eq <= 0)
        throw new ImportError(
          'import:malformed',
          `The form field “${value}” must look like name=value.`,
          { option },
        )
      const v = value.slice(eq + 1)
      if (kind === 'form' && (v.startsWith('@') || v.startsWith('<')))
        throw unsupported(
          `${option} with a file (${value.slice(0, eq)}=${v[0]}…)`,
          'uploads a file, which is not supported',
        )
      p.form.push({ name: value.slice(0, eq), value: v, enabled: true })
      break
    }
    case 'user':
      p.user = value
      break
    case 'url':
      p.url = value
      break
    case 'user-agent':
      p.headers.push({ name: 'User-Agent', value, enabled: true })
      break
    case 'referer':
      p.headers.push({ name: 'Referer', value, enabled: true })
      break
    case 'cookie':
      if (!value.includes('='))
        throw unsupported(`${option} FILE`, 'reads a cookie file, which is not supported')
      p.headers.push({ name: 'Cookie', value, enabled: true })
      break
    case 'oauth2-bearer':
      p.bearer = value
      break
    case 'max-time': {
      const s = Number(value)
      if (!(s > 0))
        throw new ImportError(
          'import:malformed',
          `${option} needs a number of seconds (got “${value}”).`,
          { option },
        )
      p.timeoutMs = Math.round(s * 1000)
      break
    }
    case 'get':
      p.get = true
      break
    case 'head':
      p.head = true
      break
    case 'insecure':
      p.notes.push('The line used -k (--insecure); the app always checks TLS certificates.')
      break
  }
}

function parseWords(words: string[]): Parsed {
  const p: Parsed = {
    headers: [],
    data: [],
    dataIsJson: false,
    form: [],
    get: false,
    head: false,
    notes: [],
  }
  let i = /^(.*[\\/])?curl(\.exe)?$/i.test(words[0] ?? '') ? 1 : 0
  if (i === 0)
    throw new ImportError('import:unknown-format', 'A cURL line starts with “curl”.', {
      expected: 'curl …',
    })
  const take = (option: string): string => {
    const value = words[++i]
    if (value === undefined)
      throw new ImportError('import:malformed', `The cURL option ${option} needs a value.`, {
        option,
      })
    return value
  }
  for (; i < words.length; i++) {
    const w = words[i]!
    if (w === '--') continue
    if (w.startsWith('--')) {
      const kind = WITH_VALUE[w]
      if (kind) apply(p, kind, take(w), w)
      else if (FLAGS[w]) apply(p, FLAGS[w], '', w)
      else if (!IGNORED_FLAGS.has(w)) throw unsupported(w)
    } else if (w.startsWith('-') && w.length > 1) {
      // Short options may be grouped (-sSL) and carry their value attached (-XPOST).
      for (let j = 1; j < w.length; j++) {
        const option = `-${w[j]}`
        const kind = WITH_VALUE[option]
        if (kind) {
          const rest = w.slice(j + 1)
          apply(p, kind, rest !== '' ? rest : take(option), option)
          break
        }
        if (FLAGS[option]) apply(p, FLAGS[option], '', option)
        else if (!IGNORED_FLAGS.has(option)) throw unsupported(option)
      }
    } else if (p.url === undefined) p.url = w
    else
      throw new ImportError(
        'import:unsupported',
        `The line names more than one URL (“${p.url}” and “${w}”); import one request at a time.`,
        { option: w },
      )
  }
  return p
}

const headerValue = (rows: KeyValueRow[], name: string) =>
  rows.find((h) => h.name.toLowerCase() === name)?.value

function bodyOf(p: Parsed, headers: KeyValueRow[]): RequestBody | undefined {
  if (p.form.length) return { kind: 'form', fields: p.form }
  if (!p.data.length) return undefined
  const text = p.data.join('&')
  const type = headerValue(headers, 'content-type') ?? ''
  let looksJson = p.dataIsJson || /json/i.test(type)
  if (!looksJson && !type) {
    try {
      const v: unknown = JSON.parse(text)
      looksJson = typeof v === 'object' && v !== null
    } catch {
      // not JSON
    }
  }
  if (looksJson) return { kind: 'json', text: p.dataIsJson ? p.data.join('') : text }
  if (!type || /x-www-form-urlencoded/i.test(type)) {
    const { query } = splitQuery(`?${text}`)
    return { kind: 'form', fields: query }
  }
  return { kind: 'text', text }
}

/** Is `url` under one of the profile's bases (or written with the profile's base variables)? */
function onProfileHost(url: string, bases: readonly string[]): boolean {
  if (/^\{\{\s*(apiBase|invitationsBase)\s*\}\}/.test(url)) return true
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    return false
  }
  return bases.some((b) => {
    try {
      return new URL(b).origin === origin
    } catch {
      return false
    }
  })
}

export function curlToRequest(line: string, options: CurlOptions = {}): CurlRequest {
  let words: string[]
  try {
    words = shellWords(line.trim())
  } catch (error) {
    if (error instanceof ShellSyntaxError)
      throw new ImportError('import:malformed', `The cURL line has ${error.message}.`, {})
    throw error
  }
  const p = parseWords(words)
  if (!p.url)
    throw new ImportError('import:malformed', 'The cURL line has no URL.', {
      expected: 'curl [options] URL',
    })
  const skipped: SkippedItem[] = []
  const notes = [...p.notes]
  const bases = options.profileBases ?? [
    TRUSTPILOT_ENVIRONMENT.apiBase,
    TRUSTPILOT_ENVIRONMENT.invitationsBase,
  ]
  const written =
    /^[a-z][a-z0-9+.-]*:\/\//i.test(p.url) || p.url.startsWith('{{') ? p.url : `http://${p.url}`
  const { url, query } = splitQuery(written)
  const ours = onProfileHost(url, bases)
  const keep = options.keepForeignSecrets === true
  const headers = [...p.headers]
  let auth: SavedAuth = { kind: 'none' }

  const authorization = headers.findIndex((h) => h.name.toLowerCase() === 'authorization')
  const bearerHeader =
    authorization >= 0 ? /^bearer\s+(.+)$/i.exec(headers[authorization]!.value)?.[1] : undefined
  const bearer = p.bearer ?? bearerHeader
  if (bearer !== undefined) {
    if (authorization >= 0 && bearerHeader !== undefined) headers.splice(authorization, 1)
    if (ours) {
      auth = { kind: 'profile-token' }
      notes.push(
        'The bearer token in the line was not kept: the profile’s own token is attached instead.',
      )
    } else
      auth = {
        kind: 'bearer',
        token: keep ? bearer : scrubSecret(bearer, 'token', 'the Authorization header', skipped),
      }
  }
  const apikey = headers.findIndex((h) => h.name.toLowerCase() === 'apikey')
  if (apikey >= 0 && ours && auth.kind === 'none') {
    headers.splice(apikey, 1)
    auth = { kind: 'profile-apikey' }
    notes.push('The apikey header became the profile’s API key.')
  }
  if (p.user !== undefined && auth.kind === 'none') {
    const colon = p.user.indexOf(':')
    const username = colon >= 0 ? p.user.slice(0, colon) : p.user
    const password = colon >= 0 ? p.user.slice(colon + 1) : ''
    auth = {
      kind: 'basic',
      username,
      password: keep ? password : scrubSecret(password, 'password', '-u', skipped),
    }
  }

  let body = bodyOf(p, headers)
  if (p.get && body?.kind === 'form') {
    query.push(...(body.fields ?? []))
    body = undefined
  } else if (p.get && body) {
    query.push(...splitQuery(`?${body.text ?? ''}`).query)
    body = undefined
  }
  if (p.dataIsJson) {
    if (!headerValue(headers, 'content-type'))
      headers.push({ name: 'Content-Type', value: 'application/json', enabled: true })
    if (!headerValue(headers, 'accept'))
      headers.push({ name: 'Accept', value: 'application/json', enabled: true })
  }
  const method = p.head ? 'HEAD' : (p.method ?? (body ? 'POST' : 'GET'))
  const last =
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .at(-1) ?? url
  const request = newRequest({
    name: `${method} ${last}`,
    method: toMethodChecked(method),
    url,
    query,
    headers,
    auth,
  })
  if (body) request.body = body
  if (p.timeoutMs !== undefined) request.timeoutMs = p.timeoutMs
  return { request, skipped, notes }
}

function toMethodChecked(method: string) {
  try {
    return toMethod(method, 'cURL')
  } catch {
    throw new ImportError(
      'import:unsupported',
      `The cURL method ${method} is not one the app can send.`,
      { option: '-X' },
    )
  }
}

/** One cURL line as a collection of one request. */
export function importCurl(line: string, options: CurlOptions = {}): ImportResult {
  const { request, skipped, notes } = curlToRequest(line, options)
  return {
    format: 'curl',
    collection: { name: request.name, variables: [], items: [request] },
    environments: [],
    skipped,
    notes,
  }
}

export const looksLikeCurl = (text: string): boolean => /^\s*curl(\.exe)?\s/i.test(text)
