/**
 * Reading a collection from a path given on the command line: a collection folder in this app's
 * format, or anything the importers read (a Bruno folder, a Postman or OpenAPI file, a cURL line
 * in a file), converted into the same shape without writing anything.
 */
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { SavedAuth } from '../../shared/collection'
import type { CollectionVariable } from '../../shared/collection'
import type { DamagedFile, StoredItem } from '../../shared/collections-api'
import { importFromPath } from '../import'
import { withEnvironment } from '../import/import-service'
import { COLLECTION_FILE } from './format'
import { readCollection } from './read-collection'
import { storedItems } from './tree'

export interface LoadedCollection {
  name: string
  dir: string
  variables: CollectionVariable[]
  auth?: SavedAuth
  items: StoredItem[]
  damaged: DamagedFile[]
}

export class CollectionPathError extends Error {
  override readonly name = 'CollectionPathError'
}

export async function loadCollectionFrom(path: string): Promise<LoadedCollection> {
  const abs = resolve(path)
  const info = await stat(abs).catch(() => null)
  if (!info) throw new CollectionPathError(`${abs} does not exist.`)
  const header = info.isDirectory()
    ? await stat(join(abs, COLLECTION_FILE)).catch(() => null)
    : null
  if (!header) return importedFrom(abs)
  const read = await readCollection(abs)
  const out: LoadedCollection = {
    name: read.name,
    dir: abs,
    variables: read.variables,
    items: read.items,
    damaged: read.damaged,
  }
  if (read.auth) out.auth = read.auth
  return out
}

/** Anything importable, read as a collection (nothing is written). */
async function importedFrom(abs: string): Promise<LoadedCollection> {
  let imported
  try {
    imported = await importFromPath(abs)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new CollectionPathError(
      `${abs} is neither a collection folder (no ${COLLECTION_FILE}) nor something the app can import: ${why}`,
    )
  }
  // As the app's Import does by default: the first environment's variables join the collection's.
  const tree = withEnvironment(imported.collection, imported.environments[0])
  const out: LoadedCollection = {
    name: tree.name,
    dir: abs,
    variables: tree.variables,
    items: storedItems(tree.items),
    damaged: [],
  }
  if (tree.auth) out.auth = tree.auth
  return out
}
