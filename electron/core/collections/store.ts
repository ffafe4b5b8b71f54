/**
 * Collections on disk: the default folder under the app's data folder, plus folders opened from
 * anywhere (*Open folder…*, remembered in a small registry file). Every write is atomic; a file
 * that could not be read is never written over; secret variable values go to the vault, keyed
 * by collection id and variable name, and never into a collection file.
 */
import { randomUUID } from 'node:crypto'
import { cp, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type {
  CollectionItem,
  CollectionTree,
  CollectionVariable,
  SavedRequest,
} from '../../shared/collection'
import type { CollectionView, StoredItem, VariableInput } from '../../shared/collections-api'
import { HandlerError } from '../../shared/result'
import { maskSecret } from '../redact'
import type { SecretVault } from '../vault/secret-vault'
import { writeFileAtomic } from './atomic-write'
import {
  COLLECTION_FILE,
  describeZodError,
  FOLDER_FILE,
  folderFileSchema,
  REQUEST_EXT,
  requestFileSchema,
  slugFor,
} from './format'
import { readCollection, type ReadCollection } from './read-collection'
import { collectionYaml, folderYaml, requestYaml } from './write-collection'
import { storeVariables } from './secret-variables'

export const COLLECTIONS_FOLDER = 'collections'
const REGISTRY_FILE = 'collections-opened.json'
const TRASH_FOLDER = 'collections-trash'

/** Vault key of a secret variable's value, per collection and variable name. */
export const collectionSecretId = (collectionId: string, name: string): string =>
  `collection:${collectionId}:var:${name}`

export interface CreateOptions {
  /** Parent folder; default: the app's collections folder. */
  parentDir?: string
  /** Write into exactly this folder (must be empty or absent). */
  dir?: string
}

interface Undo {
  collectionId: string
  path: string
  trashDir: string
  orderIndex: number
}

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  )

const parentOf = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
const leafOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
const joinRel = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name)

export class CollectionStore {
  readonly root: string
  private readonly registryFile: string
  private readonly trashRoot: string
  private readonly undos = new Map<string, Undo>()
  private cache = new Map<string, ReadCollection>()

  constructor(
    dataDir: string,
    private readonly vault: SecretVault,
  ) {
    this.root = join(dataDir, COLLECTIONS_FOLDER)
    this.registryFile = join(dataDir, REGISTRY_FILE)
    this.trashRoot = join(dataDir, TRASH_FOLDER)
  }

  // ---- reading ----

  private async openedDirs(): Promise<string[]> {
    try {
      const data = JSON.parse(await readFile(this.registryFile, 'utf8')) as unknown
      const dirs = (data as { dirs?: unknown }).dirs
      return Array.isArray(dirs) ? dirs.filter((d): d is string => typeof d === 'string') : []
    } catch {
      return []
    }
  }

  private async saveOpened(dirs: string[]): Promise<void> {
    await mkdir(dirname(this.registryFile), { recursive: true })
    await writeFileAtomic(this.registryFile, `${JSON.stringify({ version: 1, dirs }, null, 2)}\n`)
  }

  /** Every collection folder: the app's own, then the opened ones. */
  async dirs(): Promise<{ dir: string; external: boolean }[]> {
    const own: string[] = []
    try {
      for (const e of await readdir(this.root, { withFileTypes: true })) {
        if (e.isDirectory() && !e.name.startsWith('.')) own.push(join(this.root, e.name))
      }
    } catch {
      // no collections yet
    }
    own.sort()
    return [
      ...own.map((dir) => ({ dir, external: false })),
      ...(await this.openedDirs()).map((dir) => ({ dir, external: true })),
    ]
  }

  /** Reads every collection again (the watcher and window focus call this). */
  async list(): Promise<CollectionView[]> {
    const views: CollectionView[] = []
    const fresh = new Map<string, ReadCollection>()
    for (const { dir, external } of await this.dirs()) {
      let read: ReadCollection
      try {
        read = await readCollection(dir)
      } catch (error) {
        views.push(this.unreadable(dir, external, error))
        continue
      }
      if (fresh.has(read.id)) read.id = `${read.id}-${fresh.size}` // a copied folder: keep both
      fresh.set(read.id, read)
      views.push(await this.view(read, external))
    }
    this.cache = fresh
    return views
  }

  private unreadable(dir: string, external: boolean, error: unknown): CollectionView {
    return {
      id: `missing-${Buffer.from(dir).toString('hex').slice(-24)}`,
      dir,
      external,
      name: dir,
      variables: [],
      items: [],
      damaged: [
        {
          file: dir,
          reason: `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        },
      ],
    }
  }

  private async view(read: ReadCollection, external: boolean): Promise<CollectionView> {
    const view: CollectionView = {
      id: read.id,
      dir: read.dir,
      external,
      name: read.name,
      variables: await this.maskedVariables(read.id, read.variables),
      items: read.items,
      damaged: read.damaged,
    }
    if (read.auth) view.auth = read.auth
    if (read.docs) view.docs = read.docs
    return view
  }

  async maskedVariables(collectionId: string, vars: CollectionVariable[]) {
    return Promise.all(
      vars.map(async (v) => {
        if (!v.secret) return { ...v }
        const value = await this.vault.get(collectionSecretId(collectionId, v.name))
        return { ...v, value: '', set: !!value, masked: value ? maskSecret(value) : '' }
      }),
    )
  }

  /** The collection as last read (reads it if needed). */
  async get(collectionId: string): Promise<ReadCollection> {
    let read = this.cache.get(collectionId)
    if (!read) {
      await this.list()
      read = this.cache.get(collectionId)
    }
    if (!read)
      throw new HandlerError(
        'not-found',
        'This collection is no longer there (it may have been moved or deleted).',
      )
    // Always the current files: another program may have changed them.
    const again = await readCollection(read.dir)
    again.id = read.id
    this.cache.set(collectionId, again)
    return again
  }

  /** The values of a collection's variables, secret ones from the vault (main only). */
  async variableValues(
    collectionId: string,
  ): Promise<{ values: Record<string, string>; secret: Set<string> }> {
    const read = await this.get(collectionId)
    return this.valuesOf(collectionId, read.variables)
  }

  async valuesOf(collectionId: string, vars: CollectionVariable[]) {
    const values: Record<string, string> = {}
    const secret = new Set<string>()
    for (const v of vars) {
      if (v.enabled === false) continue
      if (v.secret) {
        secret.add(v.name)
        values[v.name] = (await this.vault.get(collectionSecretId(collectionId, v.name))) ?? ''
      } else values[v.name] = v.value
    }
    return { values, secret }
  }

  // ---- creating and opening ----

  /**
   * Writes a whole tree as a new collection (what an import produces, or a new empty one) and
   * returns it as listed. Secret variable values go to the vault, never into the files.
   */
  async createCollection(
    tree: CollectionTree,
    options: CreateOptions = {},
  ): Promise<CollectionView> {
    let dir = options.dir
    if (dir) {
      if ((await exists(dir)) && (await readdir(dir)).length > 0) {
        throw new HandlerError(
          'not-empty',
          `${dir} is not empty: choose an empty folder for a new collection.`,
        )
      }
    } else {
      const parent = options.parentDir ?? this.root
      dir = await this.freeName(parent, slugFor(tree.name), '')
    }
    await mkdir(dir, { recursive: true })
    const id = randomUUID().replace(/-/g, '').slice(0, 20)
    await this.storeSecrets(id, tree.variables)
    const order = await this.writeItems(dir, tree.items)
    const header: Parameters<typeof collectionYaml>[0] = {
      id,
      name: tree.name,
      variables: tree.variables,
      order,
    }
    if (tree.auth) header.auth = tree.auth
    if (tree.docs) header.docs = tree.docs
    if (tree.scripts?.length) header.scripts = tree.scripts
    await writeFileAtomic(join(dir, COLLECTION_FILE), collectionYaml(header))
    if (options.dir || options.parentDir) await this.remember(dir)
    const listed = (await this.list()).find((c) => c.id === id)
    if (!listed)
      throw new HandlerError(
        'failed',
        `The collection was written to ${dir} but could not be read back.`,
      )
    return listed
  }

  private async storeSecrets(
    collectionId: string,
    vars: CollectionVariable[] | undefined,
  ): Promise<void> {
    for (const v of vars ?? []) {
      if (v.secret && v.value)
        await this.vault.set(collectionSecretId(collectionId, v.name), v.value)
    }
  }

  /** Writes items into `dir`; returns their file/folder names in order. */
  private async writeItems(dir: string, items: CollectionItem[]): Promise<string[]> {
    const order: string[] = []
    for (const item of items) {
      if (item.type === 'folder') {
        const sub = await this.freeName(dir, slugFor(item.name), '')
        await mkdir(sub, { recursive: true })
        const inner = await this.writeItems(sub, item.items)
        const header: Parameters<typeof folderYaml>[0] = { name: item.name, order: inner }
        if (item.auth) header.auth = item.auth
        if (item.docs) header.docs = item.docs
        if (item.scripts?.length) header.scripts = item.scripts
        await writeFileAtomic(join(sub, FOLDER_FILE), folderYaml(header))
        order.push(leafOf(sub.replaceAll('\\', '/')))
      } else {
        const file = await this.freeName(dir, slugFor(item.name), REQUEST_EXT)
        await writeFileAtomic(file, this.requestText(item))
        order.push(leafOf(file.replaceAll('\\', '/')))
      }
    }
    return order
  }

  private requestText(request: SavedRequest): string {
    const { type: _t, ...fields } = request as SavedRequest & { path?: string }
    delete (fields as { path?: string }).path
    const checked = requestFileSchema.safeParse({ version: 1, ...fields })
    if (!checked.success) {
      throw new HandlerError(
        'invalid-request',
        `The request “${request.name}” cannot be saved: ${describeZodError(checked.error)}.`,
      )
    }
    const { version: _v, ...clean } = checked.data
    return requestYaml({ type: 'request', ...clean } as SavedRequest)
  }

  /** A name in `parent` not yet taken: `slug`, `slug-2`, `slug-3`… */
  private async freeName(parent: string, slug: string, ext: string): Promise<string> {
    const reserved = new Set([COLLECTION_FILE, FOLDER_FILE])
    for (let n = 1; ; n++) {
      const candidate = join(parent, `${slug}${n > 1 ? `-${n}` : ''}${ext}`)
      const name = leafOf(candidate.replaceAll('\\', '/'))
      if (!reserved.has(name) && !(await exists(candidate))) return candidate
    }
  }

  private async remember(dir: string): Promise<void> {
    const abs = resolve(dir)
    if (abs.startsWith(this.root + '/') || abs.startsWith(this.root + '\\')) return
    const opened = await this.openedDirs()
    if (!opened.includes(abs)) await this.saveOpened([...opened, abs])
  }

  /**
   * *Open folder…*: a collection folder anywhere on disk. An empty folder becomes a new
   * collection; a folder with files but no collection file is refused (nothing is written there).
   */
  async open(dir: string): Promise<CollectionView> {
    const abs = resolve(dir)
    if (!(await exists(abs))) throw new HandlerError('not-found', `${abs} does not exist.`)
    if (!(await exists(join(abs, COLLECTION_FILE)))) {
      if ((await readdir(abs)).length > 0) {
        throw new HandlerError(
          'not-a-collection',
          `${abs} has no ${COLLECTION_FILE}: it is not a collection folder. Choose the folder that holds ${COLLECTION_FILE}, or an empty folder for a new collection.`,
        )
      }
      const name = leafOf(abs.replaceAll('\\', '/')) || 'Collection'
      return this.createCollection({ name, variables: [], items: [] }, { dir: abs })
    }
    await this.remember(abs)
    const found = (await this.list()).find((c) => c.dir === abs)
    if (!found) throw new HandlerError('failed', `${abs} could not be read.`)
    return found
  }

  /** Forgets an opened folder (its files stay where they are). */
  async close(collectionId: string): Promise<null> {
    const read = await this.get(collectionId)
    const opened = await this.openedDirs()
    await this.saveOpened(opened.filter((d) => d !== read.dir))
    return null
  }

  // ---- writing items ----

  private abs(read: ReadCollection, path: string): string {
    return path ? join(read.dir, ...path.split('/')) : read.dir
  }

  private findItem(read: ReadCollection, path: string): StoredItem | undefined {
    const walk = (items: StoredItem[]): StoredItem | undefined => {
      for (const i of items) {
        if (i.path === path) return i
        if (i.type === 'folder') {
          const found = walk(i.items)
          if (found) return found
        }
      }
      return undefined
    }
    return walk(read.items)
  }

  private requireItem(read: ReadCollection, path: string): StoredItem {
    const item = this.findItem(read, path)
    if (!item)
      throw new HandlerError(
        'not-found',
        `“${path}” is not in the collection “${read.name}” (it may have been changed on disk).`,
      )
    return item
  }

  private requireFolder(read: ReadCollection, folder: string): void {
    if (folder === '') return
    const item = this.requireItem(read, folder)
    if (item.type !== 'folder')
      throw new HandlerError('not-a-folder', `“${folder}” is a request, not a folder.`)
  }

  /** Rewrites a folder's order (the collection file for the top level), unless it is damaged. */
  private async writeOrder(read: ReadCollection, folder: string, order: string[]): Promise<void> {
    if (folder === '') {
      this.refuseIfHeaderDamaged(read)
      const f = read.file!
      const header: Parameters<typeof collectionYaml>[0] = {
        id: read.id,
        name: f.name,
        variables: f.variables,
        order,
      }
      if (f.auth) header.auth = f.auth
      if (f.docs) header.docs = f.docs
      if (f.scripts) header.scripts = f.scripts
      await writeFileAtomic(join(read.dir, COLLECTION_FILE), collectionYaml(header))
      return
    }
    const file = join(this.abs(read, folder), FOLDER_FILE)
    let header: Parameters<typeof folderYaml>[0] = { name: leafOf(folder), order }
    if (await exists(file)) {
      const parsed = folderFileSchema.safeParse(await readYamlLoose(file))
      if (!parsed.success) {
        throw new HandlerError(
          'damaged',
          `${file} is damaged (${describeZodError(parsed.error)}); fix it by hand first, it is not written over.`,
        )
      }
      const { version: _v, ...rest } = parsed.data
      header = { ...rest, order }
    }
    await writeFileAtomic(file, folderYaml(header))
  }

  private refuseIfHeaderDamaged(read: ReadCollection): void {
    if (read.headerDamaged || !read.file) {
      throw new HandlerError(
        'damaged',
        `${join(read.dir, COLLECTION_FILE)} is damaged; fix it by hand first, it is not written over.`,
      )
    }
  }

  private orderOf(read: ReadCollection, folder: string): string[] {
    const stored = read.orders.get(folder) ?? []
    const walkItems =
      folder === ''
        ? read.items
        : ((this.findItem(read, folder) as { items?: StoredItem[] } | undefined)?.items ?? [])
    const names = walkItems.map((i) => leafOf(i.path))
    // Keep entries of damaged files (still on disk) where they were.
    return [...stored, ...names.filter((n) => !stored.includes(n))]
  }

  /** Saves a request: over its file when `path` is given, else as a new file in `folder`. */
  async saveRequest(
    collectionId: string,
    request: SavedRequest,
    at: { path?: string; folder?: string },
  ): Promise<string> {
    const read = await this.get(collectionId)
    const text = this.requestText(request)
    await this.storeSecrets(collectionId, request.variables)
    if (at.path) {
      const existing = this.findItem(read, at.path)
      if (existing && existing.type !== 'request')
        throw new HandlerError('not-a-request', `“${at.path}” is a folder.`)
      if (!existing && !(await exists(this.abs(read, at.path)))) {
        throw new HandlerError('not-found', `“${at.path}” is no longer in the collection.`)
      }
      await writeFileAtomic(this.abs(read, at.path), text)
      return at.path
    }
    const folder = at.folder ?? ''
    this.requireFolder(read, folder)
    const file = await this.freeName(this.abs(read, folder), slugFor(request.name), REQUEST_EXT)
    const name = leafOf(file.replaceAll('\\', '/'))
    const order = this.orderOf(read, folder)
    await writeFileAtomic(file, text)
    await this.writeOrder(read, folder, [...order.filter((n) => n !== name), name])
    return joinRel(folder, name)
  }

  async createFolder(collectionId: string, parent: string, name: string): Promise<string> {
    const read = await this.get(collectionId)
    this.requireFolder(read, parent)
    const dir = await this.freeName(this.abs(read, parent), slugFor(name), '')
    await mkdir(dir)
    await writeFileAtomic(join(dir, FOLDER_FILE), folderYaml({ name, order: [] }))
    const leaf = leafOf(dir.replaceAll('\\', '/'))
    await this.writeOrder(read, parent, [...this.orderOf(read, parent), leaf])
    return joinRel(parent, leaf)
  }

  /** Renames an item (its display name; the file keeps its place in the order, under a new slug). */
  async rename(collectionId: string, path: string, name: string): Promise<string> {
    const read = await this.get(collectionId)
    if (path === '') {
      this.refuseIfHeaderDamaged(read)
      const f = read.file!
      await writeFileAtomic(
        join(read.dir, COLLECTION_FILE),
        collectionYaml({ ...f, id: read.id, name }),
      )
      return ''
    }
    const item = this.requireItem(read, path)
    const folder = parentOf(path)
    const oldLeaf = leafOf(path)
    const ext = item.type === 'request' ? REQUEST_EXT : ''
    const target =
      slugFor(name) + ext === oldLeaf
        ? this.abs(read, path)
        : await this.freeName(this.abs(read, folder), slugFor(name), ext)
    const newLeaf = leafOf(target.replaceAll('\\', '/'))
    if (item.type === 'request') {
      await writeFileAtomic(target, this.requestText({ ...item, name }))
      if (newLeaf !== oldLeaf) await rm(this.abs(read, path))
    } else {
      if (newLeaf !== oldLeaf) await rename(this.abs(read, path), target)
      const { items: _i, path: _p, type: _t, ...rest } = item
      const header = { ...rest, name, order: read.orders.get(path) ?? [] }
      await writeFileAtomic(join(target, FOLDER_FILE), folderYaml(header))
    }
    if (newLeaf !== oldLeaf) {
      await this.writeOrder(
        read,
        folder,
        this.orderOf(read, folder).map((n) => (n === oldLeaf ? newLeaf : n)),
      )
    }
    return joinRel(folder, newLeaf)
  }

  async duplicate(collectionId: string, path: string): Promise<string> {
    const read = await this.get(collectionId)
    const item = this.requireItem(read, path)
    const folder = parentOf(path)
    const copyName = `${item.name} copy`
    const ext = item.type === 'request' ? REQUEST_EXT : ''
    const target = await this.freeName(this.abs(read, folder), slugFor(copyName), ext)
    if (item.type === 'request')
      await writeFileAtomic(target, this.requestText({ ...item, name: copyName }))
    else {
      await cp(this.abs(read, path), target, { recursive: true, errorOnExist: true })
      const { items: _i, path: _p, type: _t, ...rest } = item
      await writeFileAtomic(
        join(target, FOLDER_FILE),
        folderYaml({ ...rest, name: copyName, order: read.orders.get(path) ?? [] }),
      )
    }
    const leaf = leafOf(target.replaceAll('\\', '/'))
    const order = this.orderOf(read, folder)
    const at = order.indexOf(leafOf(path))
    order.splice(at + 1, 0, leaf)
    await this.writeOrder(read, folder, order)
    return joinRel(folder, leaf)
  }

  /** Moves an item into `folder` (at `index`, default last). */
  async move(collectionId: string, path: string, folder: string, index?: number): Promise<string> {
    const read = await this.get(collectionId)
    const item = this.requireItem(read, path)
    this.requireFolder(read, folder)
    if (item.type === 'folder' && (folder === path || folder.startsWith(`${path}/`))) {
      throw new HandlerError('invalid-move', 'A folder cannot be moved into itself.')
    }
    const from = parentOf(path)
    const leaf = leafOf(path)
    let newLeaf = leaf
    if (from !== folder) {
      const ext = item.type === 'request' ? REQUEST_EXT : ''
      const base = ext ? leaf.slice(0, -ext.length) : leaf
      const target = await this.freeName(this.abs(read, folder), base, ext)
      newLeaf = leafOf(target.replaceAll('\\', '/'))
      await rename(this.abs(read, path), target)
      await this.writeOrder(
        read,
        from,
        this.orderOf(read, from).filter((n) => n !== leaf),
      )
    }
    const order = this.orderOf(read, folder).filter((n) => n !== leaf && n !== newLeaf)
    order.splice(index === undefined ? order.length : Math.min(index, order.length), 0, newLeaf)
    await this.writeOrder(read, folder, order)
    return joinRel(folder, newLeaf)
  }

  /** Deletes an item into the app's trash; returns a token for `undo`. */
  async delete(collectionId: string, path: string): Promise<{ token: string }> {
    const read = await this.get(collectionId)
    this.requireItem(read, path)
    const token = randomUUID().replace(/-/g, '')
    const trashDir = join(this.trashRoot, token)
    await mkdir(trashDir, { recursive: true })
    const source = this.abs(read, path)
    const kept = join(trashDir, leafOf(path))
    await cp(source, kept, { recursive: true })
    await rm(source, { recursive: true, force: true })
    const folder = parentOf(path)
    const order = this.orderOf(read, folder)
    const orderIndex = order.indexOf(leafOf(path))
    await this.writeOrder(
      read,
      folder,
      order.filter((n) => n !== leafOf(path)),
    )
    this.undos.set(token, { collectionId, path, trashDir, orderIndex })
    return { token }
  }

  /** Puts a deleted item back where it was. */
  async undo(token: string): Promise<string> {
    const undo = this.undos.get(token)
    if (!undo)
      throw new HandlerError(
        'not-found',
        'Nothing to undo (the app was restarted, or it was undone already).',
      )
    const read = await this.get(undo.collectionId)
    const folder = parentOf(undo.path)
    const leaf = leafOf(undo.path)
    const target = this.abs(read, undo.path)
    if (await exists(target))
      throw new HandlerError(
        'exists',
        `Something named ${leaf} is there again; the deleted copy is kept in ${undo.trashDir}.`,
      )
    await cp(join(undo.trashDir, leaf), target, { recursive: true })
    await rm(undo.trashDir, { recursive: true, force: true })
    const order = this.orderOf(read, folder).filter((n) => n !== leaf)
    order.splice(Math.max(0, Math.min(undo.orderIndex, order.length)), 0, leaf)
    await this.writeOrder(read, folder, order)
    this.undos.delete(token)
    return undo.path
  }

  /**
   * Replaces the collection's variables. A secret one's value goes to the vault (absent: keep the
   * stored value); the file keeps only its name.
   */
  async setVariables(collectionId: string, inputs: VariableInput[]): Promise<null> {
    const read = await this.get(collectionId)
    this.refuseIfHeaderDamaged(read)
    const next = await storeVariables(
      this.vault,
      (name) => collectionSecretId(collectionId, name),
      inputs,
      read.variables,
    )
    const f = read.file!
    await writeFileAtomic(
      join(read.dir, COLLECTION_FILE),
      collectionYaml({ ...f, id: read.id, variables: next }),
    )
    return null
  }

  async viewOf(collectionId: string): Promise<CollectionView> {
    const found = (await this.list()).find((c) => c.id === collectionId)
    if (!found) throw new HandlerError('not-found', 'This collection is no longer there.')
    return found
  }
}

async function readYamlLoose(file: string): Promise<unknown> {
  const { parse } = await import('yaml')
  try {
    return parse(await readFile(file, 'utf8'))
  } catch {
    return null
  }
}
