/** Filtering and ordering of the service reviews list (private and public variants). */
import { listParam } from './api-helpers'
import { fail, messageError } from './http-util'
import type { ServiceReview } from './model'

export const REVIEW_ORDERS = ['createdat.desc', 'createdat.asc', 'stars.asc', 'stars.desc'] as const
export type ReviewOrder = (typeof REVIEW_ORDERS)[number]

function bool(query: URLSearchParams, name: string, details: string[]): boolean | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const lower = raw.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  details.push(`${name} must be true or false`)
  return undefined
}

function date(query: URLSearchParams, name: string, details: string[]): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const ms = Date.parse(raw)
  if (Number.isNaN(ms)) {
    details.push(`${name} must be an ISO 8601 date-time`)
    return undefined
  }
  return ms
}

export function compareReviews(order: ReviewOrder): (a: ServiceReview, b: ServiceReview) => number {
  const newestFirst = (a: ServiceReview, b: ServiceReview): number =>
    b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)
  switch (order) {
    case 'createdat.desc':
      return newestFirst
    case 'createdat.asc':
      return (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
    case 'stars.asc':
      return (a, b) => a.stars - b.stars || newestFirst(a, b)
    case 'stars.desc':
      return (a, b) => b.stars - a.stars || newestFirst(a, b)
  }
}

/**
 * Applies the query filters docs/trustpilot-api.md lists for the private reviews list. With
 * `publicOnly`, only the filters the public list knows (stars, language, orderBy).
 */
export function queryReviews(
  reviews: ServiceReview[],
  query: URLSearchParams,
  publicOnly = false,
): ServiceReview[] {
  const details: string[] = []
  const stars = listParam(query, 'stars').map((s) => {
    const n = Number(s)
    if (!Number.isInteger(n) || n < 1 || n > 5) details.push('stars must be integers from 1 to 5')
    return n
  })
  const languages = listParam(query, 'language').map((l) => l.toLowerCase())
  const orderRaw = (query.get('orderBy') ?? 'createdat.desc').toLowerCase()
  if (!(REVIEW_ORDERS as readonly string[]).includes(orderRaw)) {
    details.push(`orderBy must be one of ${REVIEW_ORDERS.join(', ')}`)
  }
  const tagGroup = publicOnly ? null : query.get('tagGroup')
  const tagValue = publicOnly ? null : query.get('tagValue')
  const ignoreCase = publicOnly ? undefined : bool(query, 'ignoreTagValueCase', details)
  const responded = publicOnly ? undefined : bool(query, 'responded', details)
  const reported = publicOnly ? undefined : bool(query, 'reported', details)
  const referenceId = publicOnly ? null : query.get('referenceId')
  const referralEmail = publicOnly ? null : query.get('referralEmail')
  const locationId = publicOnly ? null : query.get('locationId')
  const username = publicOnly ? null : query.get('username')?.trim().toLowerCase()
  const findReviewer = publicOnly ? null : query.get('findReviewer')
  if (findReviewer && findReviewer !== 'contacted' && findReviewer !== 'notContacted') {
    details.push('findReviewer must be contacted or notContacted')
  }
  const start = publicOnly ? undefined : date(query, 'startDateTime', details)
  const end = publicOnly ? undefined : date(query, 'endDateTime', details)
  if (details.length > 0) fail(messageError(400, 'Validation failed', [...new Set(details)]))

  const result = reviews.filter((r) => {
    if (stars.length > 0 && !stars.includes(r.stars)) return false
    if (languages.length > 0 && !languages.includes('all') && !languages.includes(r.language))
      return false
    if (tagGroup || tagValue) {
      const hit = r.tags.some(
        (t) =>
          (!tagGroup || t.group === tagGroup) &&
          (!tagValue ||
            (ignoreCase ? t.value.toLowerCase() === tagValue.toLowerCase() : t.value === tagValue)),
      )
      if (!hit) return false
    }
    if (responded !== undefined && (r.companyReply !== null) !== responded) return false
    if (reported !== undefined && (r.reportData !== null) !== reported) return false
    if (referenceId && r.referenceId !== referenceId) return false
    if (referralEmail && r.referralEmail.toLowerCase() !== referralEmail.toLowerCase()) return false
    if (locationId && r.locationId !== locationId) return false
    if (username && r.consumer.displayName.toLowerCase() !== username) return false
    if (findReviewer && r.findReviewerRequests.length > 0 !== (findReviewer === 'contacted'))
      return false
    const created = Date.parse(r.createdAt)
    if (start !== undefined && created < start) return false
    if (end !== undefined && created > end) return false
    return true
  })
  return result.sort(compareReviews(orderRaw as ReviewOrder))
}
