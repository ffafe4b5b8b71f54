/**
 * A saved request as the workbench opens it in a tab, until the collection store resolves
 * variables itself: `inherit` auth follows the folders up to the collection (default: the
 * profile's token), and `{{variables}}` the workbench does not know are filled in from the
 * request's, then the collection's, non-empty values. Profile variables stay `{{names}}`.
 */
import type {
  CollectionItem,
  CollectionTree,
  CollectionVariable,
  SavedAuth,
  SavedRequest,
} from '../../shared/collection'
import type { ImportedRequest, TabRequest } from '../../shared/import'
import { PROFILE_VARIABLES } from '../../shared/catalogue'
import type { KeyValueRow, RequestAuth } from '../../shared/workbench'

function fill(text: string, values: ReadonlyMap<string, string>): string {
  if (!text.includes('{{')) return text
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(PROFILE_VARIABLES, name) ? whole : (values.get(name) ?? whole),
  )
}

const valuesOf = (...scopes: (readonly CollectionVariable[] | undefined)[]) => {
  const values = new Map<string, string>()
  // Lowest scope first, so higher scopes overwrite; an empty value never shadows.
  for (const scope of scopes.reverse()) {
    for (const v of scope ?? []) {
      if (v.enabled !== false && !v.secret && v.value !== '') values.set(v.name, v.value)
    }
  }
  return values
}

function authParts(auth: SavedAuth): {
  auth: RequestAuth
  header?: { name: string; value: string; enabled: boolean }
} {
  switch (auth.kind) {
    case 'profile-token':
    case 'inherit':
      return { auth: 'token' }
    case 'profile-apikey':
      return { auth: 'apikey' }
    case 'none':
      return { auth: 'none' }
    case 'bearer':
      return {
        auth: 'none',
        header: { name: 'Authorization', value: `Bearer ${auth.token}`, enabled: true },
      }
    case 'header':
      return { auth: 'none', header: { name: auth.name, value: auth.value, enabled: true } }
    case 'basic': {
      // Only a literal username and password can be encoded here; with variables the collection
      // store's variable resolution has to do it.
      if (`${auth.username}${auth.password}`.includes('{{')) return { auth: 'none' }
      const value = btoa(`${auth.username}:${auth.password}`)
      return {
        auth: 'none',
        header: { name: 'Authorization', value: `Basic ${value}`, enabled: true },
      }
    }
  }
}

export function toTabRequest(
  request: SavedRequest,
  inherited: SavedAuth | undefined,
  collectionVars: readonly CollectionVariable[],
): TabRequest {
  const values = valuesOf(request.variables, collectionVars)
  const f = (t: string) => fill(t, values)
  const effective =
    request.auth.kind === 'inherit' ? (inherited ?? { kind: 'profile-token' }) : request.auth
  const { auth, header } = authParts(effective)
  const rows = (list: readonly KeyValueRow[]) =>
    list.map((r) => ({ name: f(r.name), value: f(r.value), enabled: r.enabled !== false }))
  const headers = rows(request.headers)
  if (header && !headers.some((h) => h.name.toLowerCase() === header.name.toLowerCase()))
    headers.push(header)
  const draft: TabRequest = {
    method: request.method,
    url: f(request.url),
    query: rows(request.query),
    headers,
    auth,
  }
  const body = request.body
  if (body && body.kind !== 'none') {
    draft.body =
      body.kind === 'form'
        ? { kind: 'form', fields: rows(body.fields ?? []) }
        : { kind: body.kind, text: f(body.text ?? '') }
  }
  if (request.timeoutMs) draft.timeoutMs = request.timeoutMs
  return draft
}

/** Every request of a tree with its folder, summary fields and tab draft. */
export function importedRequests(
  tree: CollectionTree,
  extraVars: readonly CollectionVariable[] = [],
): ImportedRequest[] {
  const out: ImportedRequest[] = []
  const vars = [...extraVars, ...tree.variables]
  const walk = (
    items: readonly CollectionItem[],
    folder: string,
    inherited: SavedAuth | undefined,
  ) => {
    for (const item of items) {
      if (item.type === 'folder') {
        const auth = item.auth && item.auth.kind !== 'inherit' ? item.auth : inherited
        walk(item.items, folder ? `${folder} / ${item.name}` : item.name, auth)
      } else {
        out.push({
          name: item.name,
          folder,
          method: item.method,
          url: item.url,
          auth: item.auth.kind,
          draft: toTabRequest(item, inherited, vars),
        })
      }
    }
  }
  walk(tree.items, '', tree.auth && tree.auth.kind !== 'inherit' ? tree.auth : undefined)
  return out
}
