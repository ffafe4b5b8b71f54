/** Validation and summaries shared by the public endpoint modules added for the full catalogue. */
import { failIfDetails } from './api-helpers'
import type { SandboxContext } from './context'
import { fail, messageError } from './http-util'
import type { DirectoryBusinessUnit } from './model'

const LOCALE = /^[a-z]{2}-[A-Z]{2}$/

/** An optional (or required) `locale` query value; 400 with details when malformed. */
export function localeQuery(query: URLSearchParams, required: boolean): string {
  const locale = query.get('locale')
  if (locale === null || locale === '') {
    if (required) fail(messageError(400, 'Validation failed', ['locale is required (e.g. en-US)']))
    return 'en-US'
  }
  if (!LOCALE.test(locale)) {
    fail(messageError(400, 'Validation failed', [`locale ${locale} is not like en-US`]))
  }
  return locale
}

/** An optional (or required) two-letter `country` query value, upper-cased. */
export function countryQuery(query: URLSearchParams, required: boolean): string | null {
  const country = query.get('country')
  if (country === null || country === '') {
    if (required) fail(messageError(400, 'Validation failed', ['country is required (e.g. DK)']))
    return null
  }
  if (!/^[A-Za-z]{2}$/.test(country)) {
    fail(messageError(400, 'Validation failed', [`country ${country} is not a two-letter code`]))
  }
  return country.toUpperCase()
}

/** The main business unit as a directory entry, with its score from the seeded reviews. */
function mainAsDirectory(ctx: SandboxContext): DirectoryBusinessUnit {
  const bu = ctx.state.businessUnit
  const reviews = ctx.state.reviews
  const average =
    reviews.length === 0 ? 0 : reviews.reduce((s, r) => s + r.stars, 0) / reviews.length
  return {
    id: bu.id,
    displayName: bu.displayName,
    domain: bu.identifyingName,
    country: bu.country,
    categoryIds: [...ctx.state.businessUnitCategoryIds],
    trustScore: Math.round(average * 10) / 10,
    numberOfReviews: reviews.length,
  }
}

/** Every business unit the public directory knows: the main one first. */
export function allBusinessUnits(ctx: SandboxContext): DirectoryBusinessUnit[] {
  return [mainAsDirectory(ctx), ...ctx.state.directory]
}

export function findAnyBusinessUnit(ctx: SandboxContext, id: string): DirectoryBusinessUnit {
  return (
    allBusinessUnits(ctx).find((bu) => bu.id === id) ??
    fail(messageError(404, 'Business unit not found', `No business unit with id ${id}`))
  )
}

export function directoryView(
  ctx: SandboxContext,
  bu: DirectoryBusinessUnit,
): Record<string, unknown> {
  return {
    id: bu.id,
    displayName: bu.displayName,
    name: { identifying: bu.domain, referring: [bu.domain, `www.${bu.domain}`] },
    websiteUrl: `https://www.${bu.domain}`,
    country: bu.country,
    score: { trustScore: bu.trustScore, stars: Math.round(bu.trustScore * 2) / 2 },
    numberOfReviews: { total: bu.numberOfReviews },
    links: [{ href: `${ctx.origins.api}/v1/business-units/${bu.id}`, method: 'GET', rel: 'self' }],
  }
}

/** Star average and distribution, Trustpilot's summary shape. */
export function starSummary(stars: readonly number[]): Record<string, unknown> {
  const count = (n: number): number => stars.filter((s) => s === n).length
  const average = stars.length === 0 ? 0 : stars.reduce((a, b) => a + b, 0) / stars.length
  return {
    starsAverage: Math.round(average * 10) / 10,
    numberOfReviews: {
      total: stars.length,
      oneStar: count(1),
      twoStars: count(2),
      threeStars: count(3),
      fourStars: count(4),
      fiveStars: count(5),
    },
  }
}

/** A `skus` array in a JSON body: 1-100 non-empty strings. */
export function skusFromBody(body: Record<string, unknown>): string[] {
  const skus = body['skus']
  const details: string[] = []
  if (!Array.isArray(skus) || skus.length === 0 || skus.length > 100) {
    details.push('skus must be an array of 1 to 100 SKU strings')
  } else if (!skus.every((s) => typeof s === 'string' && s !== '')) {
    details.push('every sku must be a non-empty string')
  }
  failIfDetails(details)
  return skus as string[]
}

/** Opaque offset cursor for the cursor- and token-paged lists; 400 when it was not ours. */
export function decodeCursor(raw: string | null, name: string): number {
  if (raw === null || raw === '') return 0
  const text = Buffer.from(raw, 'base64url').toString('utf8')
  const match = /^offset:(\d+)$/.exec(text)
  if (!match) fail(messageError(400, 'Validation failed', [`${name} is not a valid ${name}`]))
  return Number(match[1])
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url')
}
