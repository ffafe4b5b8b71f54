/**
 * Every catalogue entry, sent through the real request runner (`http:send`) to the sandbox with
 * the entry's example values: each gets its documented success status. A second pass sends each
 * with a deliberately bad id, body, parameter or credential and gets the documented error.
 * A catalogue entry without a case here fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  draftFromEndpoint,
  ENDPOINTS,
  type Endpoint,
  type EndpointParam,
} from '../../../electron/shared/catalogue'
import type { DraftRequest, ResponseSummary } from '../../../electron/shared/workbench'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import { createSeedState } from '../../../electron/sandbox/seed-data'
import { startBench, type Bench } from './helpers'

const seed = createSeedState({
  businessUnitId: SANDBOX_DEFAULTS.businessUnitId,
  businessUserId: SANDBOX_DEFAULTS.businessUserId,
  username: SANDBOX_DEFAULTS.username,
})
const conversation = seed.conversations.find((c) => c.visibility === 'public')!
const businessComment = conversation.comments.find((c) => c.author.type === 'BusinessUser')!
const repliedReview = seed.reviews.find((r) => r.companyReply !== null)!

/** Seeded ids for path parameters that have no fixed example in the catalogue. */
function seededValue(endpoint: Endpoint, param: EndpointParam): string {
  if (param.example) return param.example
  switch (param.name) {
    case 'reviewId':
      return endpoint.path.includes('product-reviews')
        ? seed.productReviews[0]!.id
        : repliedReview.id
    case 'conversationId':
      return conversation.id
    case 'commentId':
      return businessComment.id
    default:
      throw new Error(`${endpoint.id}: no seeded value for {${param.name}}`)
  }
}

/**
 * The documented success status of every catalogue entry. An entry missing here (or an id here
 * that the catalogue lost) fails the first test: every endpoint needs its case.
 */
const SUCCESS: Record<string, number> = {
  'private.reviews.list': 200,
  'private.reviews.get': 200,
  'private.reviews.reply': 201,
  'private.reviews.reply.delete': 204,
  'private.reviews.tags.get': 200,
  'private.reviews.tags.add': 200,
  'private.reviews.tags.replace': 200,
  'private.reviews.tags.delete': 200,
  'private.reviews.find-reviewer': 201,
  'private.invitations.email': 202,
  'private.invitations.templates': 200,
  'private.invitations.links': 200,
  'private.invitations.data-delete': 202,
  'private.product-reviews.list': 200,
  'private.product-reviews.get': 200,
  'private.product-reviews.invitation-links': 200,
  'private.products.list': 200,
  'private.products.upsert': 200,
  'private.product-reviews.create-conversation': 200,
  'private.conversations.get': 200,
  'private.conversations.comment': 201,
  'private.conversations.comment.get': 200,
  'private.conversations.comment.update': 200,
  'private.conversations.state': 200,
  'private.product-reviews.summaries': 200,
  'public.business-units.find': 200,
  'public.business-units.get': 200,
  'public.business-units.reviews': 200,
  'public.reviews.latest': 200,
  'public.reviews.get': 200,
  'public.resources.locales': 200,
  'public.business-units.all': 200,
  'public.business-units.search': 200,
  'public.business-units.all-reviews': 200,
  'public.business-units.web-links': 200,
  'public.business-units.images': 200,
  'public.business-units.images.logo': 200,
  'public.business-units.images.header': 200,
  'public.business-units.images.promotion-box': 200,
  'public.business-units.profileinfo': 200,
  'public.business-units.categories': 200,
  'public.business-units.promotion-box': 200,
  'public.business-units.customer-guarantee': 200,
  'public.business-units.profile-promotion': 200,
  'public.reviews.likes': 200,
  'public.reviews.web-links': 200,
  'public.product-reviews.summary': 200,
  'public.product-reviews.list': 200,
  'public.product-reviews.batch-summaries': 200,
  'public.product-reviews.attribute-summaries': 200,
  'public.product-reviews.imported': 200,
  'public.product-reviews.imported-summary': 200,
  'public.conversations.get': 200,
  'public.categories.list': 200,
  'public.categories.get': 200,
  'public.categories.business-units': 200,
  'public.consumers.reviews': 200,
  'public.consumers.get': 200,
  'public.consumers.profile': 200,
  'public.consumers.web-links': 200,
  'public.consumers.profiles-bulk': 200,
  'public.consumers.display-name.validate': 200,
  'public.consumers.display-name.create': 200,
  'public.resources.images': 200,
  'public.resources.icons': 200,
  'public.resources.logos': 200,
  'public.resources.stars-images': 200,
  'public.resources.stars-strings': 200,
  'public.resources.countries': 200,
  'public.business-signup.domain-availability': 200,
}

type Mutation = (draft: DraftRequest) => DraftRequest
interface BadCase {
  what: string
  status: number
  mutate: Mutation
}

const BAD_ID = 'ffffffffffffffffffffffff'

/** The first applicable way to break a request, with the error the documentation gives. */
function badCase(endpoint: Endpoint): BadCase {
  const idParam = endpoint.pathParams.find((p) => !p.profileVariable)
  if (idParam) {
    const value = seededValue(endpoint, idParam)
    const bad = idParam.name === 'stars' ? '9' : BAD_ID
    return {
      what: `unknown {${idParam.name}}`,
      status: idParam.name === 'stars' ? 400 : 404,
      mutate: (d) => ({ ...d, url: d.url.replace(`/${value}`, `/${bad}`) }),
    }
  }
  if (endpoint.bodyTemplate) {
    return {
      what: 'a body that is not a JSON object',
      status: 400,
      mutate: (d) => ({ ...d, body: { kind: 'json', text: '["not", "an", "object"]' } }),
    }
  }
  if (endpoint.pathParams.some((p) => p.profileVariable === 'businessUnitId')) {
    return {
      what: 'an unknown business unit',
      status: 404,
      mutate: (d) => ({ ...d, url: d.url.replace('{{businessUnitId}}', BAD_ID) }),
    }
  }
  const required = endpoint.queryParams.find((p) => p.required)
  if (required) {
    return {
      what: `no ${required.name}`,
      status: 400,
      mutate: (d) => ({ ...d, query: (d.query ?? []).filter((q) => q.name !== required.name) }),
    }
  }
  return {
    what: 'no credentials',
    status: endpoint.auth === 'bearer' ? 401 : 403,
    mutate: (d) => ({ ...d, auth: 'none' }),
  }
}

function exampleDraft(endpoint: Endpoint, profileId: string): DraftRequest {
  const { draft, pathParams } = draftFromEndpoint(endpoint, profileId)
  let url = draft.url
  for (const p of pathParams) url = url.replace(`{${p.name}}`, seededValue(endpoint, p))
  const query = (draft.query ?? []).map((row) => {
    const param = endpoint.queryParams.find((p) => p.name === row.name)!
    return param.example ? { ...row, value: param.example, enabled: true } : row
  })
  return { ...draft, url, query }
}

describe('every catalogue entry against the sandbox, through the request runner', () => {
  let b: Bench
  beforeAll(async () => {
    b = await startBench()
  })
  afterAll(async () => {
    await b.app.services.dispose()
  })

  const send = async (draft: DraftRequest): Promise<ResponseSummary> => {
    const r = await b.call('http:send', draft)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value
  }

  it('covers every entry: each has a case, an example for every path parameter and a bad case', () => {
    expect(Object.keys(SUCCESS).sort()).toEqual(ENDPOINTS.map((e) => e.id).sort())
    for (const endpoint of ENDPOINTS) {
      for (const p of endpoint.pathParams) {
        if (!p.profileVariable) expect(() => seededValue(endpoint, p), endpoint.id).not.toThrow()
      }
      const draft = exampleDraft(endpoint, 'p')
      expect(draft.url.replace(/\{\{\w+\}\}/g, ''), endpoint.id).not.toMatch(/\{\w+\}/)
      expect(badCase(endpoint).status, endpoint.id).toBeGreaterThanOrEqual(400)
    }
  })

  it('answers every entry with its documented success status and a JSON or empty body', async () => {
    await b.control('POST', '/reset', {})
    const failures: string[] = []
    for (const endpoint of ENDPOINTS) {
      const res = await send(exampleDraft(endpoint, b.profileId))
      const expected = SUCCESS[endpoint.id]
      if (res.status !== expected) {
        failures.push(`${endpoint.id}: ${res.status} (want ${expected}) ${res.body?.slice(0, 200)}`)
        continue
      }
      expect(res.endpointId, endpoint.id).toBe(endpoint.id)
      if (expected !== 204 && res.body)
        expect(() => JSON.parse(res.body!), endpoint.id).not.toThrow()
    }
    expect(failures).toEqual([])
  })

  it('answers a bad id, body, parameter or credential with the documented error', async () => {
    await b.control('POST', '/reset', {})
    const failures: string[] = []
    for (const endpoint of ENDPOINTS) {
      const draft = exampleDraft(endpoint, b.profileId)
      const bad = badCase(endpoint)
      const res = await send(bad.mutate(draft))
      if (res.status !== bad.status) {
        failures.push(`${endpoint.id} (${bad.what}): ${res.status}, want ${bad.status}`)
        continue
      }
      // Trustpilot's error shapes: {message, details} or the gateway's {fault}.
      const body = JSON.parse(res.body ?? '{}') as Record<string, unknown>
      expect('message' in body || 'fault' in body, `${endpoint.id} ${res.body}`).toBe(true)
    }
    expect(failures).toEqual([])
  })

  it('applies each entry’s auth rule: no credentials gives 401 (token) or 403 (API key)', async () => {
    const failures: string[] = []
    for (const endpoint of ENDPOINTS) {
      const res = await send({ ...exampleDraft(endpoint, b.profileId), auth: 'none' })
      const expected = endpoint.auth === 'bearer' ? 401 : 403
      if (res.status !== expected) failures.push(`${endpoint.id}: ${res.status}, want ${expected}`)
    }
    expect(failures).toEqual([])
  })

  it('needs x-business-user-id with a client-credentials token exactly where the catalogue says', async () => {
    await b.control('POST', '/reset', {})
    // A call through the runner gets the profile a client-credentials token.
    await send(
      exampleDraft(
        ENDPOINTS.find((e) => e.id === 'private.reviews.get')!,
        b.profileId,
      ),
    )
    const token = await b.accessToken()
    expect(token).toMatch(/^tpa-/)
    const flagged = ENDPOINTS.filter((e) => e.businessUserHeader)
    expect(flagged.length).toBeGreaterThan(0)
    for (const endpoint of flagged) {
      const draft = exampleDraft(endpoint, b.profileId)
      const base = endpoint.host === 'api' ? b.apiBase : b.invitationsBase
      const url = draft.url
        .replace(/^\{\{\w+\}\}/, base)
        .replace('{{businessUnitId}}', SANDBOX_DEFAULTS.businessUnitId)
      const body = (endpoint.bodyTemplate ?? '{}').replace(
        /\{\{businessUserId\}\}/g,
        SANDBOX_DEFAULTS.businessUserId,
      )
      const res = await fetch(url, {
        method: endpoint.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      })
      const text = await res.text()
      expect(res.status, `${endpoint.id} ${text}`).toBe(400)
      expect(text, endpoint.id).toMatch(/x-business-user-id/)
    }
  })
})
