/** Public resource endpoints: images, star images and words, countries. Need the `apikey` header. */
import { requireApiKeyHeader } from './api-helpers'
import type { SandboxContext } from './context'
import { fail, json, messageError } from './http-util'
import type { SandboxRequest, SandboxResponse } from './http-util'
import { localeQuery } from './public-helpers'
import { route } from './router'
import type { Route } from './router'

const CDN = 'https://cdn.trustpilot.net/brand-assets'
const STAR_WORDS: Record<string, readonly string[]> = {
  en: ['Not rated', 'Bad', 'Poor', 'Average', 'Great', 'Excellent'],
  da: ['Ikke bedømt', 'Dårlig', 'Ringe', 'Gennemsnitlig', 'God', 'Fremragende'],
  de: ['Nicht bewertet', 'Ungenügend', 'Mangelhaft', 'Befriedigend', 'Gut', 'Hervorragend'],
}
/** [country, English name, locale, Danish name]: the `translatedName` demo has two languages. */
const COUNTRIES = [
  ['DK', 'Denmark', 'da-DK', 'Danmark'],
  ['DE', 'Germany', 'de-DE', 'Tyskland'],
  ['ES', 'Spain', 'es-ES', 'Spanien'],
  ['FR', 'France', 'fr-FR', 'Frankrig'],
  ['GB', 'United Kingdom', 'en-GB', 'Storbritannien'],
  ['SE', 'Sweden', 'sv-SE', 'Sverige'],
  ['US', 'United States', 'en-US', 'USA'],
] as const
const STAR_VALUES = ['0', '1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5']

const image = (path: string, width: number, height: number) => ({
  url: `${CDN}/${path}`,
  width,
  height,
})

function starsParam(req: SandboxRequest): number {
  const raw = req.params['stars']!
  if (!STAR_VALUES.includes(raw)) {
    fail(
      messageError(400, 'Validation failed', [
        `stars must be one of ${STAR_VALUES.join(', ')} (got ${raw})`,
      ]),
    )
  }
  return Number(raw)
}

export function publicResourceRoutes(ctx: SandboxContext): Route[] {
  const keyed =
    (handler: (req: SandboxRequest) => SandboxResponse) =>
    (req: SandboxRequest): SandboxResponse => {
      requireApiKeyHeader(ctx, req)
      return handler(req)
    }
  const base = () => `${ctx.origins.api}/v1/resources/images`

  return [
    route(
      'GET',
      '/v1/resources/images',
      keyed(() =>
        json(200, {
          links: [
            { href: `${base()}/logos`, method: 'GET', rel: 'resources-images-logos' },
            { href: `${base()}/icons`, method: 'GET', rel: 'resources-images-icons' },
            ...[0, 1, 2, 3, 4, 5].map((s) => ({
              href: `${base()}/stars/${s}`,
              method: 'GET',
              rel: 'resources-images-stars',
            })),
          ],
        }),
      ),
    ),
    route(
      'GET',
      '/v1/resources/images/icons',
      keyed(() =>
        json(200, {
          star: image('icons/star.svg', 64, 64),
          starOutline: image('icons/star-outline.svg', 64, 64),
        }),
      ),
    ),
    route(
      'GET',
      '/v1/resources/images/logos',
      keyed(() =>
        json(200, {
          standard: image('logos/logo-black.svg', 280, 68),
          inverted: image('logos/logo-white.svg', 280, 68),
        }),
      ),
    ),
    route(
      'GET',
      '/v1/resources/images/stars/:stars',
      keyed((req) => {
        const stars = starsParam(req)
        return json(200, {
          stars,
          star128x24: image(`stars/stars-${stars}-128x24.png`, 128, 24),
          star256x48: image(`stars/stars-${stars}-256x48.png`, 256, 48),
          star512x96: image(`stars/stars-${stars}-512x96.png`, 512, 96),
          starSvg: image(`stars/stars-${stars}.svg`, 251, 46),
        })
      }),
    ),
    route(
      'GET',
      '/v1/resources/strings/stars/:stars',
      keyed((req) => {
        const stars = starsParam(req)
        const locale = localeQuery(req.query, false)
        const words = STAR_WORDS[locale.slice(0, 2)] ?? STAR_WORDS['en']!
        // Half stars take the word of the whole star below (4.5 is still "Great").
        return json(200, { stars, locale, string: words[Math.floor(stars)] })
      }),
    ),
    route(
      'GET',
      '/v1/resources/metadata/countries',
      keyed((req) => {
        const danish = localeQuery(req.query, false).startsWith('da')
        return json(200, {
          countries: COUNTRIES.map(([country, englishName, locale, danishName], i) => ({
            countryId: String(i + 1),
            country,
            englishName,
            locale,
            translatedName: danish ? danishName : englishName,
          })),
        })
      }),
    ),
  ]
}
