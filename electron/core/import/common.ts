/**
 * Small helpers the importers share: URL and query splitting, `:name` path segments, variable
 * references, secret scrubbing (a literal token or password never reaches a collection file) and
 * walking a tree.
 */
import type {
  CollectionFolder,
  CollectionItem,
  CollectionTree,
  HttpMethod,
  SavedRequest,
  SkippedItem,
} from '../../shared/collection'
import { HTTP_METHODS, type KeyValueRow } from '../../shared/workbench'

/** `{{name}}` and nothing else (spaces inside the braces allowed). */
const WHOLE_VARIABLE = /^\{\{\s*([^{}\s]+)\s*\}\}$/

export const variableName = (value: string): string | undefined =>
  WHOLE_VARIABLE.exec(value.trim())?.[1]

export const isVariableOnly = (value: string): boolean => variableName(value) !== undefined

/** Every `{{name}}` in a text. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!)
}

/** Renames `{{from}}` to `{{to}}` everywhere in a text; `used` collects the names renamed. */
export function renameVariables(
  text: string,
  renames: ReadonlyMap<string, string>,
  used?: Set<string>,
): string {
  if (renames.size === 0 || !text.includes('{{')) return text
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => {
    const to = renames.get(name)
    if (!to) return whole
    used?.add(name)
    return `{{${to}}}`
  })
}

export function toMethod(value: string | undefined, where: string): HttpMethod {
  const upper = (value ?? 'GET').toUpperCase()
  if ((HTTP_METHODS as readonly string[]).includes(upper)) return upper as HttpMethod
  throw new Error(`${where}: the method ${value} is not one the app can send`)
}

/** Splits `url?a=1&b` into the URL without its query and the query rows (all enabled). */
export function splitQuery(url: string): { url: string; query: KeyValueRow[] } {
  const hash = url.indexOf('#')
  const noHash = hash >= 0 ? url.slice(0, hash) : url
  const at = noHash.indexOf('?')
  if (at < 0) return { url: noHash, query: [] }
  const query = noHash
    .slice(at + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=')
      const name = eq >= 0 ? part.slice(0, eq) : part
      const value = eq >= 0 ? part.slice(eq + 1) : ''
      return { name: decodeQueryPart(name), value: decodeQueryPart(value), enabled: true }
    })
  return { url: noHash.slice(0, at), query }
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * `:name` path segments become `{{name}}`, or the value given for them when that is itself a
 * variable. A literal value becomes a request variable, so the URL keeps the name.
 */
export function replacePathParams(
  url: string,
  params: ReadonlyMap<string, string>,
): { url: string; variables: { name: string; value: string; enabled: boolean }[] } {
  const variables: { name: string; value: string; enabled: boolean }[] = []
  const replaced = url.replace(/(^|\/):([A-Za-z_][\w.-]*)(?=\/|$|\?|#)/g, (_m, lead, name) => {
    const value = (params.get(name) ?? '').trim()
    const asVariable = variableName(value)
    if (asVariable) return `${lead}{{${asVariable}}}`
    if (value !== '') variables.push({ name, value, enabled: true })
    return `${lead}{{${name}}}`
  })
  return { url: replaced, variables }
}

/**
 * A secret written literally (a token, a password, an API key value) is never kept: it becomes
 * the variable `{{fallback}}` and the summary says what was left out. A `{{variable}}` stays.
 */
export function scrubSecret(
  value: string,
  fallback: string,
  where: string,
  skipped: SkippedItem[],
): string {
  if (value.trim() === '' || isVariableOnly(value)) return value.trim()
  skipped.push({
    what: `${where}: the literal ${fallback}`,
    why: `a secret is never stored in a collection; it was replaced by {{${fallback}}}`,
  })
  return `{{${fallback}}}`
}

export function newRequest(
  fields: Pick<SavedRequest, 'name' | 'method' | 'url'> & Partial<SavedRequest>,
): SavedRequest {
  return { type: 'request', query: [], headers: [], auth: { kind: 'inherit' }, ...fields }
}

/** Calls `visit` for every request with its folder path ("A / B"). */
export function eachRequest(
  items: readonly CollectionItem[],
  visit: (request: SavedRequest, folder: string) => void,
  folder = '',
): void {
  for (const item of items) {
    if (item.type === 'request') visit(item, folder)
    else eachRequest(item.items, visit, folder ? `${folder} / ${item.name}` : item.name)
  }
}

export function eachFolder(
  items: readonly CollectionItem[],
  visit: (folder: CollectionFolder, path: string) => void,
  parent = '',
): void {
  for (const item of items) {
    if (item.type !== 'folder') continue
    const path = parent ? `${parent} / ${item.name}` : item.name
    visit(item, path)
    eachFolder(item.items, visit, path)
  }
}

/** Removes requests for which `drop` says why (empty folders left behind too); returns how many. */
export function dropRequests(
  tree: CollectionTree,
  drop: (request: SavedRequest) => string | undefined,
  skipped: SkippedItem[],
): number {
  let dropped = 0
  const prune = (items: CollectionItem[], folder: string): CollectionItem[] =>
    items.flatMap((item): CollectionItem[] => {
      const where = folder ? `${folder} / ${item.name}` : item.name
      if (item.type === 'request') {
        const why = drop(item)
        if (!why) return [item]
        skipped.push({ what: `request “${where}”`, why })
        dropped++
        return []
      }
      const had = item.items.length
      item.items = prune(item.items, where)
      return had > 0 && item.items.length === 0 ? [] : [item]
    })
  tree.items = prune(tree.items, '')
  return dropped
}
