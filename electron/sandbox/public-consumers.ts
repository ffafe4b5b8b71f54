/**
 * Public consumer, consumer-profile and review-extra endpoints added for the full catalogue.
 * Consumers are the authors of the seeded service reviews. All need the `apikey` header.
 */
import {
  failIfDetails,
  pageLinks,
  paginate,
  parsePaging,
  readJsonObject,
  requireApiKeyHeader,
} from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import type { ServiceReview } from './model'
import { localeQuery } from './public-helpers'
import { queryReviews } from './review-query'
import { route } from './router'
import type { Route } from './router'
import { publicReview } from './views'

const SITE = 'https://www.trustpilot.com'
type Consumer = ServiceReview['consumer']

/** Display-name rules the sandbox enforces (its own, kept simple and stated in the errors). */
function displayNameProblems(name: string): string[] {
  const problems: string[] = []
  const trimmed = name.trim()
  if (trimmed.length < 2 || trimmed.length > 30) problems.push('must be 2 to 30 characters long')
  if (/[@/:]|www\./i.test(trimmed)) problems.push('must not contain an email address or a link')
  if (/^\d+$/.test(trimmed)) problems.push('must contain letters')
  return problems
}

function readDisplayName(req: SandboxRequest): string {
  const body = readJsonObject(req)
  const name = body['displayName']
  if (typeof name !== 'string') {
    fail(messageError(400, 'Validation failed', ['displayName must be a string']))
  }
  return name
}

export function publicConsumerRoutes(ctx: SandboxContext): Route[] {
  const consumers = (): Map<string, Consumer> =>
    new Map(ctx.state.reviews.map((r) => [r.consumer.id, r.consumer]))
  const findConsumer = (id: string): Consumer =>
    consumers().get(id) ??
    fail(messageError(404, 'Consumer not found', `No consumer with id ${id}`))
  const findReview = (id: string): ServiceReview =>
    ctx.state.reviews.find((r) => r.id === id) ??
    fail(messageError(404, 'Review not found', `No review with id ${id}`))
  const profile = (c: Consumer) => ({
    id: c.id,
    displayName: c.displayName,
    displayLocation: c.displayLocation,
    countryCode: c.displayLocation.slice(-2),
    numberOfReviews: c.numberOfReviews,
    hasImage: false,
  })
  /** apikey check first, then the handler. */
  const keyed =
    (handler: (req: SandboxRequest) => SandboxResponse) =>
    (req: SandboxRequest): SandboxResponse => {
      requireApiKeyHeader(ctx, req)
      return handler(req)
    }

  const consumer = keyed((req) => {
    const c = findConsumer(req.params['consumerId']!)
    const base = `${ctx.origins.api}/v1/consumers/${c.id}`
    return json(200, {
      ...profile(c),
      links: [
        { href: `${base}/reviews`, method: 'GET', rel: 'consumers-reviews' },
        { href: `${base}/web-links`, method: 'GET', rel: 'consumers-web-links' },
      ],
    })
  })

  const consumerProfile = keyed((req) =>
    json(200, profile(findConsumer(req.params['consumerId']!))),
  )

  const consumerWebLinks = keyed((req) => {
    const c = findConsumer(req.params['consumerId']!)
    const locale = localeQuery(req.query, false)
    return json(200, { locale, profileUrl: `${SITE}/users/${c.id}` })
  })

  const consumerReviews = keyed((req) => {
    const c = findConsumer(req.params['consumerId']!)
    const paging = parsePaging(req.query)
    const buFilter = req.query.get('businessUnitId')
    const theirs = ctx.state.reviews.filter(
      (r) => r.consumer.id === c.id && (!buFilter || buFilter === ctx.state.businessUnit.id),
    )
    const matching = queryReviews(theirs, req.query, true)
    return json(200, {
      reviews: paginate(matching, paging).map((r) => publicReview(ctx, r)),
      links: pageLinks(req, paging, matching.length),
    })
  })

  const bulkProfiles = keyed((req) => {
    const ids = readJsonObject(req)['consumerIds']
    const details: string[] = []
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
      details.push('consumerIds must be an array of 1 to 100 consumer ids')
    } else if (!ids.every((id) => typeof id === 'string')) {
      details.push('every consumer id must be a string')
    }
    failIfDetails(details)
    const known = consumers()
    const found = (ids as string[]).flatMap((id) => {
      const c = known.get(id)
      return c ? [[id, profile(c)] as const] : []
    })
    return json(200, { consumers: Object.fromEntries(found) })
  })

  const validateName = keyed((req) => {
    const problems = displayNameProblems(readDisplayName(req))
    return json(200, { isValid: problems.length === 0, errors: problems })
  })

  const createName = keyed((req) => {
    const wanted = readDisplayName(req)
    let name = wanted
      .replace(/\S+@\S+|https?:\/\/\S+|www\.\S+/gi, '')
      .replace(/[/:]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 30)
    if (displayNameProblems(name).length > 0) name = 'Trustpilot reviewer'
    return json(200, { displayName: name })
  })

  const likes = keyed((req) => {
    const review = findReview(req.params['reviewId']!)
    // Deterministic: a review's likers are the authors of the next few reviews.
    const index = ctx.state.reviews.indexOf(review)
    const count = parseInt(review.id.slice(-1), 16) % 4
    const likers = Array.from(
      { length: count },
      (_, i) => ctx.state.reviews[(index + i + 1) % ctx.state.reviews.length]!.consumer,
    )
    return json(200, {
      reviewId: review.id,
      numberOfLikes: likers.length,
      likes: likers.map((c) => ({ consumer: { id: c.id, displayName: c.displayName } })),
    })
  })

  const reviewWebLinks = keyed((req) => {
    const review = findReview(req.params['reviewId']!)
    const locale = localeQuery(req.query, true)
    return json(200, { locale, reviewUrl: `${SITE}/reviews/${review.id}` })
  })

  return [
    route('POST', '/v1/consumers/profile/bulk', bulkProfiles),
    route('POST', '/v1/consumers/profile/displayname/validate', validateName),
    route('POST', '/v1/consumers/profile/displayname/create', createName),
    route('GET', '/v1/consumers/:consumerId', consumer),
    route('GET', '/v1/consumers/:consumerId/profile', consumerProfile),
    route('GET', '/v1/consumers/:consumerId/web-links', consumerWebLinks),
    route('GET', '/v1/consumers/:consumerId/reviews', consumerReviews),
    route('GET', '/v1/reviews/:reviewId/likes', likes),
    route('GET', '/v1/reviews/:reviewId/web-links', reviewWebLinks),
  ]
}
