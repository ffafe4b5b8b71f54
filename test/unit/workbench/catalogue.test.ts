import { describe, expect, it } from 'vitest'
import {
  draftFromEndpoint,
  endpointById,
  ENDPOINT_GROUPS,
  ENDPOINTS,
  matchEndpoint,
  pathTemplateParams,
  PROFILE_VARIABLES,
  searchEndpoints,
} from '../../../electron/shared/catalogue'
import { draftRequestSchema } from '../../../electron/shared/workbench'

/** Every endpoint docs/trustpilot-api.md lists: its private table and the public ones named below it. */
const DOCUMENTED: [string, 'api' | 'invitations', string][] = [
  ['POST', 'invitations', '/private/business-units/{businessUnitId}/email-invitations'],
  ['GET', 'invitations', '/private/business-units/{businessUnitId}/templates'],
  ['POST', 'invitations', '/private/business-units/{businessUnitId}/invitation-links'],
  ['POST', 'invitations', '/private/business-units/{businessUnitId}/invitation-data/delete'],
  ['GET', 'api', '/private/business-units/{businessUnitId}/reviews'],
  ['GET', 'api', '/private/reviews/{reviewId}'],
  ['POST', 'api', '/private/reviews/{reviewId}/reply'],
  ['DELETE', 'api', '/private/reviews/{reviewId}/reply'],
  ['GET', 'api', '/private/reviews/{reviewId}/tags'],
  ['PUT', 'api', '/private/reviews/{reviewId}/tags'],
  ['POST', 'api', '/private/reviews/{reviewId}/tags'],
  ['DELETE', 'api', '/private/reviews/{reviewId}/tags'],
  ['POST', 'api', '/private/reviews/{reviewId}/find-reviewer'],
  ['GET', 'api', '/private/product-reviews/business-units/{businessUnitId}/reviews'],
  ['GET', 'api', '/private/product-reviews/{reviewId}'],
  ['POST', 'api', '/private/product-reviews/business-units/{businessUnitId}/invitation-links'],
  ['POST', 'api', '/private/product-reviews/{reviewId}/create-conversation'],
  ['GET', 'api', '/private/conversations/{conversationId}'],
  ['POST', 'api', '/private/conversations/{conversationId}/comments'],
  ['GET', 'api', '/private/business-units/{businessUnitId}/products'],
  ['POST', 'api', '/private/business-units/{businessUnitId}/products'],
  ['GET', 'api', '/business-units/find'],
  ['GET', 'api', '/business-units/{businessUnitId}'],
  ['GET', 'api', '/business-units/{businessUnitId}/reviews'],
  ['GET', 'api', '/reviews/{reviewId}'],
  ['GET', 'api', '/reviews/latest'],
  ['GET', 'api', '/resources/metadata/locales'],
]

describe('endpoint catalogue', () => {
  it('has every documented endpoint, once, and nothing else', () => {
    const key = (m: string, h: string, p: string) => `${m} ${h} ${p}`
    const have = ENDPOINTS.map((e) => key(e.method, e.host, e.path))
    expect(new Set(have).size).toBe(have.length)
    expect([...have].sort()).toEqual(DOCUMENTED.map(([m, h, p]) => key(m, h, p)).sort())
    expect(new Set(ENDPOINTS.map((e) => e.id)).size).toBe(ENDPOINTS.length)
  })

  it('has valid path templates, parameters, auth and bodies', () => {
    for (const e of ENDPOINTS) {
      expect(e.path, e.id).toMatch(/^(\/[A-Za-z0-9-]+|\/\{[A-Za-z][A-Za-z0-9]*\})+$/)
      expect(pathTemplateParams(e.path), e.id).toEqual(e.pathParams.map((p) => p.name))
      expect(ENDPOINT_GROUPS, e.id).toContain(e.group)
      expect(e.description.length, e.id).toBeGreaterThan(10)
      expect(e.tags.length, e.id).toBeGreaterThan(0)
      expect(e.auth, e.id).toBe(e.path.startsWith('/private/') ? 'bearer' : 'apikey')
      if (e.bodyTemplate) {
        expect(['POST', 'PUT'], e.id).toContain(e.method)
        expect(() => JSON.parse(e.bodyTemplate!), e.id).not.toThrow()
        for (const m of e.bodyTemplate.matchAll(/\{\{(\w+)\}\}/g)) {
          expect(Object.keys(PROFILE_VARIABLES), e.id).toContain(m[1])
        }
      }
      for (const p of e.queryParams) {
        if (p.default !== undefined && p.allowed)
          expect(p.allowed, `${e.id} ${p.name}`).toContain(p.default)
      }
    }
    // The facts docs/trustpilot-api.md states about x-business-user-id and repeatable stars.
    expect(
      ENDPOINTS.filter((e) => e.businessUserHeader)
        .map((e) => e.id)
        .sort(),
    ).toEqual(['private.conversations.comment', 'private.invitations.email'])
    const reviews = endpointById('private.reviews.list')!
    expect(reviews.queryParams.find((p) => p.name === 'stars')?.repeatable).toBe(true)
    expect(reviews.queryParams.find((p) => p.name === 'perPage')).toMatchObject({
      max: 100,
      default: '20',
    })
    expect(endpointById('private.reviews.reply')!.bodyTemplate).toContain('{{businessUserId}}')
  })

  it('searches name, path, description and tags, case-insensitively, every word', () => {
    expect(searchEndpoints('')).toHaveLength(ENDPOINTS.length)
    expect(searchEndpoints('EMAIL invitation')[0]?.id).toBe('private.invitations.email')
    expect(searchEndpoints('reply').map((e) => e.id)).toEqual(
      expect.arrayContaining(['private.reviews.reply', 'private.reviews.reply.delete']),
    )
    expect(searchEndpoints('/find-reviewer').map((e) => e.id)).toEqual([
      'private.reviews.find-reviewer',
    ])
    expect(searchEndpoints('gdpr').map((e) => e.id)).toEqual(['private.invitations.data-delete'])
    expect(
      searchEndpoints('x-business-user-id')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['private.conversations.comment', 'private.invitations.email'])
    expect(searchEndpoints('tags delete').map((e) => e.id)).toContain('private.reviews.tags.delete')
    expect(searchEndpoints('product conversation').map((e) => e.id)).toContain(
      'private.product-reviews.create-conversation',
    )
    expect(searchEndpoints('no such thing anywhere')).toEqual([])
  })

  it('turns an endpoint into a draft the runner accepts', () => {
    const { draft, pathParams } = draftFromEndpoint(endpointById('private.reviews.list')!, 'p1')
    expect(draft.url).toBe('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')
    expect(draft.auth).toBe('token')
    expect(pathParams).toEqual([])
    expect(draft.query!.find((r) => r.name === 'perPage')).toEqual({
      name: 'perPage',
      value: '20',
      enabled: true,
    })
    expect(draft.query!.find((r) => r.name === 'stars')).toEqual({
      name: 'stars',
      value: '',
      enabled: false,
    })
    expect(draftRequestSchema.safeParse(draft).success).toBe(true)

    const reply = draftFromEndpoint(endpointById('private.reviews.reply')!, 'p1')
    expect(reply.draft.url).toBe('{{apiBase}}/private/reviews/{reviewId}/reply')
    expect(reply.pathParams.map((p) => p.name)).toEqual(['reviewId'])
    expect(reply.draft.body).toMatchObject({ kind: 'json' })
    const email = draftFromEndpoint(endpointById('private.invitations.email')!, 'p1')
    expect(
      email.draft.url.startsWith('{{invitationsBase}}/private/business-units/{{businessUnitId}}/'),
    ).toBe(true)
    const find = draftFromEndpoint(endpointById('public.business-units.find')!, 'p1')
    expect(find.draft.auth).toBe('apikey')
    expect(find.draft.query).toEqual([
      { name: 'name', value: 'sandbox-shop.example', enabled: true },
    ])
  })

  it('matches a concrete path to its endpoint, literal paths first', () => {
    expect(matchEndpoint('GET', 'api', '/reviews/latest')?.id).toBe('public.reviews.latest')
    expect(matchEndpoint('GET', 'api', '/reviews/abc123')?.id).toBe('public.reviews.get')
    expect(matchEndpoint('post', 'api', '/private/reviews/abc/reply')?.id).toBe(
      'private.reviews.reply',
    )
    expect(
      matchEndpoint('POST', 'api', '/private/business-units/x/email-invitations'),
    ).toBeUndefined()
    expect(
      matchEndpoint('POST', 'invitations', '/private/business-units/x/email-invitations')?.id,
    ).toBe('private.invitations.email')
  })
})
