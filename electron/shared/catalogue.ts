/**
 * The endpoint catalogue: every private endpoint of docs/trustpilot-api.md and the public ones it lists,
 * as pure data the renderer imports directly (no IPC round trip), plus search and "new request
 * from endpoint". No Node, no DOM.
 */
import type { DraftRequest, KeyValueRow, RequestAuth } from './workbench'

export type EndpointHost = 'api' | 'invitations'
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'
export type EndpointAuth = 'bearer' | 'apikey' | 'none'
export type EndpointGroup =
  'Reviews' | 'Invitations' | 'Products' | 'Conversations' | 'Business units'
export type ParamType = 'string' | 'integer' | 'boolean' | 'date-time' | 'email'

export interface EndpointParam {
  name: string
  type: ParamType
  required: boolean
  description: string
  /** The only values the API accepts (e.g. orderBy). */
  allowed?: readonly string[]
  /** The API's own default; a new request pre-fills it. */
  default?: string
  /** May be given more than once (`stars=4&stars=5`). */
  repeatable?: boolean
  min?: number
  max?: number
  /** Filled from the active profile (`{{businessUnitId}}`). */
  profileVariable?: ProfileVariable
}

export interface Endpoint {
  /** Stable id, e.g. `private.reviews.list`. */
  id: string
  name: string
  group: EndpointGroup
  host: EndpointHost
  method: HttpMethod
  /** Under the host's `/v1` base, with `{param}` placeholders. */
  path: string
  description: string
  auth: EndpointAuth
  /** Client-credentials tokens need the `x-business-user-id` header here (they are not tied to a user). */
  businessUserHeader: boolean
  pathParams: readonly EndpointParam[]
  queryParams: readonly EndpointParam[]
  /** A realistic JSON body; `{{businessUserId}}`-style variables where the profile has the value. */
  bodyTemplate?: string
  tags: readonly string[]
  /** Extra facts for the UI (e.g. "irreversible", "2xx with an empty body"). */
  notes?: string
}

/** Variables a request may use; the runner fills them from the active profile and environment. */
export const PROFILE_VARIABLES = {
  apiBase: 'The API host base URL of the profile’s environment (…/v1)',
  invitationsBase: 'The invitations host base URL of the profile’s environment (…/v1)',
  businessUnitId: 'The profile’s business unit id',
  businessUserId:
    'The profile’s business user id (acts as this user with client-credentials tokens)',
  apiKey: 'The profile’s API key (public endpoints take it as the `apikey` header)',
} as const
export type ProfileVariable = keyof typeof PROFILE_VARIABLES
/** Variables whose value is a credential: snippets write an environment-variable reference instead. */
export const SECRET_VARIABLES: readonly ProfileVariable[] = ['apiKey']

export const HOST_VARIABLE: Record<EndpointHost, ProfileVariable> = {
  api: 'apiBase',
  invitations: 'invitationsBase',
}

// ---- parameter helpers ---------------------------------------------------------------------

const buParam: EndpointParam = {
  name: 'businessUnitId',
  type: 'string',
  required: true,
  description: 'The business unit id (find it with “Find business unit”)',
  profileVariable: 'businessUnitId',
}
const idParam = (name: string, description: string): EndpointParam => ({
  name,
  type: 'string',
  required: true,
  description,
})
const reviewIdParam = idParam('reviewId', 'The service review id')
const productReviewIdParam = idParam('reviewId', 'The product review id')
const conversationIdParam = idParam('conversationId', 'The conversation id')

const q = (
  name: string,
  type: ParamType,
  description: string,
  more: Partial<EndpointParam> = {},
): EndpointParam => ({ name, type, required: false, description, ...more })

const page = q('page', 'integer', 'Page number, from 1', { min: 1, default: '1' })
const perPage = (max: number, dflt = '20'): EndpointParam =>
  q('perPage', 'integer', `Results per page (1-${max})`, { min: 1, max, default: dflt })

/** The service-review lists (private and public) share these. */
const starsParam = q('stars', 'integer', 'Only these star ratings', {
  repeatable: true,
  allowed: ['1', '2', '3', '4', '5'],
})
const orderByParam = q('orderBy', 'string', 'Sort order', {
  allowed: ['createdat.desc', 'createdat.asc', 'stars.asc', 'stars.desc'],
  default: 'createdat.desc',
})

const json = (value: unknown): string => JSON.stringify(value, null, 2)

// ---- the catalogue -------------------------------------------------------------------------

export const ENDPOINTS: readonly Endpoint[] = [
  // Reviews (private)
  {
    id: 'private.reviews.list',
    name: 'List business unit reviews (private)',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/private/business-units/{businessUnitId}/reviews',
    description:
      'Service reviews with private fields (reference id, email, tags), filtered and paged.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [
      starsParam,
      q('language', 'string', 'Language code (e.g. en, da) or all', { repeatable: true }),
      page,
      perPage(100),
      orderByParam,
      q('tagGroup', 'string', 'Tag group to filter on (e.g. generic)'),
      q('tagValue', 'string', 'Tag value to filter on'),
      q('ignoreTagValueCase', 'boolean', 'Compare tagValue case-insensitively', {
        allowed: ['true', 'false'],
      }),
      q('responded', 'boolean', 'Only reviews with (true) or without (false) a reply', {
        allowed: ['true', 'false'],
      }),
      q('reported', 'boolean', 'Only reported (true) or unreported (false) reviews', {
        allowed: ['true', 'false'],
      }),
      q('referenceId', 'string', 'The order or reference id given with the invitation'),
      q('referralEmail', 'email', 'The consumer email given with the invitation'),
      q('startDateTime', 'date-time', 'Created at or after (ISO 8601)'),
      q('endDateTime', 'date-time', 'Created at or before (ISO 8601)'),
      q('locationId', 'string', 'Only reviews of this location'),
    ],
    tags: ['reviews', 'service reviews', 'filter', 'stars', 'tags', 'private', 'list'],
  },
  {
    id: 'private.reviews.get',
    name: 'Get a review (private)',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/private/reviews/{reviewId}',
    description: 'One service review with its private fields.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    tags: ['review', 'service review', 'private', 'get'],
  },
  {
    id: 'private.reviews.reply',
    name: 'Reply to a review',
    group: 'Reviews',
    host: 'api',
    method: 'POST',
    path: '/private/reviews/{reviewId}/reply',
    description: 'Posts (or updates) the company reply; 201, body may be empty.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    bodyTemplate: json({
      authorBusinessUserId: '{{businessUserId}}',
      message: 'Thank you for your review! We are glad you enjoyed shopping with us.',
    }),
    tags: ['reply', 'respond', 'answer', 'company reply', 'review', 'authorBusinessUserId'],
    notes:
      'With a client-credentials token, the acting user goes in the body as authorBusinessUserId.',
  },
  {
    id: 'private.reviews.reply.delete',
    name: 'Delete a review reply',
    group: 'Reviews',
    host: 'api',
    method: 'DELETE',
    path: '/private/reviews/{reviewId}/reply',
    description: 'Removes the company reply from a review.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    tags: ['reply', 'delete', 'remove', 'review'],
  },
  {
    id: 'private.reviews.tags.get',
    name: 'Get review tags',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/private/reviews/{reviewId}/tags',
    description: 'The tags of a review: {tags:[{group,value}]}.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    tags: ['tags', 'review', 'labels'],
  },
  {
    id: 'private.reviews.tags.add',
    name: 'Add review tags',
    group: 'Reviews',
    host: 'api',
    method: 'PUT',
    path: '/private/reviews/{reviewId}/tags',
    description: 'Adds tags to a review (group generic shows in Trustpilot Business).',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    bodyTemplate: json({ tags: [{ group: 'generic', value: 'follow-up' }] }),
    tags: ['tags', 'add', 'review', 'labels'],
  },
  {
    id: 'private.reviews.tags.replace',
    name: 'Replace review tags',
    group: 'Reviews',
    host: 'api',
    method: 'POST',
    path: '/private/reviews/{reviewId}/tags',
    description: 'Replaces all tags of a review with the given ones.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    bodyTemplate: json({
      tags: [
        { group: 'generic', value: 'delivery' },
        { group: 'generic', value: 'customer-service' },
      ],
    }),
    tags: ['tags', 'replace', 'set', 'review', 'labels'],
  },
  {
    id: 'private.reviews.tags.delete',
    name: 'Remove a review tag',
    group: 'Reviews',
    host: 'api',
    method: 'DELETE',
    path: '/private/reviews/{reviewId}/tags',
    description: 'Removes one tag (group and value) from a review.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [
      q('group', 'string', 'Tag group', { required: true, default: 'generic' }),
      q('value', 'string', 'Tag value', { required: true }),
    ],
    tags: ['tags', 'delete', 'remove', 'review', 'labels'],
  },
  {
    id: 'private.reviews.find-reviewer',
    name: 'Find reviewer',
    group: 'Reviews',
    host: 'api',
    method: 'POST',
    path: '/private/reviews/{reviewId}/find-reviewer',
    description: 'Asks the reviewer for order details through Trustpilot.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    bodyTemplate: json({
      message: 'Could you share your order number so we can look into this for you?',
      skipNotificationEmailToBusinessUser: false,
    }),
    tags: ['find reviewer', 'contact', 'order', 'review'],
  },

  // Invitations (invitations host)
  {
    id: 'private.invitations.email',
    name: 'Send an email invitation',
    group: 'Invitations',
    host: 'invitations',
    method: 'POST',
    path: '/private/business-units/{businessUnitId}/email-invitations',
    description:
      'Queues a service (and optionally product) review invitation email; 2xx, often empty.',
    auth: 'bearer',
    businessUserHeader: true,
    pathParams: [buParam],
    queryParams: [],
    bodyTemplate: json({
      consumerEmail: 'jane.doe@example.com',
      consumerName: 'Jane Doe',
      referenceNumber: 'ORDER-12345',
      locale: 'en-US',
      senderName: 'Sandbox Shop',
      senderEmail: 'noreply.invitations@trustpilotmail.com',
      replyTo: 'support@example.com',
      type: 'email',
      serviceReviewInvitation: {
        preferredSendTime: '2030-01-01T09:00:00Z',
        redirectUri: 'https://www.example.com/thank-you',
        tags: ['workbench'],
      },
    }),
    tags: ['invitation', 'invite', 'email', 'send', 'x-business-user-id'],
    notes:
      'templateId (from “List invitation templates”) picks a template; without it the default is used.',
  },
  {
    id: 'private.invitations.templates',
    name: 'List invitation templates',
    group: 'Invitations',
    host: 'invitations',
    method: 'GET',
    path: '/private/business-units/{businessUnitId}/templates',
    description:
      'The invitation email templates: {templates:[{id,name,isDefaultTemplate,locale,type}]}.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    tags: ['templates', 'invitation', 'email'],
  },
  {
    id: 'private.invitations.links',
    name: 'Create an invitation link',
    group: 'Invitations',
    host: 'invitations',
    method: 'POST',
    path: '/private/business-units/{businessUnitId}/invitation-links',
    description: 'A unique review link for one customer; returns {id, url}.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    bodyTemplate: json({
      referenceId: 'ORDER-12345',
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
      locale: 'en-US',
      tags: ['workbench'],
      redirectUri: 'https://www.example.com/thank-you',
    }),
    tags: ['invitation', 'link', 'url', 'service review'],
  },
  {
    id: 'private.invitations.data-delete',
    name: 'Delete invitation data (GDPR)',
    group: 'Invitations',
    host: 'invitations',
    method: 'POST',
    path: '/private/business-units/{businessUnitId}/invitation-data/delete',
    description: 'Deletes invitation data by customer emails or by age (not both); irreversible.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    bodyTemplate: json({ customerEmails: ['jane.doe@example.com'] }),
    tags: ['gdpr', 'delete', 'privacy', 'invitation data', 'erase'],
    notes: 'Irreversible. Send either customerEmails or deleteOlderThan, not both.',
  },

  // Products and product reviews
  {
    id: 'private.product-reviews.list',
    name: 'List product reviews',
    group: 'Products',
    host: 'api',
    method: 'GET',
    path: '/private/product-reviews/business-units/{businessUnitId}/reviews',
    description: 'Product reviews of the business unit: {productReviews:[..], links}.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [
      page,
      perPage(100),
      q('sku', 'string', 'Only reviews of these SKUs', { repeatable: true }),
      q('language', 'string', 'Language code (e.g. en)', { repeatable: true }),
      q('state', 'string', 'Review state', {
        allowed: ['published', 'unpublished', 'archived'],
        repeatable: true,
      }),
      q('locale', 'string', 'Locale (e.g. en-US)', { repeatable: true }),
    ],
    tags: ['product reviews', 'products', 'sku', 'list'],
  },
  {
    id: 'private.product-reviews.get',
    name: 'Get a product review',
    group: 'Products',
    host: 'api',
    method: 'GET',
    path: '/private/product-reviews/{reviewId}',
    description: 'One product review with its private fields.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [productReviewIdParam],
    queryParams: [],
    tags: ['product review', 'product', 'get'],
  },
  {
    id: 'private.product-reviews.invitation-links',
    name: 'Create a product review invitation link',
    group: 'Products',
    host: 'api',
    method: 'POST',
    path: '/private/product-reviews/business-units/{businessUnitId}/invitation-links',
    description: 'A review link for products a customer bought.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    bodyTemplate: json({
      consumer: { email: 'jane.doe@example.com', name: 'Jane Doe' },
      referenceId: 'ORDER-12345',
      locale: 'en-US',
      redirectUri: 'https://www.example.com/thank-you',
      products: [
        {
          sku: 'SKU-1001',
          name: 'Trail Running Shoe',
          productUrl: 'https://www.example.com/products/sku-1001',
          imageUrl: 'https://www.example.com/images/sku-1001.jpg',
        },
      ],
    }),
    tags: ['product review', 'invitation', 'link', 'products'],
  },
  {
    id: 'private.products.list',
    name: 'List products',
    group: 'Products',
    host: 'api',
    method: 'GET',
    path: '/private/business-units/{businessUnitId}/products',
    description: 'The product catalogue of the business unit.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [
      page,
      perPage(1000),
      q('skus', 'string', 'Only these SKUs', { repeatable: true }),
    ],
    tags: ['products', 'catalogue', 'catalog', 'sku', 'list'],
  },
  {
    id: 'private.products.upsert',
    name: 'Create or update products',
    group: 'Products',
    host: 'api',
    method: 'POST',
    path: '/private/business-units/{businessUnitId}/products',
    description: 'Batch upsert of the product catalogue, matched by SKU.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    bodyTemplate: json({
      products: [
        {
          sku: 'SKU-2001',
          name: 'Trail Running Shoe, Mk II',
          link: 'https://www.example.com/products/sku-2001',
          imageLink: 'https://www.example.com/images/sku-2001.jpg',
          price: '129.00',
          currency: 'EUR',
          brand: 'Example Outdoor',
        },
      ],
    }),
    tags: ['products', 'catalogue', 'catalog', 'upsert', 'import', 'sku'],
  },

  // Conversations
  {
    id: 'private.product-reviews.create-conversation',
    name: 'Start a conversation on a product review',
    group: 'Conversations',
    host: 'api',
    method: 'POST',
    path: '/private/product-reviews/{reviewId}/create-conversation',
    description: 'Opens (or returns) the conversation with the reviewer: {conversationId}.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [productReviewIdParam],
    queryParams: [],
    tags: ['conversation', 'product review', 'create', 'start'],
  },
  {
    id: 'private.conversations.get',
    name: 'Get a conversation',
    group: 'Conversations',
    host: 'api',
    method: 'GET',
    path: '/private/conversations/{conversationId}',
    description: 'A conversation with its comments.',
    auth: 'bearer',
    businessUserHeader: false,
    pathParams: [conversationIdParam],
    queryParams: [],
    tags: ['conversation', 'comments', 'get'],
  },
  {
    id: 'private.conversations.comment',
    name: 'Comment on a conversation',
    group: 'Conversations',
    host: 'api',
    method: 'POST',
    path: '/private/conversations/{conversationId}/comments',
    description: 'Adds a comment as the business user.',
    auth: 'bearer',
    businessUserHeader: true,
    pathParams: [conversationIdParam],
    queryParams: [],
    bodyTemplate: json({
      content: 'Thanks for the details, a replacement is on its way.',
      integrationId: 'tp-api-explorer',
    }),
    tags: ['conversation', 'comment', 'reply', 'x-business-user-id'],
  },

  // Public (apikey)
  {
    id: 'public.business-units.find',
    name: 'Find a business unit by domain',
    group: 'Business units',
    host: 'api',
    method: 'GET',
    path: '/business-units/find',
    description: 'The business unit id (`id`) for a domain name: private endpoints need it.',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [],
    queryParams: [
      q('name', 'string', 'The domain, e.g. example.com', {
        required: true,
        default: 'sandbox-shop.example',
      }),
    ],
    tags: ['business unit', 'find', 'search', 'domain', 'id', 'public'],
  },
  {
    id: 'public.business-units.get',
    name: 'Get a business unit',
    group: 'Business units',
    host: 'api',
    method: 'GET',
    path: '/business-units/{businessUnitId}',
    description: 'Public profile of a business unit (name, score, counts).',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [],
    tags: ['business unit', 'profile', 'public'],
  },
  {
    id: 'public.business-units.reviews',
    name: 'List business unit reviews (public)',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/business-units/{businessUnitId}/reviews',
    description: 'Public service reviews of a business unit.',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [buParam],
    queryParams: [
      starsParam,
      q('language', 'string', 'Language code or all', { repeatable: true }),
      page,
      perPage(100),
      orderByParam,
    ],
    tags: ['reviews', 'service reviews', 'public', 'list'],
  },
  {
    id: 'public.reviews.latest',
    name: 'Latest reviews',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/reviews/latest',
    description: 'The most recent public reviews.',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [],
    queryParams: [
      q('count', 'integer', 'How many (1-100)', { min: 1, max: 100, default: '20' }),
      q('language', 'string', 'Language code or all'),
    ],
    tags: ['reviews', 'latest', 'recent', 'public'],
  },
  {
    id: 'public.reviews.get',
    name: 'Get a review (public)',
    group: 'Reviews',
    host: 'api',
    method: 'GET',
    path: '/reviews/{reviewId}',
    description: 'One public service review.',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [reviewIdParam],
    queryParams: [],
    tags: ['review', 'public', 'get'],
  },
  {
    id: 'public.resources.locales',
    name: 'List locales',
    group: 'Business units',
    host: 'api',
    method: 'GET',
    path: '/resources/metadata/locales',
    description: 'Locales Trustpilot supports (for invitations and templates).',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [],
    queryParams: [],
    tags: ['locales', 'languages', 'metadata', 'resources', 'public'],
  },
]

export const ENDPOINT_GROUPS: readonly EndpointGroup[] = [
  'Reviews',
  'Invitations',
  'Products',
  'Conversations',
  'Business units',
]

const byId = new Map(ENDPOINTS.map((e) => [e.id, e]))

export function endpointById(id: string): Endpoint | undefined {
  return byId.get(id)
}

/** `{param}` names in a path template, in order. */
export function pathTemplateParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!)
}

/**
 * Case-insensitive search over name, method, path, description, group and tags. Every word must
 * match somewhere; results are ordered by how well they match (name and tags before description).
 */
export function searchEndpoints(
  query: string,
  endpoints: readonly Endpoint[] = ENDPOINTS,
): Endpoint[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...endpoints]
  const scored: { e: Endpoint; score: number; index: number }[] = []
  endpoints.forEach((e, index) => {
    const fields: [string, number][] = [
      [e.name.toLowerCase(), 4],
      [e.tags.join(' ').toLowerCase(), 3],
      [`${e.method} ${e.path}`.toLowerCase(), 2],
      [e.group.toLowerCase(), 2],
      [`${e.description} ${e.id}`.toLowerCase(), 1],
    ]
    let score = 0
    for (const word of words) {
      const best = Math.max(
        0,
        ...fields.map(([text, weight]) => (text.includes(word) ? weight : 0)),
      )
      if (best === 0) return
      score += best
    }
    scored.push({ e, score, index })
  })
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.e)
}

/** The auth choice a request for this endpoint starts with. */
export function requestAuthFor(endpoint: Endpoint): RequestAuth {
  return endpoint.auth === 'bearer' ? 'token' : endpoint.auth === 'apikey' ? 'apikey' : 'none'
}

export interface EndpointDraft {
  draft: DraftRequest
  /** Path parameters the user still has to fill in (left as `{name}` in the URL). */
  pathParams: EndpointParam[]
}

/**
 * A new request from a catalogue entry: `{{apiBase}}`/`{{invitationsBase}}` URL, profile-known
 * path parameters as `{{variables}}`, the others left as `{name}` for the user, query rows with
 * defaults (required and defaulted ones enabled), headers and the body template.
 */
export function draftFromEndpoint(endpoint: Endpoint, profileId: string): EndpointDraft {
  const pending: EndpointParam[] = []
  const path = endpoint.path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
    const param = endpoint.pathParams.find((p) => p.name === name)
    if (param?.profileVariable) return `{{${param.profileVariable}}}`
    if (param) pending.push(param)
    return whole
  })
  const query: KeyValueRow[] = endpoint.queryParams.map((p) => ({
    name: p.name,
    value: p.profileVariable ? `{{${p.profileVariable}}}` : (p.default ?? ''),
    enabled: p.required || p.default !== undefined,
  }))
  const headers: KeyValueRow[] = [{ name: 'Accept', value: 'application/json', enabled: true }]
  const draft: DraftRequest = {
    profileId,
    method: endpoint.method,
    url: `{{${HOST_VARIABLE[endpoint.host]}}}${path}`,
    query,
    headers,
    body: endpoint.bodyTemplate ? { kind: 'json', text: endpoint.bodyTemplate } : { kind: 'none' },
    auth: requestAuthFor(endpoint),
    endpointId: endpoint.id,
  }
  return { draft, pathParams: pending }
}

/** Regex for a path template under a base path: `{x}` matches one segment. */
function templatePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      /^\{[A-Za-z][A-Za-z0-9]*\}$/.test(segment)
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source}/?$`)
}

const patterns = new Map(ENDPOINTS.map((e) => [e.id, templatePattern(e.path)]))
/** Literal paths first, so `/reviews/latest` wins over `/reviews/{reviewId}`. */
const bySpecificity = [...ENDPOINTS].sort(
  (a, b) => pathTemplateParams(a.path).length - pathTemplateParams(b.path).length,
)

/** The catalogue entry for a method and a path under a host's base (`/private/reviews/abc/tags`). */
export function matchEndpoint(
  method: string,
  host: EndpointHost,
  path: string,
): Endpoint | undefined {
  const key = `${method} ${host} ${path}`
  if (matched.has(key)) return matched.get(key)
  const m = method.toUpperCase()
  const found = bySpecificity.find(
    (e) => e.method === m && e.host === host && patterns.get(e.id)!.test(path),
  )
  if (matched.size >= 500) matched.clear()
  matched.set(key, found)
  return found
}

/** Recent matches: a workbench sends the same few paths over and over. */
const matched = new Map<string, Endpoint | undefined>()
