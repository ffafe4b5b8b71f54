/**
 * The app's import: read what the user chose or pasted, keep the parsed collection in main and
 * show its summary; write it through the collection store only when the user confirms. Nothing is
 * written on Cancel or on an error, and a collection is written whole or not at all (the store's
 * `create` is one call).
 */
import { randomUUID } from 'node:crypto'
import type { CollectionTree, ImportResult } from '../../shared/collection'
import type { ImportedCollection, ImportPreview } from '../../shared/import'
import { HandlerError } from '../../shared/result'
import { curlToRequest } from './curl'
import { detectText } from './detect'
import { ImportError } from './import-error'
import { importFromPath, importFromText, type RequestedFormat } from './index'
import { summarise } from './summary'
import { importedRequests, toTabRequest } from './to-draft'
import type { TabRequest } from '../../shared/import'

/**
 * Where confirmed imports go: the collection store (issue 14) implements this; `create` writes a
 * whole collection atomically and returns its id.
 */
export interface CollectionWriter {
  create(tree: CollectionTree): Promise<{ id: string }>
}

/** Reads a stored collection back (for export); the collection store implements it too. */
export interface CollectionReader {
  read(id: string): Promise<CollectionTree>
}

/** A copy of the collection with an environment's variables added (the collection's own win). */
export function withEnvironment(
  collection: CollectionTree,
  env: ImportResult['environments'][number] | undefined,
): CollectionTree {
  const tree = structuredClone(collection)
  if (!env) return tree
  const have = new Set(tree.variables.map((v) => v.name))
  tree.variables.push(...env.variables.filter((v) => !have.has(v.name)))
  return tree
}

/** A stand-in store for tests and for builds without the collection store: keeps trees in memory. */
export class MemoryCollectionWriter implements CollectionWriter, CollectionReader {
  readonly collections = new Map<string, CollectionTree>()
  async read(id: string): Promise<CollectionTree> {
    const tree = this.collections.get(id)
    if (!tree) throw new HandlerError('not-found', `There is no collection ${id}.`)
    return structuredClone(tree)
  }
  async create(tree: CollectionTree): Promise<{ id: string }> {
    const id = `c${this.collections.size + 1}-${randomUUID().slice(0, 8)}`
    this.collections.set(id, structuredClone(tree))
    return { id }
  }
}

/** `import:*` errors as the renderer sees them: the message, and details that help. */
export function asHandlerError(error: unknown): unknown {
  if (error instanceof ImportError)
    return new HandlerError(error.code, error.message, error.details)
  return error
}

const MAX_PENDING = 5

export interface ImportServiceDeps {
  writer: CollectionWriter
}

export class ImportService {
  private readonly pending = new Map<string, ImportResult>()

  constructor(private readonly deps: ImportServiceDeps) {}

  private remember(result: ImportResult): ImportPreview {
    const previewId = randomUUID().replace(/-/g, '')
    this.pending.set(previewId, result)
    // Only the last few summaries wait for an answer; older ones were abandoned.
    while (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!)
    return {
      previewId,
      ...summarise(result),
      environments: result.environments.map((e) => ({
        name: e.name,
        variables: e.variables.map((v) => v.name),
      })),
    }
  }

  async previewPath(
    path: string,
    format?: RequestedFormat,
    profileBases?: readonly string[],
  ): Promise<ImportPreview> {
    return this.remember(
      await importFromPath(path, format, profileBases ? { curl: { profileBases } } : {}),
    )
  }

  /** True when a text is a profile export of this app (the profiles import takes it). */
  isProfileExport(text: string, name: string): boolean {
    try {
      return detectText(text, name).format === 'app'
    } catch {
      return false
    }
  }

  previewText(
    text: string,
    name: string,
    format?: RequestedFormat,
    profileBases?: readonly string[],
  ): ImportPreview {
    return this.remember(
      importFromText(text, name, {
        ...(format ? { format } : {}),
        ...(profileBases ? { curl: { profileBases } } : {}),
      }),
    )
  }

  /** Writes the previewed collection (with the chosen environment's variables) and forgets it. */
  async confirm(previewId: string, environment?: string): Promise<ImportedCollection> {
    const result = this.pending.get(previewId)
    if (!result) {
      throw new HandlerError(
        'import:expired',
        'This import is no longer waiting for confirmation: choose the file again.',
      )
    }
    const env = environment
      ? result.environments.find((e) => e.name === environment)
      : result.environments[0]
    if (environment && !env)
      throw new HandlerError(
        'import:no-environment',
        `The import has no environment “${environment}”.`,
      )
    const tree = withEnvironment(result.collection, env)
    const notes: string[] = []
    if (env) notes.push(`The variables of environment “${env.name}” were added to the collection.`)
    const { id } = await this.deps.writer.create(tree)
    this.pending.delete(previewId)
    return { id, name: tree.name, requests: importedRequests(tree), notes }
  }

  cancel(previewId: string): void {
    this.pending.delete(previewId)
  }

  /** A `curl …` line pasted into the URL box, as the tab's request. Tokens for the profile's hosts are not kept. */
  curlDraft(text: string, profileBases: readonly string[]): { draft: TabRequest; notes: string[] } {
    const { request, notes, skipped } = curlToRequest(text, {
      profileBases,
      keepForeignSecrets: true,
    })
    return {
      draft: toTabRequest(request, undefined, []),
      notes: [...notes, ...skipped.map((s) => `${s.what}: ${s.why}`)],
    }
  }
}
