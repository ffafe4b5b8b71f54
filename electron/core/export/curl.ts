/**
 * A saved request as a cURL command, with its `{{variables}}` kept as written. The profile's token
 * and API key become the same environment-variable references as the workbench's snippets
 * ($TP_ACCESS_TOKEN, $TP_API_KEY), so no secret is ever written out.
 */
import type { SavedRequest } from '../../shared/collection'
import { SNIPPET_ENV } from '../../shared/workbench'
import { shellQuote } from '../workbench/snippets'
import { urlWithQuery } from './url'

const lit = (text: string) => shellQuote([{ text }])

export function requestToCurl(request: SavedRequest): { code: string; notes: string[] } {
  const notes: string[] = []
  const body = request.body
  const hasBody = body && body.kind !== 'none'
  const parts = [
    `curl -sS${request.method === 'GET' && !hasBody ? '' : ` -X ${request.method}`} ${lit(urlWithQuery(request.url, request.query))}`,
  ]
  for (const h of request.headers) {
    if (h.enabled === false) continue
    parts.push(`-H ${lit(`${h.name}: ${h.value}`)}`)
  }
  const auth = request.auth
  if (auth.kind === 'profile-token')
    parts.push(
      `-H ${shellQuote([{ text: 'Authorization: Bearer ' }, { text: '', env: SNIPPET_ENV.accessToken }])}`,
    )
  else if (auth.kind === 'profile-apikey')
    parts.push(`-H ${shellQuote([{ text: 'apikey: ' }, { text: '', env: SNIPPET_ENV.apiKey }])}`)
  else if (auth.kind === 'bearer') parts.push(`-H ${lit(`Authorization: Bearer ${auth.token}`)}`)
  else if (auth.kind === 'basic') parts.push(`-u ${lit(`${auth.username}:${auth.password}`)}`)
  else if (auth.kind === 'header') parts.push(`-H ${lit(`${auth.name}: ${auth.value}`)}`)
  else if (auth.kind === 'inherit')
    notes.push('The request inherits its auth from its folder or collection; none was added.')
  if (body?.kind === 'json' || body?.kind === 'text')
    parts.push(`--data-raw ${lit(body.text ?? '')}`)
  else if (body?.kind === 'form') {
    for (const f of body.fields ?? []) {
      if (f.enabled !== false) parts.push(`--data-urlencode ${lit(`${f.name}=${f.value}`)}`)
    }
  }
  if (request.scripts?.length) notes.push('Scripts are not part of a cURL command.')
  return { code: parts.join(' \\\n  '), notes }
}
