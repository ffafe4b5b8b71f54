/**
 * Public product-review endpoints added for the full catalogue: summaries, lists, batch and
 * attribute summaries, imported reviews, and public conversations. All need the `apikey` header.
 */
import {
  listParam,
  pageLinks,
  paginate,
  parsePaging,
  readJsonObject,
  requireApiKeyHeader,
  requireBusinessUnit,
} from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import type { ProductReview } from './model'
import { skusFromBody, starSummary } from './public-helpers'
import { route } from './router'
import type { Route } from './router'
import { conversationView } from './views'

const BASE = '/v1/product-reviews/business-units/:businessUnitId'

function requiredSkus(query: URLSearchParams): string[] {
  const skus = listParam(query, 'sku')
  if (skus.length === 0) fail(messageError(400, 'Validation failed', ['sku is required']))
  return skus
}

function starsFilter(query: URLSearchParams): number[] {
  const stars = listParam(query, 'stars').map(Number)
  if (stars.some((s) => !Number.isInteger(s) || s < 1 || s > 5)) {
    fail(messageError(400, 'Validation failed', ['stars must be integers from 1 to 5']))
  }
  return stars
}

export function publicProductRoutes(ctx: SandboxContext): Route[] {
  /** apikey, then the business unit: only the main one has products. */
  const forBu =
    (handler: (req: SandboxRequest) => SandboxResponse) =>
    (req: SandboxRequest): SandboxResponse => {
      requireApiKeyHeader(ctx, req)
      requireBusinessUnit(ctx, req.params['businessUnitId']!)
      return handler(req)
    }
  const published = (skus: readonly string[]): ProductReview[] =>
    ctx.state.productReviews.filter((r) => r.state === 'published' && skus.includes(r.sku))
  const publicView = (r: ProductReview) => {
    const product = ctx.state.products.find((p) => p.sku === r.sku)
    return {
      id: r.id,
      createdAt: r.createdAt,
      stars: r.stars,
      content: r.content,
      language: r.language,
      consumer: { id: r.consumer.id, displayName: r.consumer.name },
      product: { sku: r.sku, name: product?.name ?? null, productUrl: product?.link ?? null },
      conversationId:
        ctx.state.conversations.find((c) => c.id === r.conversationId)?.visibility === 'public'
          ? r.conversationId
          : null,
    }
  }

  const summary = forBu((req) => {
    const skus = requiredSkus(req.query)
    return json(200, {
      businessUnitId: ctx.state.businessUnit.id,
      ...starSummary(published(skus).map((r) => r.stars)),
    })
  })

  const list = forBu((req) => {
    const skus = listParam(req.query, 'sku')
    const productUrl = req.query.get('productUrl')
    if (skus.length === 0 && !productUrl) {
      fail(messageError(400, 'Validation failed', ['give sku or productUrl']))
    }
    const urlSkus = ctx.state.products.filter((p) => p.link === productUrl).map((p) => p.sku)
    const stars = starsFilter(req.query)
    const languages = listParam(req.query, 'language')
    const paging = parsePaging(req.query)
    const matching = published([...skus, ...urlSkus]).filter(
      (r) =>
        (stars.length === 0 || stars.includes(r.stars)) &&
        (languages.length === 0 || languages.includes(r.language)),
    )
    return json(200, {
      productReviews: paginate(matching, paging).map(publicView),
      links: pageLinks(req, paging, matching.length),
    })
  })

  const batchSummaries = forBu((req) => {
    const skus = skusFromBody(readJsonObject(req))
    return json(200, {
      summaries: skus.map((sku) => ({ sku, ...starSummary(published([sku]).map((r) => r.stars)) })),
    })
  })

  const attributeSummaries = forBu((req) => {
    const body = readJsonObject(req)
    const skus = skusFromBody(body)
    if (body['locale'] !== undefined && typeof body['locale'] !== 'string') {
      fail(messageError(400, 'Validation failed', ['locale must be a string']))
    }
    return json(200, {
      skus: skus.map((sku) => ({
        sku,
        attributes: ctx.state.attributeRatings
          .filter((a) => a.sku === sku)
          .map((a) => ({ id: a.attributeId, name: a.attributeName, averageRating: a.rating })),
      })),
    })
  })

  const imported = forBu((req) => {
    const skus = requiredSkus(req.query)
    const stars = starsFilter(req.query)
    const languages = listParam(req.query, 'language')
    const paging = parsePaging(req.query)
    const matching = ctx.state.importedProductReviews.filter(
      (r) =>
        skus.includes(r.sku) &&
        (stars.length === 0 || stars.includes(r.stars)) &&
        (languages.length === 0 || languages.includes(r.language)),
    )
    return json(200, {
      productReviews: paginate(matching, paging).map((r) => ({
        id: r.id,
        sku: r.sku,
        stars: r.stars,
        content: r.content,
        language: r.language,
        createdAt: r.createdAt,
        consumer: { displayName: r.consumerName },
        source: r.source,
      })),
      links: pageLinks(req, paging, matching.length),
    })
  })

  const importedSummary = forBu((req) => {
    const skus = requiredSkus(req.query)
    const stars = ctx.state.importedProductReviews
      .filter((r) => skus.includes(r.sku))
      .map((r) => r.stars)
    return json(200, starSummary(stars))
  })

  function publicConversation(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    const id = req.params['conversationId']!
    const conversation = ctx.state.conversations.find((c) => c.id === id)
    // A private conversation is as invisible to the public API as an unknown one.
    if (!conversation || conversation.visibility !== 'public') {
      fail(messageError(404, 'Conversation not found', `No public conversation with id ${id}`))
    }
    return json(200, conversationView(ctx, conversation))
  }

  return [
    route('GET', BASE, summary),
    route('GET', `${BASE}/reviews`, list),
    route('POST', `${BASE}/batch-summaries`, batchSummaries),
    route('POST', `${BASE}/attribute-summaries`, attributeSummaries),
    route('GET', `${BASE}/imported-reviews`, imported),
    route('GET', `${BASE}/imported-reviews-summaries`, importedSummary),
    route('GET', '/v1/conversations/:conversationId', publicConversation),
  ]
}
