/**
 * Public business-unit directory endpoints added for the full catalogue: all/search, paging by
 * token, web links, images, profile info, promotion box, customer guarantee, profile promotion,
 * categories and the business-signup domain check. All need the `apikey` header.
 */
import { pageLinks, paginate, parsePaging, requireApiKeyHeader } from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import type { DirectoryBusinessUnit } from './model'
import {
  allBusinessUnits,
  countryQuery,
  decodeCursor,
  directoryView,
  encodeCursor,
  findAnyBusinessUnit,
  localeQuery,
} from './public-helpers'
import { queryReviews } from './review-query'
import { route } from './router'
import type { Route } from './router'
import { publicReview } from './views'

const SITE = 'https://www.trustpilot.com'
const BU = '/v1/business-units/:businessUnitId'
const ALL_REVIEWS_PAGE = 20

function imageSet(bu: DirectoryBusinessUnit, kind: string): Record<string, unknown> {
  const sizes = [
    [64, 64],
    [198, 149],
    [400, 300],
  ] as const
  return Object.fromEntries(
    sizes.map(([w, h]) => [
      `image${w}x${h}`,
      { url: `https://images.${bu.domain}/${kind}/${w}x${h}.png`, width: w, height: h },
    ]),
  )
}

export function publicDirectoryRoutes(ctx: SandboxContext): Route[] {
  /** apikey first, then the business unit (main or directory), as the gateway orders them. */
  const withBu =
    (handler: (bu: DirectoryBusinessUnit, req: SandboxRequest) => SandboxResponse) =>
    (req: SandboxRequest): SandboxResponse => {
      requireApiKeyHeader(ctx, req)
      return handler(findAnyBusinessUnit(ctx, req.params['businessUnitId']!), req)
    }
  const category = (id: string) =>
    ctx.state.categories.find((c) => c.id === id) ??
    fail(messageError(404, 'Category not found', `No category with id ${id}`))
  const categoryView = (id: string) => {
    const c = category(id)
    return { categoryId: c.id, displayName: c.displayName, parentId: c.parentId }
  }

  function all(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    const country = countryQuery(req.query, false)
    const { perPage } = parsePaging(req.query, 1000, 1000)
    const offset = decodeCursor(req.query.get('cursor'), 'cursor')
    const matching = allBusinessUnits(ctx).filter((bu) => !country || bu.country === country)
    const page = matching.slice(offset, offset + perPage)
    const next = offset + perPage < matching.length ? encodeCursor(offset + perPage) : null
    return json(200, {
      businessUnits: page.map((bu) => directoryView(ctx, bu)),
      ...(next ? { nextCursor: next } : {}),
    })
  }

  function search(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    const text = req.query.get('query')?.trim().toLowerCase()
    if (!text) fail(messageError(400, 'Validation failed', ['query is required']))
    const country = countryQuery(req.query, false)
    // The API spells this one `perpage`; read it as perPage.
    const pagingQuery = new URLSearchParams(req.query)
    if (req.query.has('perpage')) pagingQuery.set('perPage', req.query.get('perpage')!)
    const paging = parsePaging(pagingQuery)
    const matching = allBusinessUnits(ctx).filter(
      (bu) =>
        (!country || bu.country === country) &&
        (bu.displayName.toLowerCase().includes(text) || bu.domain.includes(text)),
    )
    return json(200, {
      businessUnits: paginate(matching, paging).map((bu) => directoryView(ctx, bu)),
      links: pageLinks(req, paging, matching.length),
    })
  }

  const allReviews = withBu((bu, req) => {
    const offset = decodeCursor(req.query.get('pageToken'), 'pageToken')
    const reviews =
      bu.id === ctx.state.businessUnit.id
        ? queryReviews(ctx.state.reviews, new URLSearchParams(), true)
        : []
    const end = offset + ALL_REVIEWS_PAGE
    return json(200, {
      reviews: reviews.slice(offset, end).map((r) => publicReview(ctx, r)),
      ...(end < reviews.length ? { nextPageToken: encodeCursor(end) } : {}),
    })
  })

  const webLinks = withBu((bu, req) => {
    const locale = localeQuery(req.query, true)
    return json(200, {
      locale,
      profileUrl: `${SITE}/review/${bu.domain}`,
      evaluateUrl: `${SITE}/evaluate/${bu.domain}`,
      evaluateEmbedUrl: `${SITE}/evaluate/embed/${bu.domain}`,
    })
  })

  const images = withBu((bu) =>
    json(200, {
      logoUrl: `https://images.${bu.domain}/logo/198x149.png`,
      companyLogo: imageSet(bu, 'logo'),
      companyHeader: imageSet(bu, 'header'),
      promotionBox: imageSet(bu, 'promotion-box'),
    }),
  )
  const oneImage = (kind: string) => withBu((bu) => json(200, imageSet(bu, kind)))

  const profileInfo = withBu((bu) =>
    json(200, {
      companyName: bu.displayName,
      email: `support@${bu.domain}`,
      phone: '+45 70 00 00 00',
      address: {
        street: 'Harbour Street 1',
        city: 'Copenhagen',
        postcode: '1000',
        country: bu.country,
        countryCode: bu.country,
      },
      description: {
        header: `About ${bu.displayName}`,
        text: `${bu.displayName} sells outdoor and sports gear online and in store.`,
      },
      socialmedia: { facebook: `https://www.facebook.com/${bu.domain}`, twitter: null },
      isSubscriber: bu.id === ctx.state.businessUnit.id,
      isClaimed: true,
      links: [
        { href: `${ctx.origins.api}/v1/business-units/${bu.id}`, method: 'GET', rel: 'self' },
      ],
    }),
  )

  const buCategories = withBu((bu, req) => {
    countryQuery(req.query, false)
    localeQuery(req.query, false)
    return json(200, {
      categories: bu.categoryIds.map((id, i) => ({ ...categoryView(id), isPrimary: i === 0 })),
    })
  })

  const promotionBox = withBu((bu) =>
    json(200, {
      title: `Why shop at ${bu.displayName}`,
      text: 'Free returns within 30 days and a two-year warranty on everything.',
      link: `https://www.${bu.domain}/about`,
      image: imageSet(bu, 'promotion-box'),
    }),
  )

  const customerGuarantee = withBu((bu) =>
    json(200, {
      isActive: bu.id === ctx.state.businessUnit.id,
      text: 'If something goes wrong with your order, we make it right.',
      image: imageSet(bu, 'guarantee'),
    }),
  )

  const profilePromotion = withBu((bu) =>
    json(200, {
      headline: `${bu.displayName} on Trustpilot`,
      promotionText: 'Read what our customers say, and tell us how we did.',
      image: imageSet(bu, 'profile-promotion'),
    }),
  )

  function listCategories(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    countryQuery(req.query, false)
    localeQuery(req.query, false)
    const parentId = req.query.get('parentId')
    if (parentId) category(parentId)
    return json(200, {
      categories: ctx.state.categories
        .filter((c) => c.parentId === (parentId || null))
        .map((c) => categoryView(c.id)),
    })
  }

  function getCategory(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    countryQuery(req.query, false)
    localeQuery(req.query, false)
    return json(200, categoryView(req.params['categoryId']!))
  }

  function categoryBusinessUnits(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    const id = category(req.params['categoryId']!).id
    const country = countryQuery(req.query, true)
    localeQuery(req.query, false)
    const paging = parsePaging(req.query)
    const matching = allBusinessUnits(ctx)
      .filter((bu) => bu.country === country && bu.categoryIds.includes(id))
      .sort((a, b) => b.trustScore - a.trustScore || a.id.localeCompare(b.id))
    return json(200, {
      businessUnits: paginate(matching, paging).map((bu) => directoryView(ctx, bu)),
      links: pageLinks(req, paging, matching.length),
    })
  }

  function domainAvailability(req: SandboxRequest): SandboxResponse {
    requireApiKeyHeader(ctx, req)
    const domain = req.query.get('domain')?.trim().toLowerCase()
    if (!domain) fail(messageError(400, 'Validation failed', ['domain is required']))
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
      fail(messageError(400, 'Validation failed', [`domain ${domain} is not a domain name`]))
    }
    const bare = domain.replace(/^www\./, '')
    const taken = allBusinessUnits(ctx).some((bu) => bu.domain === bare)
    return json(200, { domainIsAvailable: !taken })
  }

  return [
    route('GET', '/v1/business-units/all', all),
    route('GET', '/v1/business-units/search', search),
    route('GET', `${BU}/all-reviews`, allReviews),
    route('GET', `${BU}/web-links`, webLinks),
    route('GET', `${BU}/images`, images),
    route('GET', `${BU}/images/logo`, oneImage('logo')),
    route('GET', `${BU}/images/header`, oneImage('header')),
    route('GET', `${BU}/images/promotion-box`, oneImage('promotion-box')),
    route('GET', `${BU}/profileinfo`, profileInfo),
    route('GET', `${BU}/categories`, buCategories),
    route('GET', `${BU}/promotion-box`, promotionBox),
    route('GET', `${BU}/customerguarantee`, customerGuarantee),
    route('GET', `${BU}/profilepromotion`, profilePromotion),
    route('GET', '/v1/categories', listCategories),
    route('GET', '/v1/categories/:categoryId', getCategory),
    route('GET', '/v1/categories/:categoryId/business-units', categoryBusinessUnits),
    route('GET', '/v1/business-signup/domain-availability', domainAvailability),
  ]
}
