import { join } from 'node:path'
import type { CollectionTree, SavedRequest } from '../../../electron/shared/collection'
import { eachRequest } from '../../../electron/core/import/common'

export const FIXTURES = join(import.meta.dirname, '../../fixtures/import')

/** Every request of a tree by "folder / name". */
export function requestsByPath(tree: CollectionTree): Map<string, SavedRequest> {
  const out = new Map<string, SavedRequest>()
  eachRequest(tree.items, (r, folder) => out.set(folder ? `${folder} / ${r.name}` : r.name, r))
  return out
}

export function requestAt(tree: CollectionTree, path: string): SavedRequest {
  const r = requestsByPath(tree).get(path)
  if (!r) throw new Error(`no request ${path}; have ${[...requestsByPath(tree).keys()].join(', ')}`)
  return r
}
