/** How state objects look on the wire: private (business) and public views. */
import type { SandboxContext } from './context'
import type { Conversation, Product, ProductReview, ServiceReview } from './model'

function businessUnitRef(ctx: SandboxContext): Record<string, unknown> {
  const bu = ctx.state.businessUnit
  return { id: bu.id, identifyingName: bu.identifyingName, displayName: bu.displayName }
}

function locationRef(
  ctx: SandboxContext,
  locationId: string | null,
): Record<string, unknown> | null {
  if (!locationId) return null
  const location = ctx.state.businessUnit.locations.find((l) => l.id === locationId)
  return location ? { id: location.id, name: location.name } : { id: locationId, name: null }
}

export function publicReview(ctx: SandboxContext, review: ServiceReview): Record<string, unknown> {
  return {
    id: review.id,
    consumer: { ...review.consumer },
    businessUnit: businessUnitRef(ctx),
    location: locationRef(ctx, review.locationId),
    stars: review.stars,
    title: review.title,
    text: review.text,
    language: review.language,
    createdAt: review.createdAt,
    experiencedAt: review.experiencedAt,
    updatedAt: review.updatedAt,
    isVerified: review.isVerified,
    companyReply: review.companyReply ? { ...review.companyReply } : null,
    links: [{ href: `${ctx.origins.api}/v1/reviews/${review.id}`, method: 'GET', rel: 'reviews' }],
  }
}

export function privateReview(ctx: SandboxContext, review: ServiceReview): Record<string, unknown> {
  return {
    ...publicReview(ctx, review),
    status: 'active',
    referenceId: review.referenceId,
    referralEmail: review.referralEmail,
    tags: review.tags.map((t) => ({ ...t })),
    reportData: review.reportData ? { ...review.reportData } : null,
    findReviewer: {
      isEligible: review.findReviewerRequests.length === 0,
      requests: review.findReviewerRequests.map((r) => ({ ...r })),
    },
    links: [
      {
        href: `${ctx.origins.api}/v1/private/reviews/${review.id}`,
        method: 'GET',
        rel: 'private-reviews',
      },
    ],
  }
}

export function productView(product: Product): Record<string, unknown> {
  return { ...product }
}

export function productReviewView(
  ctx: SandboxContext,
  review: ProductReview,
): Record<string, unknown> {
  const product = ctx.state.products.find((p) => p.sku === review.sku)
  return {
    id: review.id,
    createdAt: review.createdAt,
    stars: review.stars,
    content: review.content,
    product: product
      ? {
          id: product.id,
          productUrl: product.link,
          productImages: [product.imageLink],
          name: product.name,
          sku: product.sku,
          gtin: product.gtin,
          mpn: product.mpn,
          brand: product.brand,
        }
      : { sku: review.sku },
    consumer: { ...review.consumer },
    referenceId: review.referenceId,
    locale: review.locale,
    language: review.language,
    redirectUri: ctx.state.businessUnit.websiteUrl,
    state: review.state,
    hasModerationHistory: false,
    conversationId: review.conversationId,
    attributeRatings: [],
    attachments: [],
  }
}

export function conversationView(
  ctx: SandboxContext,
  conversation: Conversation,
): Record<string, unknown> {
  return {
    id: conversation.id,
    state: conversation.state,
    visibility: conversation.visibility,
    createdAt: conversation.createdAt,
    businessUnitId: ctx.state.businessUnit.id,
    source: { ...conversation.source },
    comments: conversation.comments.map((c) => ({ ...c, author: { ...c.author } })),
  }
}

export function businessUnitView(ctx: SandboxContext): Record<string, unknown> {
  const bu = ctx.state.businessUnit
  const reviews = ctx.state.reviews
  const count = (stars: number): number => reviews.filter((r) => r.stars === stars).length
  const average =
    reviews.length === 0 ? 0 : reviews.reduce((s, r) => s + r.stars, 0) / reviews.length
  return {
    id: bu.id,
    displayName: bu.displayName,
    name: { identifying: bu.identifyingName, referring: [...bu.referringNames] },
    websiteUrl: bu.websiteUrl,
    country: bu.country,
    status: 'active',
    score: { trustScore: Math.round(average * 10) / 10, stars: Math.round(average * 2) / 2 },
    numberOfReviews: {
      total: reviews.length,
      usedForTrustScoreCalculation: reviews.length,
      oneStar: count(1),
      twoStars: count(2),
      threeStars: count(3),
      fourStars: count(4),
      fiveStars: count(5),
    },
    links: [
      { href: `${ctx.origins.api}/v1/business-units/${bu.id}`, method: 'GET', rel: 'self' },
      {
        href: `${ctx.origins.api}/v1/business-units/${bu.id}/reviews`,
        method: 'GET',
        rel: 'business-units-reviews',
      },
    ],
  }
}
