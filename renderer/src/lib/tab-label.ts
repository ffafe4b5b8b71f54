import { endpointById, type ProfileVariable } from '../../../electron/shared/catalogue'
import { resolvePreview, type TabDraft } from './request-draft'

/** A segment that says nothing alone: a `{param}`, a `{{variable}}`, a number or an id. */
const ID_LIKE = /^(\{.*\}|\d+|[0-9a-f]{8,}|[A-Za-z0-9_-]{20,})$/i

/** The query as sent; `meaningful` leaves out what the endpoint sends by default anyway. */
function queryText(draft: TabDraft, meaningful = false): string {
  const inline = draft.url.match(/\?([^#]*)/)?.[1] ?? ''
  const params = draft.endpointId ? (endpointById(draft.endpointId)?.queryParams ?? []) : []
  const isDefault = (name: string, value: string): boolean =>
    params.some((p) => p.name === name && p.default === value)
  const rows = draft.query
    .filter((r) => r.enabled !== false && r.name.trim())
    .filter((r) => !meaningful || !isDefault(r.name, r.value))
    .map((r) => (r.value ? `${r.name}=${r.value}` : r.name))
  return [inline, ...rows].filter(Boolean).join('&')
}

/**
 * What tells tabs apart: the last meaningful part of the path (with the part before it when the
 * last one is only an id) and the query, e.g. `reviews?stars=5` or `reviews/{reviewId}`. The
 * method is shown beside it as a badge.
 */
export function tabLabel(draft: TabDraft): string {
  const path = draft.url
    .replace(/^\{\{[^}]*\}\}/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .replace(/[?#].*$/, '')
  const segments = path.split('/').filter((s) => s && !/^v\d+$/.test(s))
  let label = segments.at(-1) ?? '/'
  if (segments.length > 1 && ID_LIKE.test(label)) label = `${segments.at(-2)}/${label}`
  const query = queryText(draft, true)
  return query ? `${label}?${query}` : label
}

/** The whole request line, variables resolved where known, for the tab's tooltip. */
export function tabFullUrl(
  draft: TabDraft,
  values: Partial<Record<ProfileVariable, string>>,
): string {
  const base = resolvePreview(draft.url.replace(/[?#].*$/, ''), values)
  const query = queryText(draft)
  return `${draft.method} ${base}${query ? `?${resolvePreview(query, values)}` : ''}`
}
