/**
 * Deterministic seed data for the public directory endpoints: other business units,
 * categories, imported product reviews and attribute ratings, plus one consumer with several
 * reviews. A PRNG of its own, so the older seed data keeps its exact values.
 */
import { EXAMPLE_CONSUMER_ID } from '../shared/catalogue/model'
import type {
  Category,
  DirectoryBusinessUnit,
  ImportedProductReview,
  ProductAttributeRating,
  ServiceReview,
} from './model'

const DAY_MS = 86_400_000
const BASE = Date.UTC(2025, 0, 10, 9, 0, 0)

export const SEED_CATEGORIES: readonly Category[] = [
  { id: 'shopping_fashion', displayName: 'Shopping & Fashion', parentId: null },
  { id: 'sports', displayName: 'Sports', parentId: null },
  { id: 'outdoor_store', displayName: 'Outdoor Store', parentId: 'sports' },
  { id: 'sporting_goods_store', displayName: 'Sporting Goods Store', parentId: 'sports' },
  { id: 'clothing_store', displayName: 'Clothing Store', parentId: 'shopping_fashion' },
  { id: 'shoe_store', displayName: 'Shoe Store', parentId: 'shopping_fashion' },
]

/** Fixed ids, readable in tests and docs: `d1...` directory business units. */
const DIRECTORY: readonly Omit<DirectoryBusinessUnit, 'id'>[] = [
  {
    displayName: 'Fjord Outdoor',
    domain: 'fjord-outdoor.example',
    country: 'DK',
    categoryIds: ['outdoor_store'],
    trustScore: 4.6,
    numberOfReviews: 1240,
  },
  {
    displayName: 'Summit Gear',
    domain: 'summit-gear.example',
    country: 'DK',
    categoryIds: ['outdoor_store', 'sporting_goods_store'],
    trustScore: 4.1,
    numberOfReviews: 388,
  },
  {
    displayName: 'Nordic Runners',
    domain: 'nordic-runners.example',
    country: 'SE',
    categoryIds: ['shoe_store', 'sporting_goods_store'],
    trustScore: 3.8,
    numberOfReviews: 97,
  },
  {
    displayName: 'Coastline Clothing',
    domain: 'coastline-clothing.example',
    country: 'GB',
    categoryIds: ['clothing_store'],
    trustScore: 2.9,
    numberOfReviews: 2210,
  },
  {
    displayName: 'Peak Outdoor Outlet',
    domain: 'peak-outdoor.example',
    country: 'GB',
    categoryIds: ['outdoor_store'],
    trustScore: 4.3,
    numberOfReviews: 560,
  },
]

const IMPORTED_TEXTS = [
  'Bought it in store, very happy with it.',
  'Good value, a bit small.',
  'Arrived late but works well.',
  'Would recommend to friends.',
]
const ATTRIBUTES = [
  ['fit', 'Fit'],
  ['quality', 'Quality'],
  ['value', 'Value for money'],
] as const

export interface DirectorySeed {
  businessUnitCategoryIds: string[]
  directory: DirectoryBusinessUnit[]
  categories: Category[]
  importedProductReviews: ImportedProductReview[]
  attributeRatings: ProductAttributeRating[]
}

export function createDirectorySeed(skus: readonly string[]): DirectorySeed {
  const directory = DIRECTORY.map((bu, i) => ({
    ...bu,
    id: `d1d1d1d1d1d1d1d1d1d1d1${String(i + 1).padStart(2, '0')}`,
    categoryIds: [...bu.categoryIds],
  }))
  const importedProductReviews: ImportedProductReview[] = []
  skus.slice(0, 4).forEach((sku, s) => {
    for (let i = 0; i < 3; i++) {
      const n = s * 3 + i
      importedProductReviews.push({
        id: `1a1a1a1a1a1a1a1a1a1a1a${String(n + 1).padStart(2, '0')}`,
        sku,
        stars: 5 - ((n * 2) % 4),
        content: IMPORTED_TEXTS[n % IMPORTED_TEXTS.length]!,
        language: n % 3 === 0 ? 'da' : 'en',
        createdAt: new Date(BASE - n * 9 * DAY_MS).toISOString(),
        consumerName: `Imported buyer ${n + 1}`,
        source: n % 2 === 0 ? 'Store survey' : 'Previous review platform',
      })
    }
  })
  const attributeRatings: ProductAttributeRating[] = skus.slice(0, 4).flatMap((sku, s) =>
    ATTRIBUTES.map(([attributeId, attributeName], a) => ({
      sku,
      attributeId,
      attributeName,
      rating: 3 + ((s + a) % 3) * 0.5,
    })),
  )
  return {
    businessUnitCategoryIds: ['outdoor_store', 'sporting_goods_store'],
    directory,
    categories: SEED_CATEGORIES.map((c) => ({ ...c })),
    importedProductReviews,
    attributeRatings,
  }
}

/** Every 20th service review is by the same consumer, so consumer endpoints have a rich example. */
export function featureExampleConsumer(reviews: ServiceReview[]): void {
  const theirs = reviews.filter((_, i) => i % 20 === 0)
  for (const review of theirs) {
    review.consumer = {
      id: EXAMPLE_CONSUMER_ID,
      displayName: 'Astrid N',
      displayLocation: 'Aarhus, DK',
      numberOfReviews: theirs.length,
    }
  }
}
