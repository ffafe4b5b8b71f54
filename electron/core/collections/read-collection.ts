/**
 * Reads a collection folder into a tree. Every file is checked on its own: a damaged file or one
 * with an unknown version is listed in `damaged` (file and reason) and skipped, never rewritten,
 * and the rest still loads.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parse } from 'yaml'
import type { z } from 'zod'
import type { SavedAuth } from '../../shared/collection'
import type {
  DamagedFile,
  StoredFolder,
  StoredItem,
  StoredRequest,
} from '../../shared/collections-api'
import type { CollectionVariable } from '../../shared/collection'
import { isTempFile } from './atomic-write'
import {
  COLLECTION_FILE,
  collectionFileSchema,
  describeZodError,
  FOLDER_FILE,
  folderFileSchema,
  REQUEST_EXT,
  requestFileSchema,
  type CollectionFile,
} from './format'

export interface ReadCollection {
  id: string
  dir: string
  name: string
  variables: CollectionVariable[]
  auth?: SavedAuth
  docs?: string
  items: StoredItem[]
  damaged: DamagedFile[]
  /** The collection file itself could not be read: it must not be written over. */
  headerDamaged: boolean
  /** The order of each folder as stored ('' is the top level), damaged entries included. */
  orders: Map<string, string[]>
  file?: CollectionFile
}

/** An id for a hand-written collection file without one: stable for the folder. */
export const idForDir = (dir: string): string =>
  `d${createHash('sha256').update(dir).digest('hex').slice(0, 15)}`

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

async function readYaml<T>(file: string, schema: z.ZodType<T>): Promise<Parsed<T>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return {
      ok: false,
      reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    }
  }
  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, reason: `not valid YAML: ${message}` }
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) }
  return { ok: true, value: parsed.data }
}

/** The entries of a folder in saved order: `order` first, the rest sorted by name. */
export function ordered(names: string[], order: string[]): string[] {
  const present = new Set(names)
  const first = order.filter((n, i) => present.has(n) && order.indexOf(n) === i)
  const rest = names.filter((n) => !first.includes(n)).sort((a, b) => a.localeCompare(b))
  return [...first, ...rest]
}

const join2 = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name)

interface FolderRead {
  items: StoredItem[]
}

async function readFolder(
  root: string,
  rel: string,
  order: string[],
  damaged: DamagedFile[],
  orders: Map<string, string[]>,
): Promise<FolderRead> {
  const abs = rel ? join(root, ...rel.split('/')) : root
  const entries = await readdir(abs, { withFileTypes: true })
  const names: string[] = []
  const dirs = new Set<string>()
  for (const e of entries) {
    if (e.name.startsWith('.') || isTempFile(e.name)) continue
    if (e.isDirectory()) {
      names.push(e.name)
      dirs.add(e.name)
    } else if (
      e.isFile() &&
      e.name.endsWith(REQUEST_EXT) &&
      e.name !== COLLECTION_FILE &&
      e.name !== FOLDER_FILE
    ) {
      names.push(e.name)
    }
  }
  orders.set(rel, order)
  const items: StoredItem[] = []
  for (const name of ordered(names, order)) {
    const path = join2(rel, name)
    const file = join(abs, name)
    if (dirs.has(name)) {
      const header = await readYaml(join(file, FOLDER_FILE), folderFileSchema)
      let folderName = name
      let folderOrder: string[] = []
      const folder: Omit<StoredFolder, 'items'> = { type: 'folder', name, path }
      if (header.ok) {
        folderName = header.value.name
        folderOrder = header.value.order
        if (header.value.auth) folder.auth = header.value.auth
        if (header.value.docs) folder.docs = header.value.docs
        if (header.value.scripts) folder.scripts = header.value.scripts
      } else if (!header.reason.startsWith('cannot be read (ENOENT)')) {
        damaged.push({ file: join(file, FOLDER_FILE), reason: header.reason })
      }
      const inner = await readFolder(root, path, folderOrder, damaged, orders)
      items.push({ ...folder, name: folderName, items: inner.items })
      continue
    }
    const read = await readYaml(file, requestFileSchema)
    if (!read.ok) {
      damaged.push({ file, reason: read.reason })
      continue
    }
    const { version: _v, ...fields } = read.value
    const request: StoredRequest = { type: 'request', ...fields, path } as StoredRequest
    items.push(request)
  }
  return { items }
}

/** Reads the collection in `dir`; throws only when the folder itself cannot be read. */
export async function readCollection(dir: string): Promise<ReadCollection> {
  const damaged: DamagedFile[] = []
  const orders = new Map<string, string[]>()
  const header = await readYaml(join(dir, COLLECTION_FILE), collectionFileSchema)
  const out: ReadCollection = {
    id: idForDir(dir),
    dir,
    name: basename(dir),
    variables: [],
    items: [],
    damaged,
    headerDamaged: !header.ok,
    orders,
  }
  if (header.ok) {
    const f = header.value
    out.file = f
    out.name = f.name
    if (f.id) out.id = f.id
    out.variables = f.variables.map((v) => ({ ...v }))
    if (f.auth) out.auth = f.auth
    if (f.docs) out.docs = f.docs
  } else {
    damaged.push({ file: join(dir, COLLECTION_FILE), reason: header.reason })
  }
  out.items = (
    await readFolder(dir, '', header.ok ? header.value.order : [], damaged, orders)
  ).items
  return out
}
