import { maskBody, maskHeaders, maskToken, redactObject } from '../mask'
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
  out.raw = reveal ? t.raw : redactObject(t.raw)
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
  const raw = JSON.stringify(reveal ? t.raw : redactObject(t.raw), null, 2).replace(/\n/g, '\n  ')
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

export function responseText(
  res: {
    status: number
    statusText: string
    headers: Record<string, string>
    bodyText: string
    durationMs: number
  },
  reveal: boolean,
): string {
  const headers = reveal ? res.headers : maskHeaders(res.headers)
  const ct = res.headers['content-type']
  let body = reveal ? res.bodyText : (maskBody(res.bodyText, ct, 100_000) ?? '')
  if (reveal && /json/i.test(ct ?? '')) {
    try {
      body = JSON.stringify(JSON.parse(res.bodyText), null, 2)
    } catch {
      // print as received
    }
  }
  return `HTTP ${res.status} ${res.statusText} (${Math.round(res.durationMs)} ms)\n${Object.entries(
    headers,
  )
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n\n${body}${body.endsWith('\n') ? '' : '\n'}`
}
