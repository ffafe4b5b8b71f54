/**
 * Between a saved request and the workbench's draft: auth kinds the send pipeline does not know
 * (`bearer`, `basic`, `header`) become an explicit header with no profile auth; `inherit` takes
 * the nearest folder's or the collection's auth (default: the profile's token).
 */
import type { SavedAuth, SavedRequest } from './collection'
import type { KeyValueRow, RequestAuth, RequestBody } from './workbench'

export interface DraftParts {
  method: SavedRequest['method']
  url: string
  query: KeyValueRow[]
  headers: KeyValueRow[]
  body: RequestBody
  auth: RequestAuth
  endpointId?: string
  timeoutMs?: number
}

/** The auth a request uses once `inherit` is followed up the folders (innermost first). */
export function effectiveAuth(
  own: SavedAuth,
  enclosing: readonly (SavedAuth | undefined)[],
): SavedAuth {
  if (own.kind !== 'inherit') return own
  for (const a of enclosing) if (a && a.kind !== 'inherit') return a
  return { kind: 'profile-token' }
}

const utf8Base64 = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** The header an auth kind adds, if any (Basic credentials encoded as given). */
export function authHeader(auth: SavedAuth): KeyValueRow | undefined {
  if (auth.kind === 'bearer')
    return { name: 'Authorization', value: `Bearer ${auth.token}`, enabled: true }
  if (auth.kind === 'basic') {
    return {
      name: 'Authorization',
      value: `Basic ${utf8Base64(`${auth.username}:${auth.password}`)}`,
      enabled: true,
    }
  }
  if (auth.kind === 'header') return { name: auth.name, value: auth.value, enabled: true }
  return undefined
}

export function requestAuthOf(auth: SavedAuth): RequestAuth {
  return auth.kind === 'profile-token'
    ? 'token'
    : auth.kind === 'profile-apikey'
      ? 'apikey'
      : 'none'
}

/** A saved request as a draft (auth already followed up with `effectiveAuth`). */
export function savedToDraft(request: SavedRequest, auth: SavedAuth): DraftParts {
  const header = authHeader(auth)
  const body = request.body ?? { kind: 'none' as const }
  const draft: DraftParts = {
    method: request.method,
    url: request.url,
    query: request.query.map((r) => ({ ...r, enabled: r.enabled !== false })),
    headers: [
      ...request.headers.map((r) => ({ ...r, enabled: r.enabled !== false })),
      ...(header && !request.headers.some((h) => h.name.toLowerCase() === header.name.toLowerCase())
        ? [header]
        : []),
    ],
    body: {
      kind: body.kind,
      text: body.text ?? '',
      fields: (body.fields ?? []).map((r) => ({ ...r, enabled: r.enabled !== false })),
    },
    auth: requestAuthOf(auth),
  }
  if (request.endpointId) draft.endpointId = request.endpointId
  if (request.timeoutMs !== undefined) draft.timeoutMs = request.timeoutMs
  return draft
}

/**
 * A draft back into a saved request. When it still matches what `previous` opened as, the
 * previous auth kind (`inherit`, `bearer`…) is kept and the header it added is not saved twice.
 */
export function draftToSaved(
  draft: DraftParts,
  name: string,
  previous?: SavedRequest,
  previousEffective?: SavedAuth,
): SavedRequest {
  let auth: SavedAuth =
    draft.auth === 'token'
      ? { kind: 'profile-token' }
      : draft.auth === 'apikey'
        ? { kind: 'profile-apikey' }
        : { kind: 'none' }
  let headers = draft.headers.map((r) => ({
    name: r.name,
    value: r.value,
    enabled: r.enabled !== false,
  }))
  if (previous && previousEffective && requestAuthOf(previousEffective) === draft.auth) {
    const added = authHeader(previousEffective)
    const stillThere =
      !added || headers.some((h) => h.name === added.name && h.value === added.value)
    if (stillThere) {
      auth = previous.auth
      if (
        added &&
        !previous.headers.some((h) => h.name.toLowerCase() === added.name.toLowerCase())
      ) {
        headers = headers.filter((h) => !(h.name === added.name && h.value === added.value))
      }
    }
  }
  const body: RequestBody =
    draft.body.kind === 'none'
      ? { kind: 'none' }
      : draft.body.kind === 'form'
        ? {
            kind: 'form',
            fields: (draft.body.fields ?? []).map((r) => ({
              name: r.name,
              value: r.value,
              enabled: r.enabled !== false,
            })),
          }
        : { kind: draft.body.kind, text: draft.body.text ?? '' }
  const saved: SavedRequest = {
    ...(previous ?? {}),
    type: 'request',
    name,
    method: draft.method,
    url: draft.url,
    query: draft.query.map((r) => ({ name: r.name, value: r.value, enabled: r.enabled !== false })),
    headers,
    auth,
  }
  delete (saved as { path?: string }).path
  if (body.kind === 'none') delete saved.body
  else saved.body = body
  if (draft.endpointId) saved.endpointId = draft.endpointId
  else delete saved.endpointId
  if (draft.timeoutMs !== undefined) saved.timeoutMs = draft.timeoutMs
  else delete saved.timeoutMs
  return saved
}
