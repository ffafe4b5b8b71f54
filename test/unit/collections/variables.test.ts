import { describe, expect, it } from 'vitest'
import {
  applyCaptures,
  evaluateChecks,
  readJsonPath,
} from '../../../electron/core/collections/chaining'
import { scopeOf, substituteDraft } from '../../../electron/core/collections/variables'
import { resolveName } from '../../../electron/shared/variable-scopes'
import { draftRequestSchema } from '../../../electron/shared/workbench'

const draft = (url: string, extra: Record<string, unknown> = {}) =>
  draftRequestSchema.parse({ profileId: 'p1', method: 'GET', url, ...extra })

describe('variable precedence', () => {
  const request = scopeOf('request', [
    { name: 'who', value: 'request' },
    { name: 'blank', value: '' },
  ])
  const collection = scopeOf(
    'collection',
    [
      { name: 'who', value: 'collection' },
      { name: 'only', value: 'collection' },
      { name: 'blank', value: 'collection' },
      { name: 'businessUnitId', value: '' },
      { name: 'token', value: '', secret: true },
    ],
    { token: 'tok-SECRET' },
  )
  const profile = scopeOf('profile', [
    { name: 'who', value: 'profile' },
    { name: 'only', value: 'profile' },
    { name: 'prof', value: 'profile' },
    { name: 'off', value: 'x', enabled: false },
  ])
  const scopes = [request, collection, profile]

  it('request > collection > profile, and an empty value does not shadow a lower scope', () => {
    expect(resolveName('who', scopes)).toMatchObject({ scope: 'request', value: 'request' })
    expect(resolveName('only', scopes)).toMatchObject({ scope: 'collection', value: 'collection' })
    expect(resolveName('prof', scopes)).toMatchObject({ scope: 'profile' })
    expect(resolveName('blank', scopes)).toMatchObject({ scope: 'collection', value: 'collection' })
    expect(resolveName('off', scopes)).toBeUndefined()
  })

  it('substitutes user scopes and leaves built-ins not overridden (a blank placeholder) to the pipeline', () => {
    const out = substituteDraft(
      draft('{{apiBase}}/x/{{businessUnitId}}/{{who}}', {
        headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
        query: [{ name: 'q', value: '{{prof}}' }],
      }),
      scopes,
    )
    expect(out.draft.url).toBe('{{apiBase}}/x/{{businessUnitId}}/request')
    expect(out.draft.headers[0]!.value).toBe('Bearer tok-SECRET')
    expect(out.draft.query[0]!.value).toBe('profile')
    expect(out.secrets).toEqual(['tok-SECRET'])
    expect(out.used).toMatchObject({ who: 'request', token: 'collection', prof: 'profile' })
  })

  it('a collection value overrides a built-in', () => {
    const c = scopeOf('collection', [{ name: 'businessUnitId', value: 'bu-from-collection' }])
    expect(substituteDraft(draft('{{apiBase}}/b/{{businessUnitId}}'), [c]).draft.url).toBe(
      '{{apiBase}}/b/bu-from-collection',
    )
  })

  it('stops on an unresolved variable, naming it and the scopes looked in', () => {
    expect(() => substituteDraft(draft('{{apiBase}}/r/{{reviewId}}'), scopes)).toThrow(
      /\{\{reviewId\}\} has no value: looked in request, collection, profile, built-in variables/,
    )
  })
})

describe('chaining', () => {
  const body = JSON.stringify({ reviews: [{ id: 'r-1', stars: 5, tags: [] }], total: 1 })
  const facts = { status: 200, headers: { 'X-Request-Id': 'abc' }, body }

  it('reads JSON paths', () => {
    expect(readJsonPath(JSON.parse(body), 'reviews[0].id')).toEqual({ found: true, value: 'r-1' })
    expect(readJsonPath(JSON.parse(body), '$.total')).toEqual({ found: true, value: 1 })
    expect(readJsonPath(JSON.parse(body), 'reviews[3].id')).toEqual({
      found: false,
      why: 'reviews has no item [3]',
    })
  })

  it('captures from the body and a header, and reports each missing one', () => {
    const out = applyCaptures(
      [
        { variable: 'reviewId', from: 'body', path: 'reviews[0].id' },
        { variable: 'rid', from: 'header', path: 'x-request-id' },
        { variable: 'gone', from: 'body', path: 'reviews[0].reply.id' },
        { variable: 'nohdr', from: 'header', path: 'etag' },
      ],
      facts,
    )
    expect(out.values).toEqual({ reviewId: 'r-1', rid: 'abc' })
    expect(out.problems).toEqual([
      'Capture {{gone}} from reviews[0].reply.id: reviews[0] has no field “reply”.',
      'Capture {{nohdr}}: no header “etag” in the response.',
    ])
  })

  it('checks: 2xx by default, status, JSON path exists and equals', () => {
    expect(evaluateChecks(undefined, { ...facts, status: 404 })).toEqual([
      { label: 'status 2xx', ok: false, detail: 'got 404' },
    ])
    const results = evaluateChecks(
      [
        { kind: 'status', equals: '200' },
        { kind: 'json-exists', path: 'reviews[0].id' },
        { kind: 'json-equals', path: 'reviews[0].stars', equals: '5' },
        { kind: 'json-equals', path: 'reviews[0].id', equals: 'r-2' },
      ],
      facts,
    )
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false])
    expect(results[3]!.detail).toBe('got r-1')
  })
})
