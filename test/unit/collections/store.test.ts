import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic, type AtomicFs } from '../../../electron/core/collections/atomic-write'
import { CollectionStore } from '../../../electron/core/collections/store'
import { ProfileVariables } from '../../../electron/core/collections/profile-variables'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { STORE_FILE_OPTIONS } from '../../../electron/core/vault/kv-store'
import { SecretVault } from '../../../electron/core/vault/secret-vault'
import type { CollectionTree, SavedRequest } from '../../../electron/shared/collection'
import type { StoredFolder, StoredRequest } from '../../../electron/shared/collections-api'
import { allText } from '../helpers/files'

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-collections-'))
  const vault = new SecretVault(
    new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'secrets',
      ...STORE_FILE_OPTIONS,
    }),
    new NodeCryptoCipher(),
  )
  return { dataDir, vault, store: new CollectionStore(dataDir, vault) }
}

const listReviews: SavedRequest = {
  type: 'request',
  name: 'List reviews',
  method: 'GET',
  url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
  query: [{ name: 'perPage', value: '5', enabled: true }],
  headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
  auth: { kind: 'inherit' },
  captures: [{ variable: 'reviewId', from: 'body', path: 'reviews[0].id' }],
  checks: [
    { kind: 'status', equals: '200' },
    { kind: 'json-exists', path: 'reviews' },
  ],
}

const reply: SavedRequest = {
  type: 'request',
  name: 'Reply: “thanks”',
  method: 'POST',
  url: '{{apiBase}}/private/reviews/{{reviewId}}/reply',
  query: [],
  headers: [],
  body: { kind: 'json', text: '{\n  "message": "Thanks!",\n  "token": "{{replyToken}}"\n}' },
  auth: { kind: 'bearer', token: '{{otherToken}}' },
  variables: [{ name: 'note', value: 'hello' }],
}

const tree: CollectionTree = {
  name: 'Support checks',
  variables: [
    { name: 'perPage', value: '5' },
    { name: 'replyToken', value: 'sk-live-VERY-SECRET-1234', secret: true },
  ],
  auth: { kind: 'profile-token' },
  items: [
    { type: 'folder', name: 'Reviews', items: [listReviews, reply], auth: { kind: 'inherit' } },
    { ...listReviews, name: 'Top level' },
  ],
}

const strip = (r: StoredRequest): SavedRequest => {
  const { path: _p, ...rest } = r
  return rest
}

describe('collection files', () => {
  it('round-trips a tree through the files: folders, order, bodies, auth, captures, checks', async () => {
    const { store } = setup()
    const created = await store.createCollection(tree)
    expect(created.name).toBe('Support checks')
    expect(created.damaged).toEqual([])
    const [folder, top] = created.items
    expect(folder!.type).toBe('folder')
    const f = folder as StoredFolder
    expect(f.name).toBe('Reviews')
    expect(f.items.map((i) => i.name)).toEqual(['List reviews', 'Reply: “thanks”'])
    expect(strip(f.items[0] as StoredRequest)).toEqual(listReviews)
    expect(strip(f.items[1] as StoredRequest)).toEqual(reply)
    expect(top!.name).toBe('Top level')
    // Readable files: a block scalar for the body, one file per request.
    const replyFile = readFileSync(join(created.dir, 'reviews', 'reply-thanks.yaml'), 'utf8')
    expect(replyFile).toContain('version: 1')
    expect(replyFile).toMatch(/text: \|-?\n\s+\{\n\s+"message": "Thanks!"/)
  })

  it('never writes a secret variable value into a file; it is in the vault, shown masked', async () => {
    const { store, dataDir } = setup()
    const created = await store.createCollection(tree)
    const replyToken = created.variables.find((v) => v.name === 'replyToken')!
    expect(replyToken).toMatchObject({ secret: true, value: '', set: true })
    expect(replyToken.masked).toMatch(/1234$/)
    expect(replyToken.masked).not.toContain('VERY-SECRET')
    await store.setVariables(created.id, [
      { name: 'perPage', value: '7' },
      { name: 'replyToken', secret: true }, // keep stored value
      { name: 'apiPassword', value: 'p@ss-NEW-SECRET-9876', secret: true },
    ])
    const text = allText(dataDir)
    expect(text).not.toContain('VERY-SECRET')
    expect(text).not.toContain('NEW-SECRET')
    const values = await store.variableValues(created.id)
    expect(values.values).toEqual({
      perPage: '7',
      replyToken: 'sk-live-VERY-SECRET-1234',
      apiPassword: 'p@ss-NEW-SECRET-9876',
    })
  })

  it('lists a damaged or unknown-version file with the reason, never rewrites it, loads the rest', async () => {
    const { store } = setup()
    const created = await store.createCollection(tree)
    const broken = join(created.dir, 'reviews', 'list-reviews.yaml')
    const future = join(created.dir, 'top-level.yaml')
    writeFileSync(broken, 'version: 1\nname: [unclosed\n')
    writeFileSync(future, 'version: 7\nname: From the future\nmethod: GET\nurl: x\n')
    const listed = (await store.list()).find((c) => c.id === created.id)!
    expect(listed.damaged).toEqual([
      { file: broken, reason: expect.stringContaining('not valid YAML') },
      { file: future, reason: expect.stringContaining('unknown version 7') },
    ])
    const folder = listed.items[0] as StoredFolder
    expect(folder.items.map((i) => i.name)).toEqual(['Reply: “thanks”'])
    // Saving a new request in the folder keeps the damaged files and their place in the order.
    await store.saveRequest(created.id, { ...listReviews, name: 'Another' }, { folder: 'reviews' })
    expect(readFileSync(broken, 'utf8')).toBe('version: 1\nname: [unclosed\n')
    expect(readFileSync(future, 'utf8')).toContain('version: 7')
    const folderYaml = readFileSync(join(created.dir, 'reviews', 'folder.yaml'), 'utf8')
    expect(folderYaml.indexOf('list-reviews.yaml')).toBeLessThan(folderYaml.indexOf('another.yaml'))
  })

  it('refuses to write over a damaged collection file', async () => {
    const { store } = setup()
    const created = await store.createCollection(tree)
    writeFileSync(join(created.dir, 'collection.yaml'), 'version: 2\nname: x\n')
    const listed = (await store.list()).find((c) => c.dir === created.dir)!
    expect(listed.damaged[0]!.reason).toContain('unknown version 2')
    expect(listed.items).toHaveLength(2) // the requests still load
    await expect(store.setVariables(listed.id, [])).rejects.toThrow(/damaged/)
    expect(readFileSync(join(created.dir, 'collection.yaml'), 'utf8')).toBe('version: 2\nname: x\n')
  })

  it('renames, duplicates, moves and deletes with undo, keeping the order', async () => {
    const { store } = setup()
    const c = await store.createCollection(tree)
    const renamed = await store.rename(c.id, 'reviews/list-reviews.yaml', 'All reviews')
    expect(renamed).toBe('reviews/all-reviews.yaml')
    const copy = await store.duplicate(c.id, renamed)
    expect(copy).toBe('reviews/all-reviews-copy.yaml')
    const moved = await store.move(c.id, copy, '', 0)
    expect(moved).toBe('all-reviews-copy.yaml')
    let view = await store.viewOf(c.id)
    expect(view.items.map((i) => i.name)).toEqual(['All reviews copy', 'Reviews', 'Top level'])
    const { token } = await store.delete(c.id, 'reviews')
    view = await store.viewOf(c.id)
    expect(view.items.map((i) => i.name)).toEqual(['All reviews copy', 'Top level'])
    await store.undo(token)
    view = await store.viewOf(c.id)
    expect(view.items.map((i) => i.name)).toEqual(['All reviews copy', 'Reviews', 'Top level'])
    expect((view.items[1] as StoredFolder).items.map((i) => i.name)).toEqual([
      'All reviews',
      'Reply: “thanks”',
    ])
  })

  it('opens a folder anywhere, and an empty folder becomes a new collection', async () => {
    const { store, dataDir } = setup()
    const elsewhere = mkdtempSync(join(tmpdir(), 'tp-team-repo-'))
    const opened = await store.open(elsewhere)
    expect(opened).toMatchObject({ external: true, dir: elsewhere, name: expect.any(String) })
    expect(existsSync(join(elsewhere, 'collection.yaml'))).toBe(true)
    const notOne = mkdtempSync(join(tmpdir(), 'tp-other-'))
    writeFileSync(join(notOne, 'README.md'), 'hi')
    await expect(store.open(notOne)).rejects.toThrow(/not a collection folder/)
    // Remembered across restarts.
    const again = new CollectionStore(dataDir, setup().vault)
    expect((await again.list()).some((c) => c.dir === elsewhere)).toBe(true)
  })
})

describe('atomic writes', () => {
  it('writes through a temporary file and a rename, leaving nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-atomic-'))
    const file = join(dir, 'a.yaml')
    const calls: string[] = []
    const ops: AtomicFs = {
      writeFile: async (p, d) => {
        calls.push(`write ${p === file ? 'target' : 'temp'}`)
        writeFileSync(p, d)
      },
      rename: async (from, to) => {
        calls.push(`rename ${from === file ? 'target' : 'temp'}->${to === file ? 'target' : '?'}`)
        const { renameSync } = await import('node:fs')
        renameSync(from, to)
      },
      rm: async () => undefined,
    }
    await writeFileAtomic(file, 'new', ops)
    expect(calls).toEqual(['write temp', 'rename temp->target'])
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['a.yaml'])
  })

  it('keeps the old file whole when the write fails, and removes the temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-atomic-'))
    const file = join(dir, 'a.yaml')
    writeFileSync(file, 'old')
    const removed: string[] = []
    const ops: AtomicFs = {
      writeFile: async (p) => {
        writeFileSync(p, 'half')
        throw new Error('disk full')
      },
      rename: async () => undefined,
      rm: async (p) => {
        removed.push(p)
        const { rmSync } = await import('node:fs')
        rmSync(p, { force: true })
      },
    }
    await expect(writeFileAtomic(file, 'new', ops)).rejects.toThrow('disk full')
    expect(readFileSync(file, 'utf8')).toBe('old')
    expect(removed).toHaveLength(1)
    expect(readdirSync(dir)).toEqual(['a.yaml'])
  })
})

describe('profile variables', () => {
  it('keeps plain values in a file and secret ones only in the vault', async () => {
    const { dataDir, vault } = setup()
    const pv = new ProfileVariables(dataDir, vault)
    mkdirSync(dataDir, { recursive: true })
    const view = await pv.set('p1', [
      { name: 'region', value: 'eu' },
      { name: 'partnerKey', value: 'PARTNER-SECRET-5555', secret: true },
    ])
    expect(view).toEqual([
      { name: 'region', value: 'eu' },
      {
        name: 'partnerKey',
        value: '',
        secret: true,
        set: true,
        masked: expect.stringMatching(/5555$/),
      },
    ])
    expect(allText(dataDir)).not.toContain('PARTNER-SECRET')
    expect((await pv.values('p1')).values).toEqual({
      region: 'eu',
      partnerKey: 'PARTNER-SECRET-5555',
    })
  })
})

describe('item paths from the renderer', () => {
  it('never reach outside the collection folder', async () => {
    const { itemPathSchema } = await import('../../../electron/shared/collections-api')
    expect(itemPathSchema.safeParse('reviews/list.yaml').success).toBe(true)
    for (const bad of ['../x.yaml', 'a/../../b', '/etc/passwd', 'a\\..\\b', 'C:\\x']) {
      expect(itemPathSchema.safeParse(bad).success, bad).toBe(false)
    }
  })
})
