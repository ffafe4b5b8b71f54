/**
 * The endpoints added for the full catalogue, over real HTTP: their data, paging, auth rules,
 * errors, and that writes last until /__sandbox/reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../../electron/sandbox/index'
import { createSeedState } from '../../../electron/sandbox/seed-data'
import { EXAMPLE_CONSUMER_ID } from '../../../electron/shared/catalogue'
import { clientCredentialsToken, control, send, start } from './helpers'

let sbx: RunningSandbox
let token: string
let seed: ReturnType<typeof createSeedState>

beforeAll(async () => {
  sbx = await start()
  token = await clientCredentialsToken(sbx)
  seed = createSeedState({
    businessUnitId: sbx.businessUnitId,
    businessUserId: sbx.businessUserId,
    username: sbx.username,
  })
})
afterAll(async () => {
  await sbx.close()
})

const pub = (path: string, init: { json?: unknown } = {}) =>
  send(init.json === undefined ? 'GET' : 'POST', `${sbx.apiBase}${path}`, {
    headers: { apikey: sbx.apiKey },
    ...init,
  })

describe('auth rules', () => {
  it('public endpoints need the apikey header; private ones a bearer token', async () => {
    const noKey = await send('GET', `${sbx.apiBase}/categories`)
    expect(noKey.status).toBe(403)
    expect(noKey.body.fault.detail.errorcode).toBe('steps.oauth.v2.FailedToResolveAPIKey')
    const wrongKey = await send('GET', `${sbx.apiBase}/resources/images`, {
      headers: { apikey: 'nope' },
    })
    expect(wrongKey.status).toBe(403)
    const summaries = `${sbx.apiBase}/private/product-reviews/business-units/${sbx.businessUnitId}/summaries`
    expect((await send('GET', summaries, { headers: { apikey: sbx.apiKey } })).status).toBe(401)
    expect((await send('GET', summaries, { token })).status).toBe(200)
  })

  it('updating a comment with a client-credentials token needs x-business-user-id', async () => {
    const conversation = seed.conversations[0]!
    const comment = conversation.comments[0]!
    const url = `${sbx.apiBase}/private/conversations/${conversation.id}/comments/${comment.id}`
    const missing = await send('PUT', url, { token, json: { content: 'Edited' } })
    expect(missing.status).toBe(400)
    expect(missing.body.message).toMatch(/x-business-user-id/)
    const edited = await send('PUT', url, {
      token,
      headers: { 'x-business-user-id': sbx.businessUserId },
      json: { content: 'Edited once' },
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ commentId: comment.id, content: 'Edited once' })
    // A consumer's comment is not the business's to edit.
    const consumerComment = conversation.comments.find((c) => c.author.type === 'Consumer')!
    const foreign = await send(
      'PUT',
      `${sbx.apiBase}/private/conversations/${conversation.id}/comments/${consumerComment.id}`,
      { token, headers: { 'x-business-user-id': sbx.businessUserId }, json: { content: 'x' } },
    )
    expect(foreign.status).toBe(403)
    expect((await send('GET', url, { token })).body.content).toBe('Edited once')
    await control(sbx, 'POST', '/reset')
    token = await clientCredentialsToken(sbx)
    expect((await send('GET', url, { token })).body.content).toBe(comment.content)
  })
})

describe('conversations', () => {
  it('a private conversation is hidden from the public API until it is made public', async () => {
    const conversation = seed.conversations.find((c) => c.visibility === 'private')!
    expect((await pub(`/conversations/${conversation.id}`)).status).toBe(404)
    const state = `${sbx.apiBase}/private/conversations/${conversation.id}/state`
    const bad = await send('POST', state, { token, json: { state: 'visible' } })
    expect(bad.status).toBe(400)
    expect(bad.body.details).toEqual(['state must be "public" or "private"'])
    const made = await send('POST', state, { token, json: { state: 'public' } })
    expect(made.status).toBe(200)
    expect(made.body.visibility).toBe('public')
    const shown = await pub(`/conversations/${conversation.id}`)
    expect(shown.status).toBe(200)
    expect(shown.body.comments).toHaveLength(conversation.comments.length)
    await control(sbx, 'POST', '/reset')
    token = await clientCredentialsToken(sbx)
    expect((await pub(`/conversations/${conversation.id}`)).status).toBe(404)
  })
})

describe('business unit directory', () => {
  it('pages all business units with a cursor, and filters by country', async () => {
    const ids: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const res = await pub(`/business-units/all?perPage=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      ids.push(...res.body.businessUnits.map((bu: { id: string }) => bu.id))
      cursor = res.body.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(ids).toEqual([sbx.businessUnitId, ...seed.directory.map((bu) => bu.id)])
    expect(pages).toBe(3)
    const gb = await pub('/business-units/all?country=GB')
    expect(gb.body.businessUnits.map((bu: { country: string }) => bu.country)).toEqual(['GB', 'GB'])
    expect((await pub('/business-units/all?cursor=not-ours')).status).toBe(400)
  })

  it('searches by name or domain and lists a category’s business units by TrustScore', async () => {
    const found = await pub('/business-units/search?query=outdoor&perpage=1')
    expect(found.status).toBe(200)
    expect(found.body.businessUnits).toHaveLength(1)
    expect(found.body.links.map((l: { rel: string }) => l.rel)).toEqual(['next-page'])
    expect((await pub('/business-units/search')).status).toBe(400)
    const dk = await pub('/categories/outdoor_store/business-units?country=DK')
    const scores = dk.body.businessUnits.map(
      (bu: { score: { trustScore: number } }) => bu.score.trustScore,
    )
    expect(scores.length).toBeGreaterThan(1)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
    expect((await pub('/categories/outdoor_store/business-units')).status).toBe(400)
    expect((await pub('/categories/no_such_category')).status).toBe(404)
    const children = await pub('/categories?parentId=sports')
    expect(children.body.categories.map((c: { categoryId: string }) => c.categoryId)).toEqual([
      'outdoor_store',
      'sporting_goods_store',
    ])
  })

  it('knows directory business units on the per-unit public endpoints', async () => {
    const other = seed.directory[0]!
    const info = await pub(`/business-units/${other.id}/profileinfo`)
    expect(info.status).toBe(200)
    expect(info.body.companyName).toBe(other.displayName)
    expect((await pub(`/business-units/${other.id}/web-links`)).status).toBe(400)
    const links = await pub(`/business-units/${other.id}/web-links?locale=da-DK`)
    expect(links.body.profileUrl).toContain(other.domain)
    expect((await pub('/business-signup/domain-availability?domain=' + other.domain)).body).toEqual(
      {
        domainIsAvailable: false,
      },
    )
    expect(
      (await pub('/business-signup/domain-availability?domain=new-shop.example')).body,
    ).toEqual({
      domainIsAvailable: true,
    })
  })

  it('pages every public review with a page token', async () => {
    let pageToken: string | undefined
    let count = 0
    do {
      const res = await pub(
        `/business-units/${sbx.businessUnitId}/all-reviews${pageToken ? `?pageToken=${pageToken}` : ''}`,
      )
      count += res.body.reviews.length
      pageToken = res.body.nextPageToken
    } while (pageToken)
    expect(count).toBe(seed.reviews.length)
  })
})

describe('consumers', () => {
  it('serves the example consumer’s profile and every review they wrote', async () => {
    const theirs = seed.reviews.filter((r) => r.consumer.id === EXAMPLE_CONSUMER_ID)
    expect(theirs.length).toBeGreaterThan(5)
    const profile = await pub(`/consumers/${EXAMPLE_CONSUMER_ID}/profile`)
    expect(profile.body).toMatchObject({ id: EXAMPLE_CONSUMER_ID, numberOfReviews: theirs.length })
    const reviews = await pub(`/consumers/${EXAMPLE_CONSUMER_ID}/reviews?perPage=100`)
    expect(reviews.body.reviews.map((r: { id: string }) => r.id).sort()).toEqual(
      theirs.map((r) => r.id).sort(),
    )
    const bulk = await pub('/consumers/profile/bulk', {
      json: { consumerIds: [EXAMPLE_CONSUMER_ID, 'ffffffffffffffffffffffff'] },
    })
    expect(Object.keys(bulk.body.consumers)).toEqual([EXAMPLE_CONSUMER_ID])
    expect((await pub('/consumers/profile/bulk', { json: { consumerIds: 'x' } })).status).toBe(400)
  })

  it('validates and repairs display names', async () => {
    const bad = await pub('/consumers/profile/displayname/validate', {
      json: { displayName: 'me@example.com' },
    })
    expect(bad.body.isValid).toBe(false)
    const good = await pub('/consumers/profile/displayname/validate', {
      json: { displayName: 'Trail Runner' },
    })
    expect(good.body).toEqual({ isValid: true, errors: [] })
    const repaired = await pub('/consumers/profile/displayname/create', {
      json: { displayName: 'Jo www.spam.example' },
    })
    expect(repaired.body.displayName).toBe('Jo')
  })
})

describe('product reviews (public)', () => {
  it('summarises published reviews per SKU, and imported reviews separately', async () => {
    const sku = seed.products[0]!.sku
    const published = seed.productReviews.filter((r) => r.sku === sku && r.state === 'published')
    const base = `/product-reviews/business-units/${sbx.businessUnitId}`
    const summary = await pub(`${base}?sku=${sku}`)
    expect(summary.body.numberOfReviews.total).toBe(published.length)
    expect((await pub(base)).status).toBe(400)
    const batch = await pub(`${base}/batch-summaries`, { json: { skus: [sku, 'NOPE'] } })
    expect(
      batch.body.summaries.map(
        (s: { numberOfReviews: { total: number } }) => s.numberOfReviews.total,
      ),
    ).toEqual([published.length, 0])
    const imported = seed.importedProductReviews.filter((r) => r.sku === sku)
    expect(imported.length).toBeGreaterThan(0)
    const list = await pub(`${base}/imported-reviews?sku=${sku}`)
    expect(list.body.productReviews).toHaveLength(imported.length)
    const importedSummary = await pub(`${base}/imported-reviews-summaries?sku=${sku}`)
    expect(importedSummary.body.numberOfReviews.total).toBe(imported.length)
    const attributes = await pub(`${base}/attribute-summaries`, { json: { skus: [sku] } })
    expect(attributes.body.skus[0].attributes.length).toBe(3)
    expect(
      (await pub(`/product-reviews/business-units/ffffffffffffffffffffffff?sku=${sku}`)).status,
    ).toBe(404)
  })
})

describe('resources', () => {
  it('star images and words take half stars; anything else is a 400', async () => {
    const images = await pub('/resources/images/stars/4.5')
    expect(images.body.stars).toBe(4.5)
    expect(images.body.star512x96.width).toBe(512)
    expect((await pub('/resources/strings/stars/4.5?locale=da-DK')).body.string).toBe('God')
    expect((await pub('/resources/images/stars/0.5')).status).toBe(400)
    expect((await pub('/resources/strings/stars/5?locale=english')).status).toBe(400)
    const countries = await pub('/resources/metadata/countries?locale=da-DK')
    expect(countries.body.countries[0]).toEqual({
      countryId: '1',
      country: 'DK',
      englishName: 'Denmark',
      locale: 'da-DK',
      translatedName: 'Danmark',
    })
  })
})

describe('private reviews list filters from the documentation', () => {
  it('filters by reviewer name and by find-reviewer requests', async () => {
    const list = `${sbx.apiBase}/private/business-units/${sbx.businessUnitId}/reviews`
    const byAstrid = await send('GET', `${list}?username=astrid%20n&perPage=100`, { token })
    const expected = seed.reviews.filter((r) => r.consumer.displayName === 'Astrid N')
    expect(byAstrid.body.reviews.map((r: { id: string }) => r.id)).toEqual(
      expected.map((r) => r.id),
    )
    const target = seed.reviews[3]!
    expect(
      (
        await send('POST', `${sbx.apiBase}/private/reviews/${target.id}/find-reviewer`, {
          token,
          json: { message: 'Order number, please?' },
        })
      ).status,
    ).toBe(201)
    const contacted = await send('GET', `${list}?findReviewer=contacted`, { token })
    expect(contacted.body.reviews.map((r: { id: string }) => r.id)).toEqual([target.id])
    const notContacted = await send('GET', `${list}?findReviewer=notContacted&perPage=100`, {
      token,
    })
    const uncontactedIds = notContacted.body.reviews.map((r: { id: string }) => r.id)
    expect(uncontactedIds).toHaveLength(100)
    expect(uncontactedIds).not.toContain(target.id)
    expect((await send('GET', `${list}?findReviewer=maybe`, { token })).status).toBe(400)
    await control(sbx, 'POST', '/reset')
    token = await clientCredentialsToken(sbx)
  })
})

describe('the directory’s other business units on the original public endpoints', () => {
  it('are found by domain, served by id, and list no reviews; unknown ids are 404', async () => {
    const other = seed.directory[1]!
    const found = await pub(`/business-units/find?name=${other.domain}`)
    expect(found.status).toBe(200)
    expect(found.body.id).toBe(other.id)
    const byId = await pub(`/business-units/${other.id}`)
    expect(byId.body).toMatchObject({ id: other.id, displayName: other.displayName })
    // The self link /business-units/all hands out works.
    const all = await pub('/business-units/all')
    const self = all.body.businessUnits[2].links[0].href as string
    expect((await send('GET', self, { headers: { apikey: sbx.apiKey } })).body.id).toBe(
      seed.directory[1]!.id,
    )
    expect((await pub(`/business-units/${other.id}/reviews`)).body.reviews).toEqual([])
    expect((await pub('/business-units/ffffffffffffffffffffffff')).status).toBe(404)
    expect((await pub('/business-units/find?name=nowhere.example')).status).toBe(404)
  })
})
