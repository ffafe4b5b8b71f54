/**
 * Reading a collection from a path given on the command line (or by an import). Today: a
 * collection folder in this app's format. The importers extend `loadCollectionFrom` to read
 * other formats (Bruno folders, Postman files) into the same shape.
 */
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { SavedAuth } from '../../shared/collection'
import type { CollectionVariable } from '../../shared/collection'
import type { DamagedFile, StoredItem } from '../../shared/collections-api'
import { COLLECTION_FILE } from './format'
import { readCollection } from './read-collection'

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
  if (!info.isDirectory()) {
    throw new CollectionPathError(
      `${abs} is a file: give the collection's folder (the one holding ${COLLECTION_FILE}).`,
    )
  }
  const header = await stat(join(abs, COLLECTION_FILE)).catch(() => null)
  if (!header)
    throw new CollectionPathError(
      `${abs} has no ${COLLECTION_FILE}: it is not a collection folder.`,
    )
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
