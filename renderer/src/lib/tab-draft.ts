/**
 * A tab's draft and the request it stands for: a blank draft, a tab title, and the conversions
 * to and from the request `http:send` takes. Plain functions, shared by the workbench, history,
 * collections and import stores (so those stores need not import one another for them).
 */
import { endpointById } from '../../../electron/shared/catalogue'
import type { DraftRequest, ParsedDraftRequest } from '../../../electron/shared/workbench'
import type { TabDraft } from './request-draft'

export function blankDraft(): TabDraft {
  return {
    method: 'GET',
    url: '{{apiBase}}/',
    query: [],
    headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
    body: { kind: 'none', text: '', fields: [] },
    auth: 'token',
  }
}

/** A title for a tab: the endpoint's name, else method and the URL's last part. */
export function titleFor(draft: TabDraft): string {
  const endpoint = draft.endpointId ? endpointById(draft.endpointId) : undefined
  if (endpoint) return endpoint.name
  const path = draft.url.replace(/^\{\{\w+\}\}/, '').replace(/[?#].*$/, '')
  return `${draft.method} ${path || '/'}`
}

/** The draft as `http:send` and `snippets:generate` take it. */
export function toRequest(draft: TabDraft, profileId: string): DraftRequest {
  const body = draft.body
  const out: DraftRequest = {
    profileId,
    method: draft.method,
    url: draft.url.trim(),
    query: draft.query.filter((r) => r.name.trim() || r.value.trim()),
    headers: draft.headers.filter((r) => r.name.trim() || r.value.trim()),
    auth: draft.auth,
    body:
      body.kind === 'form'
        ? { kind: 'form', fields: (body.fields ?? []).filter((r) => r.name.trim()) }
        : body.kind === 'none'
          ? { kind: 'none' }
          : { kind: body.kind, text: body.text ?? '' },
  }
  if (draft.endpointId) out.endpointId = draft.endpointId
  if (draft.timeoutMs !== undefined) out.timeoutMs = Math.round(draft.timeoutMs)
  return out
}

/** A draft from a history entry or a saved request (profile dropped: tabs follow the active one). */
export function fromRequest(d: DraftRequest | ParsedDraftRequest): TabDraft {
  const body = d.body ?? { kind: 'none' as const }
  const draft: TabDraft = {
    method: d.method,
    url: d.url,
    query: (d.query ?? []).map((r) => ({ ...r, enabled: r.enabled !== false })),
    headers: (d.headers ?? []).map((r) => ({ ...r, enabled: r.enabled !== false })),
    body: {
      kind: body.kind,
      text: body.text ?? '',
      fields: (body.fields ?? []).map((r) => ({ ...r, enabled: r.enabled !== false })),
    },
    auth: d.auth ?? 'token',
  }
  if (d.endpointId) draft.endpointId = d.endpointId
  if (d.timeoutMs !== undefined) draft.timeoutMs = d.timeoutMs
  return draft
}
