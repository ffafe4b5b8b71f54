/**
 * Private (Bearer) endpoints on the API listener: service reviews, replies, tags,
 * find-reviewer, product reviews, conversations and the product catalogue.
 */
import {
  actingUserFromBody,
  actingUserFromHeader,
  failIfDetails,
  isEmail,
  listParam,
  pageLinks,
  paginate,
  parsePaging,
  readJsonObject,
  requireBearer,
  requireBusinessUnit,
  stringField,
} from './api-helpers'
import type { SandboxContext } from './context'
import { empty, fail, isRecord, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import type { Product, ServiceReview, Tag } from './model'
import { randomId } from './random'
import { queryReviews } from './review-query'
import { route } from './router'
import type { Route } from './router'
import { conversationView, privateReview, productReviewView, productView } from './views'

const P = '/v1/private'

function parseTags(body: Record<string, unknown>): Tag[] {
  const raw = body['tags']
  if (!Array.isArray(raw))
    fail(messageError(400, 'Validation failed', ['tags must be an array of {group, value}']))
  const details: string[] = []
  const tags: Tag[] = []
  raw.forEach((t, i) => {
    if (
      !isRecord(t) ||
      typeof t['group'] !== 'string' ||
      typeof t['value'] !== 'string' ||
      !t['group'] ||
      !t['value']
    ) {
      details.push(`tags[${i}] must be {group: string, value: string}`)
    } else tags.push({ group: t['group'], value: t['value'] })
  })
  failIfDetails(details)
  return tags
}

function addUnique(target: Tag[], tags: Tag[]): void {
  for (const tag of tags) {
    if (!target.some((t) => t.group === tag.group && t.value === tag.value)) target.push({ ...tag })
  }
}

export function privateApiRoutes(ctx: SandboxContext): Route[] {
  const findReview = (id: string): ServiceReview =>
    ctx.state.reviews.find((r) => r.id === id) ??
    fail(messageError(404, 'Review not found', `No review with id ${id}`))

  const findProductReview = (id: string) =>
    ctx.state.productReviews.find((r) => r.id === id) ??
    fail(messageError(404, 'Product review not found', `No product review with id ${id}`))

  const findConversation = (id: string) =>
    ctx.state.conversations.find((c) => c.id === id) ??
    fail(messageError(404, 'Conversation not found', `No conversation with id ${id}`))

  // ---- service reviews ------------------------------------------------------------------

  function listReviews(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query)
    const matching = queryReviews(ctx.state.reviews, req.query)
    return json(200, {
      reviews: paginate(matching, paging).map((r) => privateReview(ctx, r)),
      links: pageLinks(req, paging, matching.length),
    })
  }

  function getReview(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    return json(200, privateReview(ctx, findReview(req.params['reviewId']!)))
  }

  function postReply(req: SandboxRequest): SandboxResponse {
    const token = requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    const body = readJsonObject(req)
    const details: string[] = []
    const message = stringField(body, 'message', details, true)
    failIfDetails(details)
    const author = actingUserFromBody(ctx, body, token)
    const user = ctx.state.businessUsers.find((u) => u.id === author)
    const now = ctx.clock.nowIso()
    review.companyReply = {
      text: message!,
      authorBusinessUserId: author,
      authorBusinessUserName: user?.name ?? author,
      createdAt: review.companyReply?.createdAt ?? now,
      updatedAt: review.companyReply ? now : null,
    }
    return empty(201)
  }

  function deleteReply(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    review.companyReply = null
    return empty(204)
  }

  function getTags(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    return json(200, { tags: findReview(req.params['reviewId']!).tags.map((t) => ({ ...t })) })
  }

  function addTags(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    addUnique(review.tags, parseTags(readJsonObject(req)))
    return json(200, { tags: review.tags.map((t) => ({ ...t })) })
  }

  function replaceTags(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    const tags = parseTags(readJsonObject(req))
    review.tags = []
    addUnique(review.tags, tags)
    return json(200, { tags: review.tags.map((t) => ({ ...t })) })
  }

  function deleteTag(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    const group = req.query.get('group')
    const value = req.query.get('value')
    if (!group || !value) {
      fail(
        messageError(400, 'Validation failed', ['query parameters group and value are required']),
      )
    }
    const before = review.tags.length
    review.tags = review.tags.filter((t) => !(t.group === group && t.value === value))
    if (review.tags.length === before) {
      fail(messageError(404, 'Tag not found', `The review has no tag ${group}:${value}`))
    }
    return json(200, { tags: review.tags.map((t) => ({ ...t })) })
  }

  function findReviewer(req: SandboxRequest): SandboxResponse {
    const token = requireBearer(ctx, req)
    const review = findReview(req.params['reviewId']!)
    const body = readJsonObject(req)
    const details: string[] = []
    const message = stringField(body, 'message', details, true)
    const skip = body['skipNotificationEmailToBusinessUser']
    if (skip !== undefined && typeof skip !== 'boolean') {
      details.push('skipNotificationEmailToBusinessUser must be a boolean')
    }
    failIfDetails(details)
    review.findReviewerRequests.push({
      id: randomId(),
      message: message!,
      skipNotificationEmailToBusinessUser: skip === true,
      businessUserId: token.userId,
      createdAt: ctx.clock.nowIso(),
    })
    return empty(201)
  }

  // ---- product reviews and conversations --------------------------------------------------

  function listProductReviews(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query)
    const skus = listParam(req.query, 'sku')
    const languages = listParam(req.query, 'language').map((l) => l.toLowerCase())
    const states = listParam(req.query, 'state').map((s) => s.toLowerCase())
    const locales = listParam(req.query, 'locale').map((l) => l.toLowerCase())
    const matching = ctx.state.productReviews.filter(
      (r) =>
        (skus.length === 0 || skus.includes(r.sku)) &&
        (languages.length === 0 || languages.includes(r.language)) &&
        (states.length === 0 || states.includes(r.state)) &&
        (locales.length === 0 || locales.includes(r.locale.toLowerCase())),
    )
    return json(200, {
      productReviews: paginate(matching, paging).map((r) => productReviewView(ctx, r)),
      links: pageLinks(req, paging, matching.length),
    })
  }

  function getProductReview(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    return json(200, productReviewView(ctx, findProductReview(req.params['reviewId']!)))
  }

  function productInvitationLink(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const body = readJsonObject(req)
    const details: string[] = []
    const consumer = body['consumer']
    if (!isRecord(consumer)) details.push('consumer {email, name} is required')
    else {
      const email = stringField(consumer, 'email', details, true)
      if (email && !isEmail(email)) details.push('consumer.email must be an email address')
      stringField(consumer, 'name', details, true)
    }
    stringField(body, 'referenceId', details, true)
    stringField(body, 'locale', details)
    stringField(body, 'redirectUri', details)
    const products = body['products']
    if (!Array.isArray(products) || products.length === 0)
      details.push('products must be a non-empty array')
    failIfDetails(details)
    const id = randomId()
    const url = `https://sandbox.trustpilot.invalid/evaluate-product/${id}`
    ctx.state.productInvitationLinks.push({ id, url, receivedAt: ctx.clock.nowIso(), body })
    return json(200, { reviewLinkId: id, reviewUrl: url })
  }

  function createConversation(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    const review = findProductReview(req.params['reviewId']!)
    if (review.conversationId) return json(200, { conversationId: review.conversationId })
    const conversation = {
      id: randomId(),
      state: 'Open' as const,
      visibility: 'private' as const,
      createdAt: ctx.clock.nowIso(),
      source: { type: 'ProductReview' as const, id: review.id },
      comments: [],
    }
    ctx.state.conversations.push(conversation)
    review.conversationId = conversation.id
    return json(201, { conversationId: conversation.id })
  }

  function getConversation(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    return json(200, conversationView(ctx, findConversation(req.params['conversationId']!)))
  }

  function postComment(req: SandboxRequest): SandboxResponse {
    const token = requireBearer(ctx, req)
    const conversation = findConversation(req.params['conversationId']!)
    const userId = actingUserFromHeader(ctx, req, token)
    const body = readJsonObject(req)
    const details: string[] = []
    const content = stringField(body, 'content', details, true)
    const integrationId = stringField(body, 'integrationId', details)
    failIfDetails(details)
    const user = ctx.state.businessUsers.find((u) => u.id === userId)
    const comment = {
      id: randomId(),
      content: content!,
      integrationId: integrationId ?? null,
      author: { id: userId, type: 'BusinessUser' as const, name: user?.name ?? userId },
      createdAt: ctx.clock.nowIso(),
    }
    conversation.comments.push(comment)
    return json(201, comment)
  }

  // ---- product catalogue ------------------------------------------------------------------

  function listProducts(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query, 20, 1000)
    const skus = listParam(req.query, 'skus')
    const matching = ctx.state.products.filter((p) => skus.length === 0 || skus.includes(p.sku))
    return json(200, {
      products: paginate(matching, paging).map(productView),
      links: pageLinks(req, paging, matching.length),
    })
  }

  function upsertProducts(req: SandboxRequest): SandboxResponse {
    requireBearer(ctx, req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const body = readJsonObject(req)
    const raw = body['products']
    if (!Array.isArray(raw) || raw.length === 0) {
      fail(messageError(400, 'Validation failed', ['products must be a non-empty array']))
    }
    if (raw.length > 1000)
      fail(messageError(400, 'Validation failed', ['at most 1000 products per batch']))
    const details: string[] = []
    const STRING_FIELDS = [
      'name',
      'link',
      'imageLink',
      'price',
      'currency',
      'gtin',
      'mpn',
      'brand',
    ] as const
    raw.forEach((p, i) => {
      if (!isRecord(p)) return details.push(`products[${i}] must be an object`)
      if (typeof p['sku'] !== 'string' || p['sku'] === '')
        details.push(`products[${i}].sku is required`)
      for (const key of STRING_FIELDS) {
        const v = p[key]
        if (
          v !== undefined &&
          typeof v !== 'string' &&
          !(key === 'price' && typeof v === 'number')
        ) {
          details.push(`products[${i}].${key} must be a string`)
        }
      }
      return undefined
    })
    failIfDetails(details)
    const upserted: Product[] = []
    for (const p of raw as Record<string, unknown>[]) {
      const sku = p['sku'] as string
      let product = ctx.state.products.find((x) => x.sku === sku)
      if (!product) {
        if (typeof p['name'] !== 'string' || p['name'] === '') {
          fail(messageError(400, 'Validation failed', [`products with new sku ${sku} need a name`]))
        }
        product = {
          id: randomId(),
          sku,
          name: '',
          link: '',
          imageLink: '',
          price: '',
          currency: '',
          gtin: '',
          mpn: '',
          brand: '',
        }
        ctx.state.products.push(product)
      }
      for (const key of STRING_FIELDS) if (p[key] !== undefined) product[key] = String(p[key])
      upserted.push(product)
    }
    return json(200, { products: upserted.map(productView) })
  }

  return [
    route('GET', `${P}/business-units/:businessUnitId/reviews`, listReviews),
    route('GET', `${P}/reviews/:reviewId`, getReview),
    route('POST', `${P}/reviews/:reviewId/reply`, postReply),
    route('DELETE', `${P}/reviews/:reviewId/reply`, deleteReply),
    route('GET', `${P}/reviews/:reviewId/tags`, getTags),
    route('PUT', `${P}/reviews/:reviewId/tags`, addTags),
    route('POST', `${P}/reviews/:reviewId/tags`, replaceTags),
    route('DELETE', `${P}/reviews/:reviewId/tags`, deleteTag),
    route('POST', `${P}/reviews/:reviewId/find-reviewer`, findReviewer),
    route('GET', `${P}/product-reviews/business-units/:businessUnitId/reviews`, listProductReviews),
    route(
      'POST',
      `${P}/product-reviews/business-units/:businessUnitId/invitation-links`,
      productInvitationLink,
    ),
    route('GET', `${P}/product-reviews/:reviewId`, getProductReview),
    route('POST', `${P}/product-reviews/:reviewId/create-conversation`, createConversation),
    route('GET', `${P}/conversations/:conversationId`, getConversation),
    route('POST', `${P}/conversations/:conversationId/comments`, postComment),
    route('GET', `${P}/business-units/:businessUnitId/products`, listProducts),
    route('POST', `${P}/business-units/:businessUnitId/products`, upsertProducts),
  ]
}
