/**
 * Export, shared by the app and the command line: a collection (or one folder of it) to Postman
 * Collection v2.1 JSON or a Bruno folder, a request to cURL. Secrets are never written.
 */
import { writeFile, rename, rm } from 'node:fs/promises'
import type { CollectionFolder, CollectionItem, CollectionTree } from '../../shared/collection'
import { toBrunoFiles, writeBrunoFolder } from './bruno'
import { toPostmanJson } from './postman'

export { requestToCurl } from './curl'
export { toPostman, toPostmanJson } from './postman'
export { toBrunoFiles, writeBrunoFolder } from './bruno'

export type ExportFormat = 'postman' | 'bruno'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['postman', 'bruno']

/** One folder of a collection as a collection of its own (its name, the collection's variables). */
export function folderAsCollection(tree: CollectionTree, path: readonly string[]): CollectionTree {
  let items: CollectionItem[] = tree.items
  let folder: CollectionFolder | undefined
  for (const name of path) {
    folder = items.find((i): i is CollectionFolder => i.type === 'folder' && i.name === name)
    if (!folder) throw new Error(`There is no folder “${path.join(' / ')}” in ${tree.name}.`)
    items = folder.items
  }
  if (!folder) return tree
  return {
    name: folder.name,
    variables: tree.variables,
    items: folder.items,
    ...(folder.auth ? { auth: folder.auth } : tree.auth ? { auth: tree.auth } : {}),
    ...(folder.docs ? { docs: folder.docs } : {}),
    ...(folder.scripts ? { scripts: folder.scripts } : {}),
  }
}

/** Writes the export to `out` (a `.json` file for Postman, a new folder for Bruno). */
export async function exportCollection(
  tree: CollectionTree,
  format: ExportFormat,
  out: string,
): Promise<void> {
  if (format === 'bruno') return writeBrunoFolder(out, toBrunoFiles(tree))
  const temp = `${out}.partial-${process.pid}`
  try {
    await writeFile(temp, toPostmanJson(tree), 'utf8')
    await rename(temp, out)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
