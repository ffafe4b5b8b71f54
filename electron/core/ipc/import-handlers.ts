/**
 * The `import:*` and `export:*` channels (issue 15), kept out of handlers.ts so the table there
 * only spreads them in. Import errors reach the renderer with their code and helpful details
 * (the file, the line or field, what was expected).
 */
import { basename } from 'node:path'
import type { CollectionTree } from '../../shared/collection'
import { HandlerError } from '../../shared/result'
import { exportCollection, folderAsCollection } from '../export/index'
import { safeFileName } from '../export/bruno'
import { asHandlerError, ImportService } from '../import/import-service'
import type { CollectionReader, CollectionWriter } from '../import/import-service'
import type { AppServices } from '../services/app-services'
import type { HandlerTable } from './dispatch'

type ImportChannels =
  | 'import:pick'
  | 'import:text'
  | 'import:confirm'
  | 'import:cancel'
  | 'import:curl'
  | 'export:collection'

const stores = new WeakMap<
  AppServices,
  { service: ImportService; store: CollectionWriter & CollectionReader }
>()

/** The app's collection store, as the import service writes to it and export reads from it. */
function collectionStore(services: AppServices): CollectionWriter & CollectionReader {
  return {
    create: async (tree) => ({ id: (await services.collections.createCollection(tree)).id }),
    read: (id) => services.collections.readTree(id),
  }
}

/** One import service per app, writing into the collection store (or a host's stand-in). */
function importsOf(services: AppServices) {
  let entry = stores.get(services)
  if (!entry) {
    const store = services.ports.collections ?? collectionStore(services)
    entry = { service: new ImportService({ writer: store }), store }
    stores.set(services, entry)
  }
  return entry
}

/** The active profile's two API bases: a bearer token for them becomes "the profile's token". */
function profileBases(services: AppServices, profileId?: string): string[] {
  const id = profileId ?? services.profiles.activeId()
  if (!id) return []
  try {
    const env = services.auth.environmentFor(services.profiles.require(id))
    return [env.apiBase, env.invitationsBase]
  } catch {
    return []
  }
}

async function guarded<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw asHandlerError(error)
  }
}

export function createImportHandlers(services: AppServices): Pick<HandlerTable, ImportChannels> {
  return {
    'import:pick': ({ kind, format }) =>
      guarded(async () => {
        const choose = services.ports.chooseImportPath
        if (!choose)
          throw new HandlerError(
            'not-supported',
            'Choosing a file is not available here: paste the content instead.',
          )
        const path = await choose(kind)
        if (!path) return { kind: 'cancelled' as const }
        const { service } = importsOf(services)
        if (kind === 'file' && !format) {
          // A profile export of this app goes to the profiles import, as before.
          const { readFile } = await import('node:fs/promises')
          const text = await readFile(path, 'utf8').catch(() => undefined)
          if (text !== undefined && service.isProfileExport(text, basename(path))) {
            return { kind: 'profiles' as const, added: await services.profiles.importJson(text) }
          }
        }
        return {
          kind: 'collection' as const,
          preview: await service.previewPath(path, format, profileBases(services)),
        }
      }),
    'import:text': ({ text, name, format }) =>
      guarded(async () => {
        const { service } = importsOf(services)
        const file = name ?? 'The pasted text'
        if (!format && service.isProfileExport(text, file)) {
          return { kind: 'profiles' as const, added: await services.profiles.importJson(text) }
        }
        return {
          kind: 'collection' as const,
          preview: service.previewText(text, file, format, profileBases(services)),
        }
      }),
    'import:confirm': ({ previewId, environment }) =>
      guarded(() => importsOf(services).service.confirm(previewId, environment)),
    'import:cancel': ({ previewId }) => {
      importsOf(services).service.cancel(previewId)
      return null
    },
    'import:curl': ({ profileId, text }) =>
      guarded(() => importsOf(services).service.curlDraft(text, profileBases(services, profileId))),
    'export:collection': ({ collectionId, format, folder }) =>
      guarded(async () => {
        const choose = services.ports.chooseExportPath
        if (!choose)
          throw new HandlerError(
            'not-supported',
            'Exporting needs a place to save, which is not available here.',
          )
        let tree: CollectionTree = await importsOf(services).store.read(collectionId)
        if (folder?.length) tree = folderAsCollection(tree, folder)
        const path = await choose({
          defaultName:
            format === 'postman'
              ? `${safeFileName(tree.name)}.postman_collection.json`
              : safeFileName(tree.name),
          kind: format === 'postman' ? 'file' : 'folder',
        })
        if (!path) return { saved: false }
        await exportCollection(tree, format, path).catch((error: unknown) => {
          throw new HandlerError(
            'export:failed',
            `The export could not be written: ${(error as Error).message}`,
            { path },
          )
        })
        return { saved: true, path }
      }),
  }
}
