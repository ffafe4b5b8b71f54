/**
 * Deterministic demo data: a seeded PRNG and a fixed base date, so every start (and every
 * reset) produces exactly the same business unit, reviews, templates and products, and
 * tests can assert exact counts. No Math.random or Date.now in here.
 */
import type {
  BusinessUser,
  Conversation,
  Product,
  ProductReview,
  SandboxState,
  ServiceReview,
  Tag,
  Template,
} from './model'
import { createDirectorySeed, featureExampleConsumer } from './seed-directory'

/** All seeded timestamps lie before this instant. */
export const SEED_BASE_DATE = Date.UTC(2025, 0, 15, 12, 0, 0)
export const SEED_REVIEW_COUNT = 160
export const SEED_PRODUCT_REVIEW_COUNT = 48
export const BUSINESS_UNIT_DISPLAY_NAME = 'Sandbox Shop'
export const BUSINESS_UNIT_DOMAIN = 'sandbox-shop.example'
export const DEMO_USER_NAME = 'Demo User'

const DAY_MS = 86_400_000

/** mulberry32: small, fast, good enough for demo data. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 24 hex characters, like Trustpilot's ids. */
export function seededId(rand: () => number): string {
  let out = ''
  for (let i = 0; i < 24; i++) out += Math.floor(rand() * 16).toString(16)
  return out
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!
}

function weighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0)
  let r = rand() * total
  for (const [item, w] of items) {
    r -= w
    if (r < 0) return item
  }
  return items[items.length - 1]![0]
}

const STAR_WEIGHTS = [
  [5, 45],
  [4, 20],
  [3, 10],
  [2, 8],
  [1, 17],
] as const

const LANGUAGE_WEIGHTS = [
  ['en', 55],
  ['da', 15],
  ['de', 12],
  ['fr', 10],
  ['es', 8],
] as const

type Mood = 'good' | 'mixed' | 'bad'
const PHRASES: Record<string, Record<Mood, { titles: string[]; texts: string[] }>> = {
  en: {
    good: {
      titles: ['Great service', 'Fast delivery', 'Highly recommended', 'Will buy again'],
      texts: [
        'Ordered on Monday, arrived on Wednesday. Everything as described.',
        'Friendly support answered my question within the hour.',
        'Good prices and the checkout was painless.',
      ],
    },
    mixed: {
      titles: ['Okay overall', 'Decent, could be better'],
      texts: [
        'The product is fine but delivery took longer than promised.',
        'Support was helpful, the website less so.',
      ],
    },
    bad: {
      titles: ['Disappointed', 'Never arrived', 'Poor customer service'],
      texts: [
        'My parcel was lost and it took two weeks to get a refund.',
        'Nobody answered my emails about a broken item.',
      ],
    },
  },
  da: {
    good: {
      titles: ['Super service', 'Hurtig levering'],
      texts: ['Varen kom hurtigt og var som beskrevet.', 'Venlig og hjælpsom kundeservice.'],
    },
    mixed: {
      titles: ['Helt okay'],
      texts: ['Fin vare, men leveringen tog lang tid.'],
    },
    bad: {
      titles: ['Skuffet'],
      texts: ['Pakken kom aldrig frem, og ingen svarede.'],
    },
  },
  de: {
    good: {
      titles: ['Toller Service', 'Schnelle Lieferung'],
      texts: ['Alles bestens, gerne wieder.', 'Sehr freundlicher Kundendienst.'],
    },
    mixed: {
      titles: ['Ganz okay'],
      texts: ['Produkt gut, Versand etwas langsam.'],
    },
    bad: {
      titles: ['Enttäuscht'],
      texts: ['Bestellung kam beschädigt an, Rückerstattung dauerte Wochen.'],
    },
  },
  fr: {
    good: {
      titles: ['Excellent service', 'Livraison rapide'],
      texts: ['Commande reçue en deux jours, parfait.', 'Service client très aimable.'],
    },
    mixed: {
      titles: ['Correct'],
      texts: ['Bon produit, mais la livraison était lente.'],
    },
    bad: {
      titles: ['Déçu'],
      texts: ['Colis perdu et personne ne répond à mes messages.'],
    },
  },
  es: {
    good: {
      titles: ['Muy buen servicio', 'Entrega rápida'],
      texts: ['Todo perfecto, lo recomiendo.', 'Atención al cliente muy amable.'],
    },
    mixed: {
      titles: ['Aceptable'],
      texts: ['El producto bien, el envío tardó bastante.'],
    },
    bad: {
      titles: ['Decepcionado'],
      texts: ['El pedido nunca llegó.'],
    },
  },
}

const FIRST_NAMES = ['Anna', 'Lars', 'Sofie', 'Mikkel', 'Emma', 'Jonas', 'Clara', 'Lukas', 'Marie']
const LAST_INITIALS = ['H.', 'J.', 'K.', 'M.', 'N.', 'P.', 'S.', 'T.']
const CONSUMER_LOCATIONS = ['Copenhagen, DK', 'London, GB', 'Berlin, DE', 'Paris, FR', 'Madrid, ES']
const GENERIC_TAGS = ['delivery', 'customer-service', 'price', 'quality', 'returns']
const REPLY_TEXTS = [
  'Thank you for your feedback! We are glad you had a good experience.',
  'We are sorry to hear this. Please contact support@sandbox-shop.example so we can help.',
  'Thanks for taking the time to write a review.',
]

function moodFor(stars: number): Mood {
  return stars >= 4 ? 'good' : stars === 3 ? 'mixed' : 'bad'
}

export interface SeedIdentity {
  businessUnitId: string
  businessUserId: string
  username: string
}

/** Builds a fresh copy of the seeded state. Same input, same output. */
export function createSeedState(identity: SeedIdentity): SandboxState {
  const rand = createPrng(0x7a11_5eed)

  const locations = [
    { id: seededId(rand), name: 'Copenhagen store' },
    { id: seededId(rand), name: 'Aarhus store' },
  ]
  const businessUnit = {
    id: identity.businessUnitId,
    displayName: BUSINESS_UNIT_DISPLAY_NAME,
    identifyingName: BUSINESS_UNIT_DOMAIN,
    referringNames: [BUSINESS_UNIT_DOMAIN, `www.${BUSINESS_UNIT_DOMAIN}`],
    websiteUrl: `https://www.${BUSINESS_UNIT_DOMAIN}`,
    country: 'DK',
    locations,
  }
  const businessUsers: BusinessUser[] = [
    { id: identity.businessUserId, name: DEMO_USER_NAME, email: identity.username, role: 'Admin' },
  ]

  const reviews: ServiceReview[] = []
  for (let i = 0; i < SEED_REVIEW_COUNT; i++) {
    const stars = weighted(rand, STAR_WEIGHTS)
    const language = weighted(rand, LANGUAGE_WEIGHTS)
    const phrases = PHRASES[language]![moodFor(stars)]
    // Spread over about 18 months before the base date, at varied times of day.
    const createdMs =
      SEED_BASE_DATE - Math.floor(rand() * 540) * DAY_MS - Math.floor(rand() * DAY_MS)
    const inStore = rand() < 0.25
    const locationId = inStore ? pick(rand, locations).id : null
    const tags: Tag[] = []
    for (const value of GENERIC_TAGS) if (rand() < 0.22) tags.push({ group: 'generic', value })
    tags.push({ group: 'source', value: inStore ? 'store' : 'webshop' })
    const replied = rand() < (stars <= 2 ? 0.6 : 0.25)
    const replyAt = new Date(createdMs + Math.floor(rand() * 3 * DAY_MS)).toISOString()
    const reported = rand() < 0.05
    reviews.push({
      id: seededId(rand),
      consumer: {
        id: seededId(rand),
        displayName: `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_INITIALS)}`,
        displayLocation: pick(rand, CONSUMER_LOCATIONS),
        numberOfReviews: 1 + Math.floor(rand() * 12),
      },
      stars,
      title: pick(rand, phrases.titles),
      text: pick(rand, phrases.texts),
      language,
      createdAt: new Date(createdMs).toISOString(),
      experiencedAt: new Date(createdMs - Math.floor(rand() * 10) * DAY_MS).toISOString(),
      updatedAt: null,
      isVerified: rand() < 0.7,
      referenceId: `ORDER-${10001 + i}`,
      referralEmail: `customer${String(i + 1).padStart(3, '0')}@example.com`,
      locationId,
      companyReply: replied
        ? {
            text: pick(rand, REPLY_TEXTS),
            authorBusinessUserId: identity.businessUserId,
            authorBusinessUserName: DEMO_USER_NAME,
            createdAt: replyAt,
            updatedAt: null,
          }
        : null,
      tags,
      reportData: reported
        ? { reason: 'contains_personal_information', reportedAt: replyAt }
        : null,
      findReviewerRequests: [],
    })
  }
  reviews.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))

  const templates: Template[] = [
    {
      name: 'Default service review invitation',
      locale: 'en-US',
      isDefault: true,
      type: 'ServiceReview',
    },
    {
      name: 'Standard invitation (Danish)',
      locale: 'da-DK',
      isDefault: false,
      type: 'ServiceReview',
    },
    {
      name: 'Standard invitation (German)',
      locale: 'de-DE',
      isDefault: false,
      type: 'ServiceReview',
    },
    { name: 'Product review invitation', locale: 'en-US', isDefault: false, type: 'ProductReview' },
  ].map((t) => ({
    id: seededId(rand),
    name: t.name,
    isDefaultTemplate: t.isDefault,
    locale: t.locale,
    type: t.type,
  }))

  const productNames = [
    'Trail Running Shoe',
    'Waterproof Jacket',
    'Merino Wool Socks',
    'Insulated Water Bottle',
    'Hiking Backpack 30L',
    'Headlamp 400lm',
    'Camping Mug',
    'Trekking Poles',
  ]
  const products: Product[] = productNames.map((name, i) => {
    const sku = `SKU-${String(1001 + i)}`
    return {
      id: seededId(rand),
      sku,
      name,
      link: `https://www.${BUSINESS_UNIT_DOMAIN}/products/${sku.toLowerCase()}`,
      imageLink: `https://www.${BUSINESS_UNIT_DOMAIN}/images/${sku.toLowerCase()}.jpg`,
      price: (19 + i * 12.5).toFixed(2),
      currency: 'EUR',
      gtin: String(5_701_234_000_000 + i * 7),
      mpn: `MPN-${String(7001 + i)}`,
      brand: 'Sandbox Outdoor',
    }
  })

  const productLocales = [
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['da-DK', 'da'],
    ['de-DE', 'de'],
  ] as const
  const productTexts = [
    'Exactly what I needed.',
    'Good quality for the price.',
    'Broke after a month.',
    'Comfortable and light.',
  ]
  const productReviews: ProductReview[] = []
  for (let i = 0; i < SEED_PRODUCT_REVIEW_COUNT; i++) {
    const [locale, language] = pick(rand, productLocales)
    const createdMs =
      SEED_BASE_DATE - Math.floor(rand() * 365) * DAY_MS - Math.floor(rand() * DAY_MS)
    productReviews.push({
      id: seededId(rand),
      createdAt: new Date(createdMs).toISOString(),
      stars: weighted(rand, STAR_WEIGHTS),
      content: pick(rand, productTexts),
      sku: products[i % products.length]!.sku,
      consumer: {
        id: seededId(rand),
        email: `buyer${String(i + 1).padStart(3, '0')}@example.com`,
        name: `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_INITIALS)}`,
      },
      referenceId: `ORDER-${20001 + i}`,
      locale,
      language,
      state: weighted(rand, [
        ['published', 80],
        ['unpublished', 12],
        ['archived', 8],
      ] as const),
      conversationId: null,
    })
  }
  productReviews.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))

  // Two product reviews already have a conversation with the consumer.
  const conversations: Conversation[] = []
  for (const review of productReviews.slice(0, 2)) {
    const conversation: Conversation = {
      id: seededId(rand),
      state: 'Open',
      visibility: conversations.length === 0 ? 'public' : 'private',
      createdAt: review.createdAt,
      source: { type: 'ProductReview', id: review.id },
      comments: [
        {
          id: seededId(rand),
          content: 'Could you tell me more about what went wrong?',
          integrationId: null,
          author: { id: identity.businessUserId, type: 'BusinessUser', name: DEMO_USER_NAME },
          createdAt: review.createdAt,
        },
        {
          id: seededId(rand),
          content: 'Sure, the zip broke on the second day.',
          integrationId: null,
          author: { id: review.consumer.id, type: 'Consumer', name: review.consumer.name },
          createdAt: review.createdAt,
        },
      ],
    }
    review.conversationId = conversation.id
    conversations.push(conversation)
  }

  featureExampleConsumer(reviews)
  const directory = createDirectorySeed(products.map((p) => p.sku))
  return {
    businessUnit,
    ...directory,
    businessUsers,
    reviews,
    templates,
    products,
    productReviews,
    conversations,
    invitations: [],
    invitationLinks: [],
    productInvitationLinks: [],
    invitationDataDeletions: [],
  }
}
