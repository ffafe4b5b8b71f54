/** Shapes of the sandbox's in-memory state (the demo business unit and what was written). */

export interface Tag {
  group: string
  value: string
}

export interface BusinessUser {
  id: string
  name: string
  email: string
  role: 'Admin' | 'Manager' | 'Member'
}

export interface BusinessUnit {
  id: string
  displayName: string
  identifyingName: string
  referringNames: string[]
  websiteUrl: string
  country: string
  locations: { id: string; name: string }[]
}

export interface CompanyReply {
  text: string
  authorBusinessUserId: string
  authorBusinessUserName: string
  createdAt: string
  updatedAt: string | null
}

export interface FindReviewerRequest {
  id: string
  message: string
  skipNotificationEmailToBusinessUser: boolean
  businessUserId: string | null
  createdAt: string
}

export interface ServiceReview {
  id: string
  consumer: { id: string; displayName: string; displayLocation: string; numberOfReviews: number }
  stars: number
  title: string
  text: string
  language: string
  createdAt: string
  experiencedAt: string
  updatedAt: string | null
  isVerified: boolean
  referenceId: string
  referralEmail: string
  locationId: string | null
  companyReply: CompanyReply | null
  tags: Tag[]
  reportData: { reason: string; reportedAt: string } | null
  findReviewerRequests: FindReviewerRequest[]
}

export interface Template {
  id: string
  name: string
  isDefaultTemplate: boolean
  locale: string
  type: string
}

export interface Product {
  id: string
  sku: string
  name: string
  link: string
  imageLink: string
  price: string
  currency: string
  gtin: string
  mpn: string
  brand: string
}

export interface ProductReview {
  id: string
  createdAt: string
  stars: number
  content: string
  sku: string
  consumer: { id: string; email: string; name: string }
  referenceId: string
  locale: string
  language: string
  state: 'published' | 'unpublished' | 'archived'
  conversationId: string | null
}

export interface ConversationComment {
  id: string
  content: string
  integrationId: string | null
  author: { id: string; type: 'Consumer' | 'BusinessUser'; name: string }
  createdAt: string
  /** Set when the business edits its comment. */
  updatedAt?: string
  updatedBy?: string
}

export interface Conversation {
  id: string
  state: 'Open' | 'Closed'
  /** Set with the conversation-state endpoint; only public ones are served without a token. */
  visibility: 'public' | 'private'
  createdAt: string
  source: { type: 'ProductReview'; id: string }
  comments: ConversationComment[]
}

export interface RecordedInvitation {
  id: string
  businessUserId: string | null
  receivedAt: string
  body: Record<string, unknown>
}

export interface RecordedInvitationLink {
  id: string
  url: string
  receivedAt: string
  body: Record<string, unknown>
}

export interface RecordedDeletion {
  id: string
  receivedAt: string
  customerEmails: string[] | null
  deleteOlderThan: string | null
  deletedInvitations: number
  deletedInvitationLinks: number
}

/** Other business units, known to the public directory endpoints only. */
export interface DirectoryBusinessUnit {
  id: string
  displayName: string
  domain: string
  country: string
  categoryIds: string[]
  trustScore: number
  numberOfReviews: number
}

export interface Category {
  id: string
  displayName: string
  parentId: string | null
}

export interface ImportedProductReview {
  id: string
  sku: string
  stars: number
  content: string
  language: string
  createdAt: string
  consumerName: string
  source: string
}

export interface ProductAttributeRating {
  sku: string
  attributeId: string
  attributeName: string
  rating: number
}

export interface SandboxState {
  businessUnit: BusinessUnit
  /** The main business unit's categories (ids into `categories`). */
  businessUnitCategoryIds: string[]
  directory: DirectoryBusinessUnit[]
  categories: Category[]
  importedProductReviews: ImportedProductReview[]
  attributeRatings: ProductAttributeRating[]
  businessUsers: BusinessUser[]
  reviews: ServiceReview[]
  templates: Template[]
  products: Product[]
  productReviews: ProductReview[]
  conversations: Conversation[]
  invitations: RecordedInvitation[]
  invitationLinks: RecordedInvitationLink[]
  productInvitationLinks: RecordedInvitationLink[]
  invitationDataDeletions: RecordedDeletion[]
}
