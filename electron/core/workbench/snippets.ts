/**
 * "Copy as code": cURL, Node fetch and Python requests for a draft, after variable resolution and
 * with the same headers the runner would send. Secrets (the Bearer token, the API key) become
 * environment-variable references unless the user explicitly asks for the real values.
 */
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  SNIPPET_ENV,
  SNIPPET_LANGUAGES,
  type ParsedDraftRequest,
  type SnippetLanguage,
  type SnippetResult,
} from '../../shared/workbench'
import { normalizeName } from '../redact'
import { hasHeader, resolveRequest, type Segment, type VariableScope } from './pipeline/resolve'
import type { WorkbenchContext } from './request-runner'

/** A piece of a snippet string: literal text, or a secret taken from an environment variable. */
interface Part {
  text: string
  env?: string
}

interface SnippetRequest {
  method: string
  url: Part[]
  headers: { name: string; value: Part[] }[]
  body?: Part[]
  /** The draft's timeout (or main's default), in seconds: the snippets give up when the app would. */
  timeoutS: number
}

/** The environment variable a secret variable's value is read from in a snippet. */
const envFor = (s: Segment): string | undefined =>
  s.secret === undefined
    ? undefined
    : s.secret === 'apiKey'
      ? SNIPPET_ENV.apiKey
      : `TP_${s.secret
          .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
          .replace(/\W+/g, '_')
          .toUpperCase()}`

const toParts = (segments: Segment[], withSecrets: boolean): Part[] =>
  segments.map((s) => {
    const env = envFor(s)
    return env && !withSecrets ? { text: '', env } : { text: s.text }
  })

/** Merges adjacent literal parts. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = []
  for (const p of parts) {
    const last = out.at(-1)
    if (!p.env && last && !last.env) last.text += p.text
    else out.push({ ...p })
  }
  return out.length ? out : [{ text: '' }]
}

// ---- quoting ---------------------------------------------------------------------------------

/** POSIX shell: literals in single quotes (a quote becomes '\''), variables as "$VAR". */
export function shellQuote(parts: Part[]): string {
  return merge(parts)
    .map((p) => (p.env ? `"$${p.env}"` : `'${p.text.replace(/'/g, `'\\''`)}'`))
    .join('')
}

function jsString(parts: Part[]): string {
  const merged = merge(parts)
  if (merged.every((p) => !p.env))
    return `'${merged
      .map((p) => p.text)
      .join('')
      .replace(/[\\']/g, '\\$&')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029')}'`
  return `\`${merged
    .map((p) =>
      p.env
        ? `\${process.env.${p.env}}`
        : p.text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${'),
    )
    .join('')}\``
}

function pyString(parts: Part[]): string {
  return merge(parts)
    .map((p) => (p.env ? `os.environ["${p.env}"]` : JSON.stringify(p.text)))
    .join(' + ')
}

// ---- renderers -------------------------------------------------------------------------------

function curl(r: SnippetRequest): string {
  const lines = [`curl -sS${r.method === 'GET' ? '' : ` -X ${r.method}`} ${shellQuote(r.url)}`]
  for (const h of r.headers) lines.push(`  -H ${shellQuote([{ text: `${h.name}: ` }, ...h.value])}`)
  if (r.body) lines.push(`  --data-raw ${shellQuote(r.body)}`)
  lines.push(`  --max-time ${r.timeoutS}`)
  return lines.join(' \\\n')
}

function nodeFetch(r: SnippetRequest): string {
  const lines = [
    '// Node 18+ (ES module: save as request.mjs)',
    `const response = await fetch(${jsString(r.url)}, {`,
  ]
  lines.push(`  method: '${r.method}',`)
  if (r.headers.length) {
    lines.push('  headers: {')
    for (const h of r.headers)
      lines.push(`    ${jsString([{ text: h.name }])}: ${jsString(h.value)},`)
    lines.push('  },')
  }
  if (r.body) lines.push(`  body: ${jsString(r.body)},`)
  lines.push(`  signal: AbortSignal.timeout(${Math.round(r.timeoutS * 1000)}),`)
  lines.push('})')
  lines.push('console.log(response.status, response.statusText)')
  lines.push('console.log(await response.text())')
  return lines.join('\n')
}

function python(r: SnippetRequest): string {
  const usesEnv = [r.url, ...r.headers.map((h) => h.value), r.body ?? []].some((parts) =>
    parts.some((p) => p.env),
  )
  const lines = usesEnv ? ['import os', ''] : []
  lines.push('import requests', '', 'response = requests.request(')
  lines.push(`    "${r.method}",`)
  lines.push(`    ${pyString(r.url)},`)
  if (r.headers.length) {
    lines.push('    headers={')
    for (const h of r.headers)
      lines.push(`        ${JSON.stringify(h.name)}: ${pyString(h.value)},`)
    lines.push('    },')
  }
  if (r.body) lines.push(`    data=(${pyString(r.body)}).encode("utf-8"),`)
  lines.push(
    `    timeout=${r.timeoutS},`,
    ')',
    'print(response.status_code, response.reason)',
    'print(response.text)',
  )
  return lines.join('\n')
}

const RENDER: Record<SnippetLanguage, (r: SnippetRequest) => string> = {
  curl,
  fetch: nodeFetch,
  python,
}

// ---- building --------------------------------------------------------------------------------

export interface SnippetOptions {
  languages?: readonly SnippetLanguage[]
  includeSecrets?: boolean
  /** Variable scopes above the profile's, as for Send. */
  scopes?: readonly VariableScope[]
}

export async function generateSnippets(
  draft: ParsedDraftRequest,
  ctx: WorkbenchContext,
  options: SnippetOptions = {},
): Promise<SnippetResult> {
  const withSecrets = options.includeSecrets === true
  const { profile, env, manager } = ctx
  const prepared = resolveRequest(draft, profile, env, options.scopes)
  const notes: string[] = []
  const headers: SnippetRequest['headers'] = prepared.headers.map((h) => {
    let value = toParts(h.value, withSecrets)
    // A token typed into an Authorization header is a secret too.
    if (!withSecrets && h.name.toLowerCase() === 'authorization') {
      const m = /^\s*bearer\s+\S+/i.exec(value.map((p) => p.text).join(''))
      if (m) value = [{ text: 'Bearer ' }, { text: '', env: SNIPPET_ENV.accessToken }]
    }
    if (!withSecrets && normalizeName(h.name) === 'apikey' && value.every((p) => !p.env)) {
      value = [{ text: '', env: SNIPPET_ENV.apiKey }]
    }
    return { name: h.name, value }
  })
  if (prepared.defaultContentType && !hasHeader(prepared.headers, 'content-type')) {
    headers.push({ name: 'Content-Type', value: [{ text: prepared.defaultContentType }] })
  }
  const setHeader = (name: string, value: Part[]) => {
    const at = headers.findIndex((h) => h.name.toLowerCase() === name.toLowerCase())
    if (at >= 0) headers.splice(at, 1)
    headers.push({ name, value })
  }
  if (draft.auth === 'token' && prepared.belongs) {
    const token = withSecrets ? await manager.getAccessToken() : ''
    setHeader('Authorization', [
      { text: 'Bearer ' },
      withSecrets ? { text: token } : { text: '', env: SNIPPET_ENV.accessToken },
    ])
    const grant = manager.state().grant
    if (
      grant === 'client_credentials' &&
      prepared.endpoint?.businessUserHeader &&
      !hasHeader(prepared.headers, 'x-business-user-id')
    ) {
      if (profile.businessUserId) {
        headers.push({ name: 'x-business-user-id', value: [{ text: profile.businessUserId }] })
      } else {
        notes.push(
          'This endpoint needs x-business-user-id with a client-credentials token, and the profile has none.',
        )
      }
    }
  } else if (draft.auth === 'token') {
    notes.push('No token in the snippets: the URL is not on this profile’s environment hosts.')
  } else if (
    draft.auth === 'apikey' &&
    prepared.belongs &&
    profile.apiKey &&
    !hasHeader(prepared.headers, 'apikey')
  ) {
    headers.push({
      name: 'apikey',
      value: [withSecrets ? { text: profile.apiKey } : { text: '', env: SNIPPET_ENV.apiKey }],
    })
  }
  const request: SnippetRequest = {
    method: prepared.method,
    url: toParts(prepared.urlSegments, withSecrets),
    headers,
    ...(prepared.bodySegments ? { body: toParts(prepared.bodySegments, withSecrets) } : {}),
    timeoutS: (draft.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) / 1000,
  }
  const envVars = [
    ...new Set(
      [request.url, ...headers.map((h) => h.value), request.body ?? []].flatMap((parts) =>
        parts.flatMap((p) => (p.env ? [p.env] : [])),
      ),
    ),
  ]
  if (withSecrets) notes.push('These snippets contain real secrets: do not share or commit them.')
  else if (envVars.length) {
    notes.push(
      `Set ${envVars.join(' and ')} in the environment first (the access token: the “Copy” button beside it in the Token view).`,
    )
  }
  const languages = options.languages ?? SNIPPET_LANGUAGES
  // Any other secret value the app knows (typed or pasted by hand) is masked, unless asked for.
  const shown = (code: string) => (withSecrets ? code : ctx.redactor.text(code))
  return {
    snippets: languages.map((language) => ({ language, code: shown(RENDER[language](request)) })),
    envVars,
    notes,
  }
}
