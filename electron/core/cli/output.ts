import { byName, maskToken, type Redactor } from '../redact'
import type { TokenSet } from '../token-parse'
import type { FlowTrace } from '../trace'

function inWords(ms: number): string {
  const abs = Math.abs(ms)
  const h = Math.floor(abs / 3_600_000)
  const m = Math.floor((abs % 3_600_000) / 60_000)
  const s = Math.floor((abs % 60_000) / 1000)
  const d = Math.floor(h / 24)
  const text =
    d >= 2 ? `${d} d ${h % 24} h` : h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`
  return ms >= 0 ? `in ${text}` : `${text} ago`
}

const show = (value: string | undefined, reveal: boolean) =>
  value === undefined ? undefined : reveal ? value : maskToken(value)

/** The `--json` token object; tokens masked unless `reveal`. */
export function tokenJson(t: TokenSet, reveal: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    access_token: show(t.accessToken, reveal),
    token_type: t.tokenType,
    expires_at: new Date(t.expiresAt).toISOString(),
  }
  if (t.refreshToken) out.refresh_token = show(t.refreshToken, reveal)
  out.raw = reveal ? t.raw : byName.value(t.raw)
  return out
}

export function tokenSummary(t: TokenSet, source: string, reveal: boolean, now: number): string {
  const rows: [string, string][] = [
    ['access_token', show(t.accessToken, reveal) ?? ''],
    ['token_type', t.tokenType],
    ['grant', t.grant],
    [
      'expires_at',
      `${new Date(t.expiresAt).toISOString()} (${inWords(t.expiresAt - now)})${t.expiryAssumed ? ' (assumed: no expires_in)' : ''}`,
    ],
  ]
  if (t.refreshToken) {
    rows.push(['refresh_token', show(t.refreshToken, reveal) ?? ''])
    if (t.refreshExpiresAt !== undefined) {
      rows.push([
        'refresh_expires',
        `${new Date(t.refreshExpiresAt).toISOString()} (${inWords(t.refreshExpiresAt - now)})`,
      ])
    }
  }
  const raw = JSON.stringify(reveal ? t.raw : byName.value(t.raw), null, 2).replace(/\n/g, '\n  ')
  return `Token obtained from ${source}\n${rows
    .map(([k, v]) => `  ${k.padEnd(16)}${v}`)
    .join('\n')}\n  raw response:\n  ${raw}\n`
}

export function traceText(trace: FlowTrace): string {
  const lines = [
    `Flow ${trace.flow}: ${trace.outcome ?? 'unfinished'}${trace.error ? ` (${trace.error})` : ''}`,
  ]
  trace.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.title} — ${step.explanation}`)
    lines.push(`     > ${step.request.method} ${step.request.url}`)
    for (const [k, v] of Object.entries(step.request.headers)) lines.push(`     > ${k}: ${v}`)
    if (step.request.body) lines.push(`     > ${step.request.body}`)
    if (step.response) {
      lines.push(`     < ${step.response.status} (${Math.round(step.durationMs)} ms)`)
      if (step.response.body) lines.push(`     < ${step.response.body.replace(/\n/g, '\n     < ')}`)
    }
    if (step.error) lines.push(`     ! ${step.error}`)
  })
  return `${lines.join('\n')}\n`
}

interface CliResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  bodyText: string
  durationMs: number
}

/** The response as shown: headers and body masked by `redactor` unless `reveal`. */
function shownResponse(res: CliResponse, reveal: boolean, redactor: Redactor) {
  const ct = res.headers['content-type'] ?? ''
  if (!reveal) {
    return {
      headers: redactor.headers(res.headers),
      body: redactor.body(res.bodyText, ct, { pretty: true, limit: 100_000 }),
    }
  }
  let body = res.bodyText
  if (/json/i.test(ct)) {
    try {
      body = JSON.stringify(JSON.parse(res.bodyText), null, 2)
    } catch {
      // print as received
    }
  }
  return { headers: res.headers, body }
}

export function responseText(
  res: CliResponse,
  reveal: boolean,
  redactor: Redactor = byName,
): string {
  const { headers, body } = shownResponse(res, reveal, redactor)
  return `HTTP ${res.status} ${res.statusText} (${Math.round(res.durationMs)} ms)\n${Object.entries(
    headers,
  )
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n\n${body}${body.endsWith('\n') ? '' : '\n'}`
}

/** `call --json`: status, headers and body, masked like the text form unless `reveal`. */
export function responseJson(
  res: CliResponse,
  reveal: boolean,
  redactor: Redactor = byName,
): string {
  const headers = reveal ? res.headers : redactor.headers(res.headers)
  const body = reveal
    ? res.bodyText
    : redactor.body(res.bodyText, res.headers['content-type'] ?? '')
  return `${JSON.stringify({ status: res.status, headers, body }, null, 2)}\n`
}
