import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ImportService,
  MemoryCollectionWriter,
  type CollectionWriter,
} from '../../../electron/core/import/import-service'
import { createImportHandlers } from '../../../electron/core/ipc/import-handlers'
import type { AppServices } from '../../../electron/core/services/app-services'
import type { CollectionTree } from '../../../electron/shared/collection'
import { HandlerError } from '../../../electron/shared/result'
import { FIXTURES } from './helpers'

const BRUNO = join(FIXTURES, 'bruno-collection')

/** Counts writes, and can fail the way a full disk would. */
class CountingWriter implements CollectionWriter {
  writes: CollectionTree[] = []
  fail = false
  async create(tree: CollectionTree) {
    if (this.fail) throw new Error('disk full')
    this.writes.push(tree)
    return { id: `id${this.writes.length}` }
  }
}

describe('ImportService', () => {
  it('writes nothing until Confirm, then the whole collection once', async () => {
    const writer = new CountingWriter()
    const service = new ImportService({ writer })
    const preview = await service.previewPath(BRUNO)
    expect(preview.counts.requests).toBe(7)
    expect(preview.environments).toEqual([
      { name: 'Sandbox', variables: ['reviewId', 'locale', 'webhookSecret'] },
    ])
    expect(writer.writes).toHaveLength(0)
    const done = await service.confirm(preview.previewId)
    expect(writer.writes).toHaveLength(1)
    expect(done.id).toBe('id1')
    // The environment's variables join the collection's.
    expect(writer.writes[0]!.variables.map((v) => v.name)).toEqual([
      'reviewId',
      'locale',
      'webhookSecret',
    ])
    expect(done.notes).toEqual([
      'The variables of environment “Sandbox” were added to the collection.',
    ])
    // A second confirm of the same preview writes nothing more.
    await expect(service.confirm(preview.previewId)).rejects.toMatchObject({
      code: 'import:expired',
    })
    expect(writer.writes).toHaveLength(1)
  })

  it('writes nothing on Cancel, and keeps the preview when the write fails', async () => {
    const writer = new CountingWriter()
    const service = new ImportService({ writer })
    const cancelled = await service.previewPath(BRUNO)
    service.cancel(cancelled.previewId)
    await expect(service.confirm(cancelled.previewId)).rejects.toBeInstanceOf(HandlerError)
    const preview = await service.previewPath(BRUNO)
    writer.fail = true
    await expect(service.confirm(preview.previewId)).rejects.toThrow('disk full')
    writer.fail = false
    await service.confirm(preview.previewId)
    expect(writer.writes).toHaveLength(1)
  })

  it('gives each imported request a tab draft: inherited auth, request variables filled in', async () => {
    const service = new ImportService({ writer: new MemoryCollectionWriter() })
    const done = await service.confirm((await service.previewPath(BRUNO)).previewId)
    const byName = new Map(done.requests.map((r) => [r.name, r]))
    // "Get a review" inherits the Reviews folder's bearer auth: the profile's token.
    expect(byName.get('Get a review')!.draft).toMatchObject({
      url: '{{apiBase}}/private/reviews/{{reviewId}}',
      auth: 'token',
    })
    expect(byName.get('Public business unit')!.draft.auth).toBe('apikey')
    // The literal path value and the environment's locale are filled in; profile variables stay.
    expect(byName.get('Add a note')!.draft).toMatchObject({
      url: 'https://example.test/notes/42',
      auth: 'none',
      body: { kind: 'text', text: 'Called back on en-US' },
    })
  })

  it('turns a pasted curl line into a tab draft, keeping a token aimed elsewhere as typed', () => {
    const service = new ImportService({ writer: new MemoryCollectionWriter() })
    const ours = service.curlDraft(
      `curl http://127.0.0.1:9/v1/private/reviews/r1 -H 'Authorization: Bearer tpa-X'`,
      ['http://127.0.0.1:9/v1'],
    )
    expect(ours.draft).toMatchObject({ auth: 'token', headers: [] })
    const other = service.curlDraft(`curl https://o.test/x -H 'Authorization: Bearer abc'`, [])
    expect(other.draft).toMatchObject({
      auth: 'none',
      headers: [{ name: 'Authorization', value: 'Bearer abc', enabled: true }],
    })
  })
})

describe('export:collection', () => {
  it('asks where to save and writes the stored collection (or a folder of it)', async () => {
    const store = new MemoryCollectionWriter()
    const dir = await mkdtemp(join(tmpdir(), 'export-ipc-'))
    const asked: { defaultName: string; kind: string }[] = []
    const services = {
      ports: {
        collections: store,
        chooseExportPath: async (o: { defaultName: string; kind: 'file' | 'folder' }) => {
          asked.push(o)
          return join(dir, o.defaultName)
        },
      },
      profiles: { activeId: () => undefined },
    } as unknown as AppServices
    const handlers = createImportHandlers(services)
    const service = new ImportService({ writer: store })
    const { id } = await service.confirm((await service.previewPath(BRUNO)).previewId)
    const postman = await handlers['export:collection']({ collectionId: id, format: 'postman' })
    expect(asked[0]).toEqual({
      defaultName: 'Fixture API collection.postman_collection.json',
      kind: 'file',
    })
    expect(postman).toEqual({ saved: true, path: join(dir, asked[0]!.defaultName) })
    expect(JSON.parse(await readFile(postman.path!, 'utf8')).item).toHaveLength(2)
    const bruno = await handlers['export:collection']({
      collectionId: id,
      format: 'bruno',
      folder: ['Invitations'],
    })
    expect(asked[1]).toEqual({ defaultName: 'Invitations', kind: 'folder' })
    expect((await readdir(bruno.path!)).filter((f) => f.endsWith('.bru')).sort()).toEqual([
      'Create invitation.bru',
      'Form login.bru',
      'Public business unit.bru',
      'Upload.bru',
      'collection.bru',
    ])
  })

  it('gives import errors their code and helpful details', async () => {
    const services = {
      ports: { chooseImportPath: async () => '/no/such/thing.json' },
      profiles: { activeId: () => undefined },
    } as unknown as AppServices
    const error = await Promise.resolve(
      createImportHandlers(services)['import:pick']({ kind: 'file' }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HandlerError)
    expect(error).toMatchObject({
      code: 'import:unreadable',
      message: '/no/such/thing.json cannot be read: it does not exist.',
      details: { file: '/no/such/thing.json', reason: 'it does not exist' },
    })
  })
})
