import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { SEED_REVIEW_COUNT, createSeedState } from '../../../electron/sandbox/seed-data'
import type { ServiceReview } from '../../../electron/sandbox/model'
import type { Json } from './helpers'
import { clientCredentialsToken, control, passwordToken, send, start } from './helpers'

let sbx: RunningSandbox
let userToken: string
let seed: ReturnType<typeof createSeedState>

beforeAll(async () => {
  sbx = await start()
  seed = createSeedState({
    businessUnitId: sbx.businessUnitId,
    businessUserId: sbx.businessUserId,
    username: sbx.username,
  })
})
afterAll(async () => {
  await sbx.close()
})
beforeEach(async () => {
  await control(sbx, 'POST', '/reset')
  userToken = (await passwordToken(sbx))['access_token']!
})

const api = (path: string): string => `${sbx.apiBase}${path}`
const inv = (path: string): string => `${sbx.invitationsBase}${path}`
const bu = (): string => `/private/business-units/${sbx.businessUnitId}`

/** Reads every page of the private reviews list for a query. */
async function allReviews(query: string): Promise<Json[]> {
  const out: Json[] = []
  for (let page = 1; page < 50; page++) {
    const res = await send(
      'GET',
      api(`${bu()}/reviews?perPage=100&page=${page}${query ? `&${query}` : ''}`),
      { token: userToken },
    )
    expect(res.status).toBe(200)
    out.push(...res.body.reviews)
    if (!res.body.links.some((l: Json) => l.rel === 'next-page')) break
  }
  return out
}

const ids = (list: { id: string }[]): string[] => list.map((r) => r.id)
const newestFirst = (a: ServiceReview, b: ServiceReview): number =>
  b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)

describe('seed data', () => {
  it('is deterministic and varied', () => {
    const again = createSeedState({
      businessUnitId: sbx.businessUnitId,
      businessUserId: sbx.businessUserId,
      username: sbx.username,
    })
    expect(again).toEqual(seed)
    expect(seed.reviews.length).toBe(SEED_REVIEW_COUNT)
    expect(SEED_REVIEW_COUNT).toBeGreaterThanOrEqual(150)
    expect(new Set(seed.reviews.map((r) => r.stars))).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(new Set(seed.reviews.map((r) => r.language)).size).toBeGreaterThanOrEqual(4)
    expect(seed.reviews.filter((r) => r.companyReply).length).toBeGreaterThan(20)
    expect(seed.reviews.filter((r) => r.reportData).length).toBeGreaterThan(0)
    expect(seed.reviews.every((r) => /^[0-9a-f]{24}$/.test(r.id))).toBe(true)
    expect(seed.templates.length).toBeGreaterThanOrEqual(3)
    expect(seed.products.length).toBeGreaterThan(0)
    expect(seed.productReviews.length).toBeGreaterThan(0)
  })
})

describe('GET private reviews list', () => {
  it('pages with the default perPage of 20, newest first, with paging links', async () => {
    const res = await send('GET', api(`${bu()}/reviews`), { token: userToken })
    expect(res.status).toBe(200)
    expect(res.body.reviews).toHaveLength(20)
    const expected = [...seed.reviews].sort(newestFirst)
    expect(ids(res.body.reviews)).toEqual(ids(expected.slice(0, 20)))
    const review = res.body.reviews[0]
    for (const key of [
      'consumer',
      'stars',
      'title',
      'text',
      'createdAt',
      'referenceId',
      'referralEmail',
      'companyReply',
      'tags',
    ]) {
      expect(review).toHaveProperty(key)
    }
    const next = res.body.links.find((l: Json) => l.rel === 'next-page')
    expect(next.href).toContain('page=2')
    const page2 = await send('GET', next.href, { token: userToken })
    expect(ids(page2.body.reviews)).toEqual(ids(expected.slice(20, 40)))
    expect(page2.body.links.map((l: Json) => l.rel).sort()).toEqual(['next-page', 'prev-page'])
  })

  it('returns all seeded reviews across pages, the last page short', async () => {
    expect(await allReviews('')).toHaveLength(SEED_REVIEW_COUNT)
    const last = await send('GET', api(`${bu()}/reviews?perPage=100&page=2`), { token: userToken })
    expect(last.body.reviews).toHaveLength(SEED_REVIEW_COUNT - 100)
    const beyond = await send('GET', api(`${bu()}/reviews?perPage=100&page=3`), {
      token: userToken,
    })
    expect(beyond.body.reviews).toHaveLength(0)
  })

  it.each([
    ['stars=1&stars=2', (r: ServiceReview) => r.stars <= 2],
    ['stars=5', (r: ServiceReview) => r.stars === 5],
    ['language=da', (r: ServiceReview) => r.language === 'da'],
    ['language=all', () => true],
    ['responded=true', (r: ServiceReview) => r.companyReply !== null],
    ['responded=false', (r: ServiceReview) => r.companyReply === null],
    ['reported=true', (r: ServiceReview) => r.reportData !== null],
    [
      'tagGroup=generic&tagValue=delivery',
      (r: ServiceReview) => r.tags.some((t) => t.group === 'generic' && t.value === 'delivery'),
    ],
    ['tagGroup=generic&tagValue=DELIVERY', () => false],
    [
      'tagGroup=generic&tagValue=DELIVERY&ignoreTagValueCase=true',
      (r: ServiceReview) => r.tags.some((t) => t.value === 'delivery'),
    ],
    [
      'tagGroup=source&tagValue=store',
      (r: ServiceReview) => r.tags.some((t) => t.group === 'source' && t.value === 'store'),
    ],
    ['referenceId=ORDER-10042', (r: ServiceReview) => r.referenceId === 'ORDER-10042'],
    [
      'referralEmail=CUSTOMER007@example.com',
      (r: ServiceReview) => r.referralEmail === 'customer007@example.com',
    ],
    [
      'startDateTime=2024-10-01T00:00:00Z&endDateTime=2024-12-31T23:59:59Z',
      (r: ServiceReview) =>
        r.createdAt >= '2024-10-01T00:00:00' && r.createdAt <= '2024-12-31T23:59:59.999Z',
    ],
    [
      'stars=4&language=en&responded=false',
      (r: ServiceReview) => r.stars === 4 && r.language === 'en' && r.companyReply === null,
    ],
  ])('filters: %s', async (query, predicate) => {
    const got = await allReviews(query)
    const expected = seed.reviews.filter(predicate).sort(newestFirst)
    expect(ids(got)).toEqual(ids(expected))
  })

  it('filters by locationId', async () => {
    const location = seed.businessUnit.locations[0]!.id
    const got = await allReviews(`locationId=${location}`)
    const expected = seed.reviews.filter((r) => r.locationId === location)
    expect(expected.length).toBeGreaterThan(0)
    expect(got).toHaveLength(expected.length)
  })

  it.each(['createdat.asc', 'stars.asc', 'stars.desc'])('orders by %s', async (orderBy) => {
    const got = await allReviews(`orderBy=${orderBy}`)
    expect(got).toHaveLength(SEED_REVIEW_COUNT)
    const values = got.map((r: Json) => (orderBy.startsWith('stars') ? r.stars : r.createdAt))
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(values).toEqual(orderBy.endsWith('desc') ? sorted.reverse() : sorted)
  })

  it.each([
    'perPage=0',
    'perPage=101',
    'page=0',
    'stars=6',
    'orderBy=name',
    'responded=maybe',
    'startDateTime=yesterday',
  ])('gives 400 {message, details} for %s', async (query) => {
    const res = await send('GET', api(`${bu()}/reviews?${query}`), { token: userToken })
    expect(res.status).toBe(400)
    expect(res.body.message).toBeTruthy()
    expect(res.body.details).toBeTruthy()
  })

  it('gives 404 for another business unit', async () => {
    const res = await send('GET', api('/private/business-units/000000000000000000000000/reviews'), {
      token: userToken,
    })
    expect(res.status).toBe(404)
  })
})

describe('single review, replies, tags, find-reviewer', () => {
  const unreplied = (): ServiceReview => seed.reviews.find((r) => r.companyReply === null)!

  it('GET /private/reviews/{id} returns the private fields; 404 for an unknown id', async () => {
    const target = seed.reviews[5]!
    const res = await send('GET', api(`/private/reviews/${target.id}`), { token: userToken })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(target.id)
    expect(res.body.referralEmail).toBe(target.referralEmail)
    expect(res.body.tags).toEqual(target.tags)
    expect(
      (await send('GET', api('/private/reviews/ffffffffffffffffffffffff'), { token: userToken }))
        .status,
    ).toBe(404)
  })

  it('a reply appears on the review and can be deleted', async () => {
    const review = unreplied()
    const post = await send('POST', api(`/private/reviews/${review.id}/reply`), {
      token: userToken,
      json: { message: 'Thanks for the review!' },
    })
    expect(post.status).toBe(201)
    const after = await send('GET', api(`/private/reviews/${review.id}`), { token: userToken })
    expect(after.body.companyReply.text).toBe('Thanks for the review!')
    expect(after.body.companyReply.authorBusinessUserId).toBe(sbx.businessUserId)
    const responded = await allReviews('responded=true')
    expect(ids(responded)).toContain(review.id)

    expect(
      (await send('DELETE', api(`/private/reviews/${review.id}/reply`), { token: userToken }))
        .status,
    ).toBe(204)
    const deleted = await send('GET', api(`/private/reviews/${review.id}`), { token: userToken })
    expect(deleted.body.companyReply).toBeNull()
  })

  it('with a client-credentials token a reply needs authorBusinessUserId in the body', async () => {
    const cc = await clientCredentialsToken(sbx)
    const review = unreplied()
    const missing = await send('POST', api(`/private/reviews/${review.id}/reply`), {
      token: cc,
      json: { message: 'Hi' },
    })
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.body)).toContain('authorBusinessUserId')
    const unknown = await send('POST', api(`/private/reviews/${review.id}/reply`), {
      token: cc,
      json: { message: 'Hi', authorBusinessUserId: 'ffffffffffffffffffffffff' },
    })
    expect(unknown.status).toBe(403)
    const ok = await send('POST', api(`/private/reviews/${review.id}/reply`), {
      token: cc,
      json: { message: 'Hi', authorBusinessUserId: sbx.businessUserId },
    })
    expect(ok.status).toBe(201)
  })

  it('a reply needs a message', async () => {
    const res = await send('POST', api(`/private/reviews/${unreplied().id}/reply`), {
      token: userToken,
      json: {},
    })
    expect(res.status).toBe(400)
    expect(res.body.details.join(' ')).toContain('message')
  })

  it('tags: get, add (PUT), replace (POST), remove (DELETE)', async () => {
    const review = seed.reviews[0]!
    const url = api(`/private/reviews/${review.id}/tags`)
    const got = await send('GET', url, { token: userToken })
    expect(got.status).toBe(200)
    expect(got.body.tags).toEqual(review.tags)

    const added = await send('PUT', url, {
      token: userToken,
      json: { tags: [{ group: 'generic', value: 'vip' }] },
    })
    expect(added.status).toBe(200)
    expect(added.body.tags).toEqual([...review.tags, { group: 'generic', value: 'vip' }])
    const byTag = await allReviews('tagGroup=generic&tagValue=vip')
    expect(ids(byTag)).toEqual([review.id])

    const replaced = await send('POST', url, {
      token: userToken,
      json: {
        tags: [
          { group: 'generic', value: 'a' },
          { group: 'generic', value: 'b' },
        ],
      },
    })
    expect(replaced.body.tags).toEqual([
      { group: 'generic', value: 'a' },
      { group: 'generic', value: 'b' },
    ])

    const removed = await send('DELETE', `${url}?group=generic&value=a`, { token: userToken })
    expect(removed.status).toBe(200)
    expect((await send('GET', url, { token: userToken })).body.tags).toEqual([
      { group: 'generic', value: 'b' },
    ])
    expect(
      (await send('DELETE', `${url}?group=generic&value=a`, { token: userToken })).status,
    ).toBe(404)
    expect((await send('DELETE', url, { token: userToken })).status).toBe(400)
    expect(
      (await send('PUT', url, { token: userToken, json: { tags: [{ group: 'x' }] } })).status,
    ).toBe(400)
  })

  it('find-reviewer records the request', async () => {
    const review = seed.reviews[3]!
    const res = await send('POST', api(`/private/reviews/${review.id}/find-reviewer`), {
      token: userToken,
      json: {
        message: 'Can you share your order number?',
        skipNotificationEmailToBusinessUser: true,
      },
    })
    expect(res.status).toBe(201)
    const after = await send('GET', api(`/private/reviews/${review.id}`), { token: userToken })
    expect(after.body.findReviewer.requests).toHaveLength(1)
    expect(after.body.findReviewer.requests[0].message).toBe('Can you share your order number?')
    expect(
      (
        await send('POST', api(`/private/reviews/${review.id}/find-reviewer`), {
          token: userToken,
          json: {},
        })
      ).status,
    ).toBe(400)
  })
})

describe('product reviews, conversations, products', () => {
  it('lists product reviews with paging and filters', async () => {
    const res = await send(
      'GET',
      api(`/private/product-reviews/business-units/${sbx.businessUnitId}/reviews?perPage=100`),
      { token: userToken },
    )
    expect(res.status).toBe(200)
    expect(res.body.productReviews).toHaveLength(seed.productReviews.length)
    expect(Array.isArray(res.body.links)).toBe(true)
    const sku = seed.products[0]!.sku
    const bySku = await send(
      'GET',
      api(
        `/private/product-reviews/business-units/${sbx.businessUnitId}/reviews?perPage=100&sku=${sku}`,
      ),
      { token: userToken },
    )
    expect(bySku.body.productReviews.length).toBe(
      seed.productReviews.filter((r) => r.sku === sku).length,
    )
    expect(bySku.body.productReviews.every((r: Json) => r.product.sku === sku)).toBe(true)
    const filtered = await send(
      'GET',
      api(
        `/private/product-reviews/business-units/${sbx.businessUnitId}/reviews?perPage=100&language=da&state=published&locale=da-DK`,
      ),
      { token: userToken },
    )
    expect(filtered.body.productReviews.length).toBe(
      seed.productReviews.filter(
        (r) => r.language === 'da' && r.state === 'published' && r.locale === 'da-DK',
      ).length,
    )
    const paged = await send(
      'GET',
      api(`/private/product-reviews/business-units/${sbx.businessUnitId}/reviews?perPage=5&page=2`),
      { token: userToken },
    )
    expect(ids(paged.body.productReviews)).toEqual(ids(seed.productReviews.slice(5, 10)))
  })

  it('gets one product review; 404 for unknown', async () => {
    const target = seed.productReviews[7]!
    const res = await send('GET', api(`/private/product-reviews/${target.id}`), {
      token: userToken,
    })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(target.id)
    expect(res.body.stars).toBe(target.stars)
    expect(
      (
        await send('GET', api('/private/product-reviews/ffffffffffffffffffffffff'), {
          token: userToken,
        })
      ).status,
    ).toBe(404)
  })

  it('creates a conversation, reads it, and adds comments', async () => {
    const target = seed.productReviews.find((r) => r.conversationId === null)!
    const created = await send(
      'POST',
      api(`/private/product-reviews/${target.id}/create-conversation`),
      { token: userToken },
    )
    expect(created.status).toBe(201)
    const conversationId = created.body.conversationId
    expect(conversationId).toMatch(/^[0-9a-f]{24}$/)
    const again = await send(
      'POST',
      api(`/private/product-reviews/${target.id}/create-conversation`),
      { token: userToken },
    )
    expect(again.body.conversationId).toBe(conversationId)

    const comment = await send('POST', api(`/private/conversations/${conversationId}/comments`), {
      token: userToken,
      json: { content: 'Hello from the shop', integrationId: 'sandbox-test' },
    })
    expect(comment.status).toBe(201)
    expect(comment.body.content).toBe('Hello from the shop')
    const conversation = await send('GET', api(`/private/conversations/${conversationId}`), {
      token: userToken,
    })
    expect(conversation.status).toBe(200)
    expect(conversation.body.source).toEqual({ type: 'ProductReview', id: target.id })
    expect(conversation.body.comments.map((c: Json) => c.content)).toEqual(['Hello from the shop'])
    expect(
      (
        await send('GET', api('/private/conversations/ffffffffffffffffffffffff'), {
          token: userToken,
        })
      ).status,
    ).toBe(404)
  })

  it('a seeded conversation has comments', async () => {
    const conversation = seed.conversations[0]!
    const res = await send('GET', api(`/private/conversations/${conversation.id}`), {
      token: userToken,
    })
    expect(res.status).toBe(200)
    expect(res.body.comments).toHaveLength(conversation.comments.length)
  })

  it('conversation comments with a client-credentials token need x-business-user-id', async () => {
    const cc = await clientCredentialsToken(sbx)
    const conversationId = seed.conversations[0]!.id
    const url = api(`/private/conversations/${conversationId}/comments`)
    const missing = await send('POST', url, { token: cc, json: { content: 'Hi' } })
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.body)).toContain('x-business-user-id')
    const wrong = await send('POST', url, {
      token: cc,
      json: { content: 'Hi' },
      headers: { 'x-business-user-id': 'ffffffffffffffffffffffff' },
    })
    expect(wrong.status).toBe(403)
    const ok = await send('POST', url, {
      token: cc,
      json: { content: 'Hi' },
      headers: { 'x-business-user-id': sbx.businessUserId },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.author.id).toBe(sbx.businessUserId)
    expect((await send('POST', url, { token: userToken, json: {} })).status).toBe(400)
  })

  it('product review invitation links are created and recorded', async () => {
    const res = await send(
      'POST',
      api(`/private/product-reviews/business-units/${sbx.businessUnitId}/invitation-links`),
      {
        token: userToken,
        json: {
          consumer: { email: 'buyer@example.com', name: 'Buyer' },
          referenceId: 'ORDER-1',
          locale: 'en-US',
          redirectUri: 'https://shop.example/thanks',
          products: [
            { sku: seed.products[0]!.sku, productUrl: 'https://shop.example/p', name: 'P' },
          ],
        },
      },
    )
    expect(res.status).toBe(200)
    expect(res.body.reviewLinkId).toMatch(/^[0-9a-f]{24}$/)
    expect(res.body.reviewUrl).toContain(res.body.reviewLinkId)
    const state = await control(sbx, 'GET', '/state')
    expect(state.body.productInvitationLinks).toHaveLength(1)
    const bad = await send(
      'POST',
      api(`/private/product-reviews/business-units/${sbx.businessUnitId}/invitation-links`),
      {
        token: userToken,
        json: { consumer: { email: 'nope' }, products: [] },
      },
    )
    expect(bad.status).toBe(400)
  })

  it('product catalogue: list and batch upsert', async () => {
    const url = api(`${bu()}/products`)
    const list = await send('GET', url, { token: userToken })
    expect(list.status).toBe(200)
    expect(list.body.products).toHaveLength(seed.products.length)
    const upsert = await send('POST', url, {
      token: userToken,
      json: {
        products: [
          { sku: seed.products[0]!.sku, name: 'Renamed shoe' },
          { sku: 'SKU-NEW', name: 'New thing', price: '9.99', currency: 'EUR' },
        ],
      },
    })
    expect(upsert.status).toBe(200)
    expect(upsert.body.products).toHaveLength(2)
    const after = await send('GET', `${url}?perPage=100`, { token: userToken })
    expect(after.body.products).toHaveLength(seed.products.length + 1)
    expect(after.body.products.find((p: Json) => p.sku === seed.products[0]!.sku).name).toBe(
      'Renamed shoe',
    )
    const bySku = await send('GET', `${url}?skus=SKU-NEW`, { token: userToken })
    expect(bySku.body.products.map((p: Json) => p.name)).toEqual(['New thing'])
    expect(
      (await send('POST', url, { token: userToken, json: { products: [{ name: 'no sku' }] } }))
        .status,
    ).toBe(400)
    expect(
      (await send('POST', url, { token: userToken, json: { products: [{ sku: 'SKU-NONAME' }] } }))
        .status,
    ).toBe(400)
  })
})

describe('invitations host', () => {
  it('lists templates', async () => {
    const res = await send('GET', inv(`${bu()}/templates`), { token: userToken })
    expect(res.status).toBe(200)
    expect(res.body.templates).toEqual(seed.templates)
    for (const t of res.body.templates)
      expect(Object.keys(t).sort()).toEqual(['id', 'isDefaultTemplate', 'locale', 'name', 'type'])
  })

  const invitation = (): Json => ({
    consumerEmail: 'jane@example.com',
    consumerName: 'Jane',
    referenceNumber: 'ORDER-77',
    locale: 'en-US',
    senderName: 'Sandbox Shop',
    senderEmail: 'noreply@sandbox-shop.example',
    replyTo: 'support@sandbox-shop.example',
    type: 'email',
    serviceReviewInvitation: {
      templateId: seed.templates[0]!.id,
      preferredSendTime: '2025-02-01T10:00:00Z',
      redirectUri: 'https://sandbox-shop.example/thanks',
      tags: ['vip'],
    },
  })

  it('records an email invitation (user token)', async () => {
    const res = await send('POST', inv(`${bu()}/email-invitations`), {
      token: userToken,
      json: invitation(),
    })
    expect(res.status).toBe(202)
    const state = await control(sbx, 'GET', '/state')
    expect(state.body.invitations).toHaveLength(1)
    expect(state.body.invitations[0].body.consumerEmail).toBe('jane@example.com')
    expect(state.body.invitations[0].businessUserId).toBe(sbx.businessUserId)
  })

  it('email invitations with a client-credentials token need x-business-user-id', async () => {
    const cc = await clientCredentialsToken(sbx)
    const missing = await send('POST', inv(`${bu()}/email-invitations`), {
      token: cc,
      json: invitation(),
    })
    expect(missing.status).toBe(400)
    expect(missing.body.message).toContain('x-business-user-id')
    const ok = await send('POST', inv(`${bu()}/email-invitations`), {
      token: cc,
      json: invitation(),
      headers: { 'x-business-user-id': sbx.businessUserId },
    })
    expect(ok.status).toBe(202)
  })

  it('validates email invitations', async () => {
    const bad = {
      ...invitation(),
      consumerEmail: 'not-an-email',
      serviceReviewInvitation: { templateId: 'nope', preferredSendTime: 'soon' },
    }
    const res = await send('POST', inv(`${bu()}/email-invitations`), {
      token: userToken,
      json: bad,
    })
    expect(res.status).toBe(400)
    expect(res.body.details.join(' ')).toMatch(/consumerEmail/)
    expect(res.body.details.join(' ')).toMatch(/templateId/)
    expect(res.body.details.join(' ')).toMatch(/preferredSendTime/)
  })

  it('creates invitation links and deletes invitation data', async () => {
    const link = await send('POST', inv(`${bu()}/invitation-links`), {
      token: userToken,
      json: {
        referenceId: 'ORDER-9',
        email: 'jane@example.com',
        name: 'Jane',
        locale: 'en-US',
        tags: ['a'],
        redirectUri: 'https://x.example',
      },
    })
    expect(link.status).toBe(200)
    expect(link.body.id).toMatch(/^[0-9a-f]{24}$/)
    expect(link.body.url).toContain(link.body.id)
    await send('POST', inv(`${bu()}/email-invitations`), { token: userToken, json: invitation() })
    expect(
      (
        await send('POST', inv(`${bu()}/invitation-links`), {
          token: userToken,
          json: { email: 'x' },
        })
      ).status,
    ).toBe(400)

    const both = await send('POST', inv(`${bu()}/invitation-data/delete`), {
      token: userToken,
      json: { customerEmails: ['jane@example.com'], deleteOlderThan: '2025-01-01T00:00:00Z' },
    })
    expect(both.status).toBe(400)
    const neither = await send('POST', inv(`${bu()}/invitation-data/delete`), {
      token: userToken,
      json: {},
    })
    expect(neither.status).toBe(400)
    const del = await send('POST', inv(`${bu()}/invitation-data/delete`), {
      token: userToken,
      json: { customerEmails: ['JANE@example.com'] },
    })
    expect(del.status).toBe(202)
    const state = await control(sbx, 'GET', '/state')
    expect(state.body.invitations).toHaveLength(0)
    expect(state.body.invitationLinks).toHaveLength(0)
    expect(state.body.invitationDataDeletions[0]).toMatchObject({
      deletedInvitations: 1,
      deletedInvitationLinks: 1,
    })
  })
})

describe('auth failures and hosts, for every private endpoint', () => {
  const R = 'REVIEW'
  const PR = 'PRODUCT_REVIEW'
  const C = 'CONVERSATION'
  const endpoints: [string, 'api' | 'inv', string][] = [
    ['POST', 'inv', '/private/business-units/BU/email-invitations'],
    ['GET', 'inv', '/private/business-units/BU/templates'],
    ['POST', 'inv', '/private/business-units/BU/invitation-links'],
    ['POST', 'inv', '/private/business-units/BU/invitation-data/delete'],
    ['GET', 'api', '/private/business-units/BU/reviews'],
    ['GET', 'api', `/private/reviews/${R}`],
    ['POST', 'api', `/private/reviews/${R}/reply`],
    ['DELETE', 'api', `/private/reviews/${R}/reply`],
    ['GET', 'api', `/private/reviews/${R}/tags`],
    ['PUT', 'api', `/private/reviews/${R}/tags`],
    ['POST', 'api', `/private/reviews/${R}/tags`],
    ['DELETE', 'api', `/private/reviews/${R}/tags?group=generic&value=x`],
    ['POST', 'api', `/private/reviews/${R}/find-reviewer`],
    ['GET', 'api', '/private/product-reviews/business-units/BU/reviews'],
    ['GET', 'api', `/private/product-reviews/${PR}`],
    ['POST', 'api', '/private/product-reviews/business-units/BU/invitation-links'],
    ['POST', 'api', `/private/product-reviews/${PR}/create-conversation`],
    ['GET', 'api', `/private/conversations/${C}`],
    ['POST', 'api', `/private/conversations/${C}/comments`],
    ['GET', 'api', '/private/business-units/BU/products'],
    ['POST', 'api', '/private/business-units/BU/products'],
  ]
  const fill = (path: string): string =>
    path
      .replace('BU', sbx.businessUnitId)
      .replace(R, seed.reviews[0]!.id)
      .replace(PR, seed.productReviews[0]!.id)
      .replace(C, seed.conversations[0]!.id)
  const base = (host: 'api' | 'inv', wrong = false): string =>
    (host === 'api') !== wrong ? sbx.apiBase : sbx.invitationsBase

  it.each(endpoints)(
    '%s %s %s: 401 fault without, with unknown, expired or revoked token; 404 on the wrong host',
    async (method, host, path) => {
      const url = `${base(host)}${fill(path)}`
      const body = method === 'GET' || method === 'DELETE' ? {} : { json: {} }
      const none = await send(method, url, body)
      expect(none.status).toBe(401)
      expect(none.body.fault.faultstring).toBeTruthy()
      expect(none.body.fault.detail.errorcode).toBeTruthy()
      const unknown = await send(method, url, { ...body, token: 'tpa-doesnotexist' })
      expect(unknown.status).toBe(401)
      expect(unknown.body.fault.detail.errorcode).toBe('keymanagement.service.invalid_access_token')
      const basic = await send(method, url, { ...body, headers: { authorization: 'Basic abc' } })
      expect(basic.status).toBe(401)

      const revoked = (await passwordToken(sbx))['access_token']!
      await send('POST', `${sbx.apiBase}/oauth/oauth-business-users-for-applications/revoke`, {
        form: { token: revoked },
      })
      const rev = await send(method, url, { ...body, token: revoked })
      expect(rev.status).toBe(401)
      expect(rev.body.fault.detail.errorcode).toBe(
        'keymanagement.service.access_token_not_approved',
      )

      const wrongHost = await send(method, `${base(host, true)}${fill(path)}`, {
        ...body,
        token: (await passwordToken(sbx))['access_token']!,
      })
      expect(wrongHost.status).toBe(404)
    },
  )

  it('token endpoints and public endpoints are not on the invitations host', async () => {
    const res = await send(
      'POST',
      `${sbx.invitationsBase}/oauth/oauth-business-users-for-applications/accesstoken`,
      {
        form: { grant_type: 'client_credentials' },
      },
    )
    expect(res.status).toBe(404)
    expect(
      (
        await send('GET', `${sbx.invitationsBase}/business-units/find?name=x`, {
          headers: { apikey: sbx.apiKey },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await send(
          'GET',
          `${new URL(sbx.loginUrl).origin}/v1/private/business-units/${sbx.businessUnitId}/reviews`,
          { token: userToken },
        )
      ).status,
    ).toBe(404)
  })
})

describe('public endpoints (apikey header)', () => {
  const headers = (): Record<string, string> => ({ apikey: sbx.apiKey })

  it('business-units/find returns the id; 403 without or with a wrong apikey; 404 for unknown names', async () => {
    const res = await send('GET', api('/business-units/find?name=sandbox-shop.example'), {
      headers: headers(),
    })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(sbx.businessUnitId)
    expect(res.body.numberOfReviews.total).toBe(SEED_REVIEW_COUNT)
    expect(
      (
        await send('GET', api('/business-units/find?name=www.sandbox-shop.example'), {
          headers: headers(),
        })
      ).body.id,
    ).toBe(sbx.businessUnitId)
    expect((await send('GET', api('/business-units/find?name=sandbox-shop.example'))).status).toBe(
      403,
    )
    expect(
      (
        await send('GET', api('/business-units/find?name=sandbox-shop.example'), {
          headers: { apikey: 'wrong' },
        })
      ).status,
    ).toBe(403)
    expect(
      (await send('GET', api('/business-units/find?name=unknown.example'), { headers: headers() }))
        .status,
    ).toBe(404)
    expect((await send('GET', api('/business-units/find'), { headers: headers() })).status).toBe(
      400,
    )
  })

  it('business-units/{id}, its reviews, one review, latest, locales', async () => {
    const unit = await send('GET', api(`/business-units/${sbx.businessUnitId}`), {
      headers: headers(),
    })
    expect(unit.status).toBe(200)
    expect(unit.body.displayName).toBe('Sandbox Shop')
    expect((await send('GET', api(`/business-units/${sbx.businessUnitId}`))).status).toBe(403)
    expect(
      (await send('GET', api('/business-units/ffffffffffffffffffffffff'), { headers: headers() }))
        .status,
    ).toBe(404)

    const reviews = await send(
      'GET',
      api(`/business-units/${sbx.businessUnitId}/reviews?stars=5&perPage=10`),
      { headers: headers() },
    )
    expect(reviews.status).toBe(200)
    expect(reviews.body.reviews).toHaveLength(10)
    expect(reviews.body.reviews.every((r: Json) => r.stars === 5)).toBe(true)
    expect(reviews.body.reviews[0].referralEmail).toBeUndefined()
    expect(reviews.body.reviews[0].tags).toBeUndefined()

    const one = await send('GET', api(`/reviews/${seed.reviews[0]!.id}`), { headers: headers() })
    expect(one.status).toBe(200)
    expect(one.body.id).toBe(seed.reviews[0]!.id)
    expect(one.body.referenceId).toBeUndefined()

    const latest = await send('GET', api('/reviews/latest?count=5'), { headers: headers() })
    expect(ids(latest.body.reviews)).toEqual(ids([...seed.reviews].sort(newestFirst).slice(0, 5)))

    const locales = await send('GET', api('/resources/metadata/locales'), { headers: headers() })
    expect(locales.status).toBe(200)
    expect(locales.body.locales.map((l: Json) => l.locale)).toContain('en-US')
    expect((await send('GET', api('/reviews/latest'))).status).toBe(403)
  })

  it('public endpoints do not accept a Bearer token instead of the apikey', async () => {
    const res = await send('GET', api(`/business-units/${sbx.businessUnitId}`), {
      token: userToken,
    })
    expect(res.status).toBe(403)
  })
})
