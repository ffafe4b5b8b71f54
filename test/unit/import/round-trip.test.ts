import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  exportCollection,
  folderAsCollection,
  requestToCurl,
  toBrunoFiles,
  toPostman,
} from '../../../electron/core/export/index'
import { mapBruno } from '../../../electron/core/import/bruno'
import { curlToRequest } from '../../../electron/core/import/curl'
import { importFromPath } from '../../../electron/core/import/index'
import { mapPostmanCollection } from '../../../electron/core/import/postman'
import type { CollectionTree, SavedRequest } from '../../../electron/shared/collection'
import { FIXTURES, requestsByPath } from './helpers'

const BRUNO = join(FIXTURES, 'bruno-collection')
const POSTMAN = join(FIXTURES, 'postman-v21.json')

/** What a request does on the wire (the parts every format carries). */
const core = (r: SavedRequest) => ({
  name: r.name,
  method: r.method,
  url: r.url,
  query: r.query,
  headers: r.headers,
  body: r.body,
  auth: r.auth,
})
const coreOf = (tree: CollectionTree) =>
  Object.fromEntries([...requestsByPath(tree)].map(([path, r]) => [path, core(r)]))

describe('round trips: export, then import, gives the same requests', () => {
  it('Bruno → Bruno', async () => {
    const first = await importBruno()
    const again = mapBruno({ label: 'out', files: toBrunoFiles(first.collection) })
    expect(again.collection.items).toEqual(first.collection.items)
    expect(again.collection.variables).toEqual(first.collection.variables)
  })

  it('Postman → Postman', async () => {
    const first = await importFromPath(POSTMAN)
    const again = mapPostmanCollection(toPostman(first.collection), 'out.json')
    expect(again.collection.items).toEqual(first.collection.items)
    expect(again.collection.variables).toEqual(first.collection.variables)
    expect(again.collection.auth).toEqual(first.collection.auth)
    expect(again.collection.scripts).toEqual(first.collection.scripts)
  })

  it('Bruno → Postman → import, and Postman → Bruno → import', async () => {
    const bruno = (await importBruno()).collection
    expect(coreOf(mapPostmanCollection(toPostman(bruno), 'x.json').collection)).toEqual(
      coreOf(bruno),
    )
    const postman = (await importFromPath(POSTMAN)).collection
    expect(coreOf(mapBruno({ label: 'x', files: toBrunoFiles(postman) }).collection)).toEqual(
      coreOf(postman),
    )
  })

  it('request → cURL → request', async () => {
    const bruno = (await importBruno()).collection
    const profileBases = ['https://api.trustpilot.com/v1']
    for (const path of [
      'Reviews / List reviews',
      'Invitations / Form login',
      'Invitations / Public business unit',
    ]) {
      const request = requestsByPath(bruno).get(path)!
      const { code } = requestToCurl(request)
      const back = curlToRequest(code, { profileBases }).request
      // A command line has no disabled rows: those are left out.
      const enabled = core(request)
      enabled.query = enabled.query.filter((q) => q.enabled)
      enabled.headers = enabled.headers.filter((h) => h.enabled)
      if (enabled.body?.fields)
        enabled.body = { ...enabled.body, fields: enabled.body.fields.filter((f) => f.enabled) }
      expect({ ...core(back), name: request.name }, path).toEqual(enabled)
    }
    const list = requestToCurl(requestsByPath(bruno).get('Reviews / List reviews')!).code
    expect(list).toContain(`-H 'Authorization: Bearer '"$TP_ACCESS_TOKEN"`)
    expect(list).toContain(
      `'{{apiBase}}/private/business-units/{{businessUnitId}}/reviews?perPage=5'`,
    )
  })

  it('never exports a secret value', async () => {
    const postman = (await importFromPath(POSTMAN)).collection
    const tree: CollectionTree = {
      ...postman,
      variables: [...postman.variables, { name: 'vaulted', value: 'LEAK-ME', secret: true }],
    }
    expect(JSON.stringify(toPostman(tree))).not.toContain('LEAK-ME')
    expect([...toBrunoFiles(tree).values()].join('\n')).not.toContain('LEAK-ME')
    expect(toPostman(tree).variable).toContainEqual({ key: 'vaulted', value: '', type: 'secret' })
  })

  it('writes a folder export to disk, and refuses to overwrite a non-empty folder', async () => {
    const bruno = (await importBruno()).collection
    const dir = await mkdtemp(join(tmpdir(), 'export-'))
    const out = join(dir, 'reviews-only')
    await exportCollection(folderAsCollection(bruno, ['Reviews']), 'bruno', out)
    expect((await readdir(out)).sort()).toEqual([
      'Add a note.bru',
      'Get a review.bru',
      'List reviews.bru',
      'bruno.json',
      'collection.bru',
    ])
    const back = await importFromPath(out)
    expect(back.collection.name).toBe('Reviews')
    expect(back.collection.auth).toEqual({ kind: 'profile-token' })
    await expect(exportCollection(bruno, 'bruno', out)).rejects.toThrow(
      /already exists and is not empty/,
    )
    const file = join(dir, 'c.postman.json')
    await exportCollection(bruno, 'postman', file)
    expect(JSON.parse(await readFile(file, 'utf8')).info.schema).toMatch(/v2\.1\.0/)
  })
})

async function importBruno() {
  return importFromPath(BRUNO)
}
