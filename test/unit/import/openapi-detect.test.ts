import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFromPath, importFromText } from '../../../electron/core/import/index'
import { detectText } from '../../../electron/core/import/detect'
import { FIXTURES, requestAt } from './helpers'

describe('OpenAPI import', () => {
  it('makes one request per operation, grouped by tag', async () => {
    const { collection, format, notes } = await importFromPath(join(FIXTURES, 'openapi.yaml'))
    expect(format).toBe('openapi')
    expect(collection.name).toBe('Fixture reviews API')
    expect(collection.items.map((i) => i.name)).toEqual(['Reviews', 'Business units', 'Health'])
    expect(notes.join(' ')).toMatch(/active profile’s \{\{apiBase\}\}/)
  })

  it('turns path parameters into variables and lists query parameters disabled', async () => {
    const { collection } = await importFromPath(join(FIXTURES, 'openapi.yaml'))
    const list = requestAt(collection, 'Reviews / List reviews')
    expect(list).toMatchObject({
      method: 'GET',
      url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      query: [
        { name: 'perPage', value: '20', enabled: false },
        { name: 'stars', value: '0', enabled: false },
      ],
      auth: { kind: 'profile-token' },
    })
  })

  it('fills in example bodies (following $ref) and maps security', async () => {
    const { collection } = await importFromPath(join(FIXTURES, 'openapi.yaml'))
    const reply = requestAt(collection, 'Reviews / replyToReview')
    expect(reply.url).toBe('{{apiBase}}/private/reviews/{{reviewId}}/reply')
    expect(JSON.parse(reply.body!.text!)).toEqual({
      message: 'Thanks for the review',
      authorBusinessUserId: '',
    })
    expect(reply.headers).toContainEqual({
      name: 'Content-Type',
      value: 'application/json',
      enabled: true,
    })
    expect(requestAt(collection, 'Business units / Find a business unit')).toMatchObject({
      auth: { kind: 'profile-apikey' },
      query: [{ name: 'name', value: 'example.com', enabled: false }],
    })
    expect(requestAt(collection, 'Health').auth).toEqual({ kind: 'none' })
  })

  it('names the line of broken YAML and refuses Swagger 2 by name', () => {
    expect(() =>
      importFromText('openapi: 3.0.0\npaths:\n  /a: [\n', 'api.yaml', { format: 'openapi' }),
    ).toThrow(/api\.yaml is not valid JSON or YAML at line \d+/)
    expect(() => importFromText('swagger: "2.0"\npaths: {}\n', 'old.yaml')).toThrow(
      /old\.yaml is Swagger 2\.0 \(OpenAPI 2\)/,
    )
  })
})

describe('format detection', () => {
  it('recognises each format', async () => {
    expect(detectText('curl https://x.test', 'paste').format).toBe('curl')
    expect(detectText('{"info":{"name":"x"},"item":[]}', 'a.json').format).toBe('postman')
    expect(detectText('{"name":"e","values":[]}', 'a.json').format).toBe('postman-environment')
    expect(detectText('openapi: 3.1.0\npaths: {}\n', 'a.yaml').format).toBe('openapi')
    expect(
      detectText('{"format":"tp-api-explorer/profiles","version":1,"profiles":[]}', 'p.json')
        .format,
    ).toBe('app')
    expect((await importFromPath(join(FIXTURES, 'bruno-collection'))).format).toBe('bruno')
  })

  it('says what an unknown file is and what the app expected', () => {
    expect(() => detectText('{"log":{"entries":[]}}', 'net.har')).toThrow(
      /net\.har is not something the app can import: it is a HAR file .* The app expected a profile file exported by this app, a Postman collection/,
    )
    expect(() => detectText('meta {\n  name: x\n}\n\nget {\n  url: y\n}\n', 'x.bru')).toThrow(
      /single Bruno request \(.bru\) file; open the collection folder/,
    )
    expect(() => detectText('https://api.trustpilot.com/v1/x', 'paste')).toThrow(/it is a URL/)
  })

  it('routes a profile export away from the collection importers', () => {
    expect(() =>
      importFromText('{"format":"tp-api-explorer/profiles","version":1,"profiles":[]}', 'p.json'),
    ).toThrow(/profile export of this app, not a collection: import it with “Import profiles”/)
  })

  it('names why a path cannot be read', async () => {
    await expect(importFromPath('/nonexistent/collection.json')).rejects.toMatchObject({
      code: 'import:unreadable',
      message: '/nonexistent/collection.json cannot be read: it does not exist.',
    })
    const dir = await mkdtemp(join(tmpdir(), 'imp-'))
    await writeFile(join(dir, 'c.json'), '{}')
    await expect(importFromPath(join(dir, 'c.json'), 'bruno')).rejects.toThrow(
      /a Bruno collection is a folder/,
    )
  })
})
