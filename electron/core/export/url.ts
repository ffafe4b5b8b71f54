import type { KeyValueRow } from '../../shared/workbench'

/** Encodes a query part, leaving `{{variables}}` readable. */
export function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(
    /%7B%7B(.*?)%7D%7D/g,
    (_m, inner: string) => `{{${decodeURIComponent(inner)}}}`,
  )
}

/** The URL with its enabled query rows appended. */
export function urlWithQuery(url: string, query: readonly KeyValueRow[]): string {
  const enabled = query.filter((q) => q.enabled !== false && q.name !== '')
  if (!enabled.length) return url
  const qs = enabled.map((q) => `${encodeQueryPart(q.name)}=${encodeQueryPart(q.value)}`).join('&')
  return `${url}${url.includes('?') ? '&' : '?'}${qs}`
}
