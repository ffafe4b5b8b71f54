/**
 * Between the two shapes of a collection: `CollectionTree` (plain data: what importers produce and
 * exporters read) and the stored shape (`StoredItem`, each item with its path in the folder).
 */
import type { CollectionItem, CollectionTree } from '../../shared/collection'
import type { StoredItem } from '../../shared/collections-api'
import type { LoadedCollection } from './load'

/** The stored items without their paths, as plain collection items. */
export function plainItems(items: readonly StoredItem[]): CollectionItem[] {
  return items.map((item) => {
    const { path: _path, ...rest } = item
    if (rest.type === 'request') return rest
    return { ...rest, items: plainItems(rest.items) }
  })
}

/** A loaded or stored collection as a tree (for export). */
export function treeOf(read: Omit<LoadedCollection, 'dir' | 'damaged'> & { docs?: string }) {
  const tree: CollectionTree = {
    name: read.name,
    variables: read.variables,
    items: plainItems(read.items),
  }
  if (read.auth) tree.auth = read.auth
  if (read.docs) tree.docs = read.docs
  return tree
}

/** Plain items with paths made from their names (`Reviews/List reviews`), for a run by name. */
export function storedItems(items: readonly CollectionItem[], parent = ''): StoredItem[] {
  return items.map((item) => {
    const path = parent ? `${parent}/${item.name}` : item.name
    if (item.type === 'request') return { ...item, path }
    return { ...item, path, items: storedItems(item.items, path) }
  })
}
