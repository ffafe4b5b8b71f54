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
const COUNTRIES = [
  ['DK', 'Denmark'],
  ['DE', 'Germany'],
  ['ES', 'Spain'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['SE', 'Sweden'],
  ['US', 'United States'],
] as const

const image = (path: string, width: number, height: number) => ({
  url: `${CDN}/${path}`,
  width,
  height,
})

function starsParam(req: SandboxRequest): number {
  const raw = req.params['stars']!
  const stars = Number(raw)
  if (!/^\d$/.test(raw) || stars > 5) {
    fail(
      messageError(400, 'Validation failed', [`stars must be an integer from 0 to 5 (got ${raw})`]),
    )
  }
  return stars
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
        return json(200, { stars, locale, string: words[stars] })
      }),
    ),
    route(
      'GET',
      '/v1/resources/metadata/countries',
      keyed((req) => {
        localeQuery(req.query, false)
        return json(200, { countries: COUNTRIES.map(([code, name]) => ({ code, name })) })
      }),
    ),
  ]
}
