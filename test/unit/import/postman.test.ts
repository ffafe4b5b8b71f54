import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFromPath, importFromText } from '../../../electron/core/import/index'
import { FIXTURES, requestAt } from './helpers'

describe('Postman import', () => {
  it('maps nested folders, URL objects, query, headers and disabled flags', async () => {
    const { collection, format } = await importFromPath(join(FIXTURES, 'postman-v21.json'))
    expect(format).toBe('postman')
    expect(collection.name).toBe('Fixture Postman collection')
    expect(collection.items.map((i) => i.name)).toEqual([
      'Reviews',
      'Partner',
      'Public find',
      'Digest thing',
    ])
    const list = requestAt(collection, 'Reviews / Listing / List reviews')
    expect(list.url).toBe('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')
    expect(list.query).toEqual([
      { name: 'perPage', value: '{{pageSize}}', enabled: true },
      { name: 'stars', value: '5', enabled: false },
    ])
    expect(list.headers).toEqual([
      { name: 'Accept', value: 'application/json', enabled: true },
      { name: 'X-Off', value: '1', enabled: false },
    ])
    expect(list.auth).toEqual({ kind: 'inherit' })
    expect(list.scripts).toEqual([
      { kind: 'event:test', text: "pm.test('ok', () => pm.response.to.have.status(200))" },
    ])
    expect(requestAt(collection, 'Partner / Plain text').url).toBe(
      'https://partner.example.test/notes/1',
    )
  })

  it('maps each body mode', async () => {
    const { collection, skipped } = await importFromPath(join(FIXTURES, 'postman-v21.json'))
    expect(requestAt(collection, 'Reviews / Reply to a review').body).toEqual({
      kind: 'json',
      text: '{\n  "message": "Thank you!"\n}',
    })
    expect(requestAt(collection, 'Partner / Form post').body).toEqual({
      kind: 'form',
      fields: [
        { name: 'grant', value: 'yes', enabled: true },
        { name: 'skip', value: 'no', enabled: false },
      ],
    })
    expect(requestAt(collection, 'Partner / Multipart').body).toEqual({
      kind: 'form',
      fields: [{ name: 'title', value: 'List', enabled: true }],
    })
    expect(requestAt(collection, 'Partner / Plain text').body).toEqual({
      kind: 'text',
      text: 'hello',
    })
    expect(skipped.map((s) => s.what)).toContain('Partner / Multipart: file field “file”')
  })

  it('maps each auth type, and never keeps a literal secret', async () => {
    const { collection, skipped, notes } = await importFromPath(join(FIXTURES, 'postman-v21.json'))
    expect(collection.auth).toEqual({ kind: 'profile-token' }) // oauth2
    expect(requestAt(collection, 'Reviews / Reply to a review').auth).toEqual({
      kind: 'profile-token',
    })
    expect(requestAt(collection, 'Partner / Form post').auth).toEqual({
      kind: 'basic',
      username: 'partner',
      password: '{{password}}',
    })
    expect(skipped).toContainEqual({
      what: 'Partner / Form post basic auth: the literal password',
      why: expect.stringContaining('never stored'),
    })
    expect(requestAt(collection, 'Partner / Multipart').auth).toEqual({
      kind: 'header',
      name: 'X-Partner-Key',
      value: '{{partnerKey}}',
    })
    expect(requestAt(collection, 'Public find').auth).toEqual({ kind: 'profile-apikey' })
    const folder = collection.items[1]!
    expect(folder.type === 'folder' && folder.auth).toEqual({ kind: 'none' })
    expect(requestAt(collection, 'Digest thing').auth).toEqual({ kind: 'none' })
    expect(skipped.map((s) => s.what)).toContain('Digest thing: digest auth')
    // A secret variable's value is dropped; a note says so.
    expect(collection.variables).toContainEqual({
      name: 'partnerKey',
      value: '',
      enabled: true,
      secret: true,
    })
    expect(notes.join(' ')).toMatch(/secret variables partnerKey .* were not imported/)
    expect(JSON.stringify(collection)).not.toContain('hunter2')
    expect(JSON.stringify(collection)).not.toContain('s3cr3t-value')
  })

  it('keeps the collection’s scripts as text', async () => {
    const { collection } = await importFromPath(join(FIXTURES, 'postman-v21.json'))
    expect(collection.scripts).toEqual([
      { kind: 'event:prerequest', text: "pm.environment.set('stamp', Date.now())" },
    ])
    // The base URL variable became the profile's; the page size stays a collection variable.
    expect(collection.variables.map((v) => v.name)).toEqual(['pageSize', 'partnerKey'])
  })

  it('reads v2.0 auth objects', async () => {
    const { collection } = await importFromPath(join(FIXTURES, 'postman-v20.json'))
    expect(requestAt(collection, 'Get a review')).toMatchObject({
      url: '{{apiBase}}/private/reviews/{{reviewId}}',
      auth: { kind: 'profile-token' },
    })
  })

  it('reads a Postman environment, dropping secret values and what the profile provides', async () => {
    const result = await importFromPath(join(FIXTURES, 'postman-environment.json'))
    expect(result.format).toBe('postman-environment')
    expect(result.environments).toEqual([
      {
        name: 'Trustpilot sandbox',
        variables: [{ name: 'reviewId', value: 'abc123', enabled: true }],
      },
    ])
    expect(JSON.stringify(result)).not.toContain('do-not-keep')
  })

  it('names the file and line of broken JSON', async () => {
    const text = await readFile(join(FIXTURES, 'postman-v21.json'), 'utf8')
    const broken = text.replace('"name": "Reviews",', '"name": "Reviews",,')
    expect(() => importFromText(broken, 'team.postman.json')).toThrow(
      /team\.postman\.json is not valid JSON at line \d+, column \d+/,
    )
  })

  it('names the field of a schema problem', () => {
    const bad = JSON.stringify({
      info: {
        name: 'X',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [{ name: 'A', request: { method: 'GET', url: 42 } }],
    })
    expect(() => importFromText(bad, 'x.json')).toThrow(
      /x\.json is not a valid Postman collection \(v2\.0 or v2\.1\): item\[0\]\.request/,
    )
  })

  it('refuses Postman v1 with a specific message', () => {
    const v1 = JSON.stringify({
      info: {
        name: 'X',
        schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json',
      },
      item: [],
    })
    expect(() => importFromText(v1, 'old.json')).toThrow(/unsupported version/)
  })
})
