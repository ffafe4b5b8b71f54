/** Public endpoints on the API listener: need only the `apikey` header (403 without it). */
import { pageLinks, paginate, parsePaging, requireApiKeyHeader } from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { queryReviews } from './review-query'
import { directoryView, findAnyBusinessUnit } from './public-helpers'
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
    const bare = name.replace(/^https?:\/\//, '').replace(/\/.*$/, '')
    const bu = ctx.state.businessUnit
    const names = [bu.identifyingName, ...bu.referringNames, bu.displayName].map((n) =>
      n.toLowerCase(),
    )
    if (names.includes(name) || names.includes(bare)) return json(200, businessUnitView(ctx))
    // The other business units of the public directory are found by domain or name too.
    const other = ctx.state.directory.find((d) =>
      [d.domain, `www.${d.domain}`, d.displayName.toLowerCase()].some(
        (n) => n === name || n === bare,
      ),
    )
    if (!other) fail(messageError(404, 'Business unit not found', `No business unit named ${name}`))
    return json(200, directoryView(ctx, other))
  }

  function businessUnit(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    const id = req.params['businessUnitId']!
    if (id === ctx.state.businessUnit.id) return json(200, businessUnitView(ctx))
    return json(200, directoryView(ctx, findAnyBusinessUnit(ctx, id)))
  }

  function businessUnitReviews(req: SandboxRequest): SandboxResponse {
    requireApiKey(req)
    const bu = findAnyBusinessUnit(ctx, req.params['businessUnitId']!)
    const paging = parsePaging(req.query)
    // Only the main business unit has seeded reviews; the directory's others list none.
    const own = bu.id === ctx.state.businessUnit.id ? ctx.state.reviews : []
    const matching = queryReviews(own, req.query, true)
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
