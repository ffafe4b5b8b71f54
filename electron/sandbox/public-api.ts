/** Public endpoints on the API listener: need only the `apikey` header (403 without it). */
import {
  pageLinks,
  paginate,
  parsePaging,
  requireApiKeyHeader,
  requireBusinessUnit,
} from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { queryReviews } from './review-query'
import { route } from './router'
import type { Route } from './router'
import { businessUnitView, publicReview } from './views'

const LOCALES = [
  ['da-DK', 'Danish (Denmark)'],
  ['de-DE', 'German (Germany)'],
  ['en-GB', 'English (United Kingdom)'],
  ['en-US', 'English (United States)'],
  ['es-ES', 'Spanish (Spain)'],
  ['fr-FR', 'French (France)'],
] as const

export function publicApiRoutes(ctx: SandboxContext): Route[] {
  const requireApiKey = (req: SandboxRequest): void => requireApiKeyHeader(ctx, req)

  function find(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    const name = req.query.get('name')?.trim().toLowerCase()
    if (!name) fail(messageError(400, 'Validation failed', ['name is required']))
    const bu = ctx.state.businessUnit
    const names = [bu.identifyingName, ...bu.referringNames, bu.displayName].map((n) =>
      n.toLowerCase(),
    )
    const bare = name.replace(/^https?:\/\//, '').replace(/\/.*$/, '')
    if (!names.includes(name) && !names.includes(bare)) {
      fail(messageError(404, 'Business unit not found', `No business unit named ${name}`))
    }
    return json(200, businessUnitView(ctx))
  }

  function businessUnit(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    return json(200, businessUnitView(ctx))
  }

  function businessUnitReviews(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    requireBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query)
    const matching = queryReviews(ctx.state.reviews, req.query, true)
    return json(200, {
      reviews: paginate(matching, paging).map((r) => publicReview(ctx, r)),
      links: pageLinks(req, paging, matching.length),
    })
  }

  function latest(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    const rawCount = req.query.get('count')
    const count = rawCount === null ? 20 : Number(rawCount)
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      fail(messageError(400, 'Validation failed', ['count must be an integer from 1 to 100']))
    }
    const matching = queryReviews(
      ctx.state.reviews,
      new URLSearchParams({ language: req.query.get('language') ?? 'all' }),
      true,
    )
    return json(200, { reviews: matching.slice(0, count).map((r) => publicReview(ctx, r)) })
  }

  function review(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    const found = ctx.state.reviews.find((r) => r.id === req.params['reviewId'])
    if (!found)
      fail(messageError(404, 'Review not found', `No review with id ${req.params['reviewId']}`))
    return json(200, publicReview(ctx, found))
  }

  function locales(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    return json(200, {
      locales: LOCALES.map(([locale, name]) => ({
        locale,
        languageCode: locale.slice(0, 2),
        countryCode: locale.slice(3),
        name,
      })),
    })
  }

  return [
    route('GET', '/v1/business-units/find', find),
    route('GET', '/v1/business-units/:businessUnitId', businessUnit),
    route('GET', '/v1/business-units/:businessUnitId/reviews', businessUnitReviews),
    route('GET', '/v1/reviews/latest', latest),
    route('GET', '/v1/reviews/:reviewId', review),
    route('GET', '/v1/resources/metadata/locales', locales),
  ]
}
