import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importBruno } from '../../../electron/core/import/bruno'
import { ImportError } from '../../../electron/core/import/import-error'
import { summarise } from '../../../electron/core/import/summary'
import { FIXTURES, requestAt, requestsByPath } from './helpers'

const DIR = join(FIXTURES, 'bruno-collection')

describe('Bruno import', () => {
  it('reads the collection name, folders and requests in seq order', async () => {
    const { collection } = await importBruno(DIR)
    expect(collection.name).toBe('Fixture API collection')
    expect(collection.items.map((i) => i.name)).toEqual(['Reviews', 'Invitations'])
    const reviews = collection.items[0]!
    expect(reviews.type === 'folder' && reviews.items.map((i) => i.name)).toEqual([
      'List reviews',
      'Get a review',
      'Add a note',
    ])
    expect(collection.docs).toContain('written for the importer')
  })

  it('maps the method, URL (path params → variables, base URL → the profile’s), query, headers and docs', async () => {
    const { collection } = await importBruno(DIR)
    const list = requestAt(collection, 'Reviews / List reviews')
    expect(list.method).toBe('GET')
    expect(list.url).toBe('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')
    expect(list.query).toEqual([
      { name: 'perPage', value: '5', enabled: true },
      { name: 'stars', value: '5', enabled: false },
    ])
    // The collection's header is inherited; the request's own disabled header stays disabled.
    expect(list.headers).toEqual([
      { name: 'Accept', value: 'application/json', enabled: true },
      { name: 'X-Debug', value: '1', enabled: false },
    ])
    expect(list.docs).toContain('newest first')
    expect(list.checks).toEqual([{ kind: 'status', equals: '200' }])
    const invite = requestAt(collection, 'Invitations / Create invitation')
    expect(invite.url).toBe(
      '{{invitationsBase}}/private/business-units/{{businessUnitId}}/email-invitations',
    )
  })

  it('turns a literal path parameter into a request variable', async () => {
    const { collection } = await importBruno(DIR)
    const note = requestAt(collection, 'Reviews / Add a note')
    expect(note.url).toBe('https://example.test/notes/{{noteId}}')
    expect(note.variables).toEqual([{ name: 'noteId', value: '42', enabled: true }])
    expect(note.body).toEqual({ kind: 'text', text: 'Called back on {{locale}}' })
  })

  it('maps each auth mode', async () => {
    const { collection } = await importBruno(DIR)
    const byPath = requestsByPath(collection)
    expect(byPath.get('Reviews / List reviews')!.auth).toEqual({ kind: 'profile-token' })
    expect(byPath.get('Reviews / Get a review')!.auth).toEqual({ kind: 'inherit' })
    expect(byPath.get('Reviews / Add a note')!.auth).toEqual({ kind: 'none' })
    expect(byPath.get('Invitations / Public business unit')!.auth).toEqual({
      kind: 'profile-apikey',
    })
    expect(byPath.get('Invitations / Form login')!.auth).toEqual({
      kind: 'basic',
      username: '{{partnerUser}}',
      password: '{{partnerPassword}}',
    })
    const folder = collection.items[0]!
    expect(folder.type === 'folder' && folder.auth).toEqual({ kind: 'profile-token' })
  })

  it('maps json, form-urlencoded and multipart (text fields) bodies', async () => {
    const { collection, skipped } = await importBruno(DIR)
    const invite = requestAt(collection, 'Invitations / Create invitation')
    expect(invite.body?.kind).toBe('json')
    expect(JSON.parse(invite.body!.text!.replace('{{locale}}', 'x'))).toEqual({
      consumerEmail: 'someone@example.test',
      locale: 'x',
    })
    expect(requestAt(collection, 'Invitations / Form login').body).toEqual({
      kind: 'form',
      fields: [
        { name: 'scope', value: 'reviews', enabled: true },
        { name: 'debug', value: 'true', enabled: false },
      ],
    })
    expect(requestAt(collection, 'Invitations / Upload').body).toEqual({
      kind: 'form',
      fields: [{ name: 'title', value: 'Spring list', enabled: true }],
    })
    expect(skipped).toContainEqual(
      expect.objectContaining({ what: 'Invitations / Upload: file field “file”' }),
    )
  })

  it('keeps scripts and tests as text, and post-response vars as captures', async () => {
    const result = await importBruno(DIR)
    const invite = requestAt(result.collection, 'Invitations / Create invitation')
    expect(invite.scripts).toEqual([
      { kind: 'script:pre-request', text: "req.setHeader('X-Trace', 'fixture')" },
      { kind: 'tests', text: 'test("created", () => expect(res.status).to.equal(202))' },
    ])
    expect(requestAt(result.collection, 'Reviews / Get a review').captures).toEqual([
      { variable: 'firstTag', from: 'body', path: 'tags[0]' },
    ])
    const summary = summarise(result)
    expect(summary.scripts).toEqual([
      '“Invitations / Create invitation”: script:pre-request',
      '“Invitations / Create invitation”: tests',
    ])
    expect(summary.notes).toContain('2 scripts were kept as text and will not be run.')
  })

  it('leaves out the token script, token requests and the variables the profile provides', async () => {
    const result = await importBruno(DIR)
    expect(result.collection.scripts).toBeUndefined()
    expect(result.notes[0]).toMatch(/token script is not needed/)
    expect(result.skipped).toContainEqual({
      what: 'request “Tokens / Get Access Token”',
      why: expect.stringContaining('the app gets, refreshes and revokes tokens itself'),
    })
    expect(result.collection.items.some((i) => i.name === 'Tokens')).toBe(false)
    // The environment keeps its own placeholders and secrets (without values), not the profile's.
    expect(result.environments).toEqual([
      {
        name: 'Sandbox',
        variables: [
          { name: 'reviewId', value: '', enabled: true },
          { name: 'locale', value: 'en-US', enabled: true },
          { name: 'webhookSecret', value: '', enabled: true, secret: true },
        ],
      },
    ])
  })

  it('counts what will be created in the summary', async () => {
    const summary = summarise(await importBruno(DIR))
    expect(summary.formatLabel).toBe('Bruno collection')
    expect(summary.counts).toEqual({
      requests: 7,
      folders: 2,
      environments: 1,
      variables: 3,
      scripts: 2,
    })
    expect(summary.requests[0]).toEqual({
      name: 'List reviews',
      folder: 'Reviews',
      method: 'GET',
      url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      auth: 'profile-token',
    })
  })

  it('names the file and line of a malformed .bru file, and imports nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bruno-bad-'))
    await cp(DIR, dir, { recursive: true })
    await writeFile(
      join(dir, 'Reviews', 'Broken.bru'),
      'meta {\n  name: Broken\n\nget {\n  url: x\n}\n',
    )
    const error = await importBruno(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).message).toMatch(
      /Reviews\/Broken\.bru is not a valid \.bru file \(line 4, column \d+\)/,
    )
    expect((error as ImportError).details).toMatchObject({ line: '4' })
  })

  it('says when a folder is not a Bruno collection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'not-bruno-'))
    await expect(importBruno(dir)).rejects.toThrow(/has no readable bruno\.json/)
  })
})
