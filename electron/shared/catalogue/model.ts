/** Types and parameter helpers shared by the catalogue's group files. No Node, no DOM. */
export type EndpointHost = 'api' | 'invitations'
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'
export type EndpointAuth = 'bearer' | 'apikey' | 'none'
/** The API groups as Trustpilot's documentation names them. */
export const ENDPOINT_GROUPS = [
  'Business Units API (public)',
  'Business Units API',
  'Service Reviews API',
  'Invitation API',
  'Product Reviews API',
  'Private Products API',
  'Categories API',
  'Consumer API',
  'Consumer Profile API',
  'Resources API',
  'Business Signup API',
] as const
export type EndpointGroup = (typeof ENDPOINT_GROUPS)[number]
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
  /** A value that works against the sandbox's seed data (used by tests and as a hint). */
  example?: string
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

export const buParam: EndpointParam = {
  name: 'businessUnitId',
  type: 'string',
  required: true,
  description: 'The business unit id (find it with “Find business unit”)',
  profileVariable: 'businessUnitId',
}
export const idParam = (name: string, description: string): EndpointParam => ({
  name,
  type: 'string',
  required: true,
  description,
})
export const reviewIdParam = idParam('reviewId', 'The service review id')
export const productReviewIdParam = idParam('reviewId', 'The product review id')
export const conversationIdParam = idParam('conversationId', 'The conversation id')

export const q = (
  name: string,
  type: ParamType,
  description: string,
  more: Partial<EndpointParam> = {},
): EndpointParam => ({ name, type, required: false, description, ...more })

export const page = q('page', 'integer', 'Page number, from 1', { min: 1, default: '1' })
export const perPage = (max: number, dflt = '20'): EndpointParam =>
  q('perPage', 'integer', `Results per page (1-${max})`, { min: 1, max, default: dflt })

/** The service-review lists (private and public) share these. */
export const starsParam = q('stars', 'integer', 'Only these star ratings', {
  repeatable: true,
  allowed: ['1', '2', '3', '4', '5'],
})
export const orderByParam = q('orderBy', 'string', 'Sort order', {
  allowed: ['createdat.desc', 'createdat.asc', 'stars.asc', 'stars.desc'],
  default: 'createdat.desc',
})

export const json = (value: unknown): string => JSON.stringify(value, null, 2)

export const commentIdParam: EndpointParam = idParam('commentId', 'The comment id')
/** A seeded consumer with several reviews (the sandbox uses the same id). */
export const EXAMPLE_CONSUMER_ID = '5eed0000000000000000c0de'
export const consumerIdParam: EndpointParam = {
  ...idParam('consumerId', 'The consumer id'),
  example: EXAMPLE_CONSUMER_ID,
}
export const categoryIdParam: EndpointParam = {
  ...idParam('categoryId', 'The category id, e.g. outdoor_store'),
  example: 'outdoor_store',
}
export const starsPathParam: EndpointParam = {
  name: 'stars',
  type: 'string',
  required: true,
  description: 'A star rating: 0 to 5 in half steps from 1',
  allowed: ['0', '1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5'],
  example: '4.5',
}
export const localeParam = (required = false, example = 'en-US'): EndpointParam =>
  q('locale', 'string', 'Locale of the texts and links, e.g. en-US', { required, example })
export const countryParam = (required = false): EndpointParam =>
  q('country', 'string', 'Two-letter country code, e.g. DK', { required, example: 'DK' })
export const skuParam = (required: boolean): EndpointParam =>
  q('sku', 'string', 'Product SKU; comma-separate or repeat for several', {
    required,
    repeatable: true,
    example: 'SKU-1001',
  })

/** A public endpoint on the API host: `apikey` header, no business user. */
export function publicEndpoint(
  entry: Omit<Endpoint, 'host' | 'auth' | 'businessUserHeader' | 'pathParams' | 'queryParams'> &
    Partial<Pick<Endpoint, 'pathParams' | 'queryParams'>>,
): Endpoint {
  return {
    host: 'api',
    auth: 'apikey',
    businessUserHeader: false,
    pathParams: [],
    queryParams: [],
    ...entry,
  }
}
