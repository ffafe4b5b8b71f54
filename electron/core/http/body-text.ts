/**
 * Reading a response body of any size without a step that touches all of it: its pieces, its
 * length and its first characters come from the pieces `readText` kept; only a caller that asks
 * for `bodyText` gets the joined whole. Responses built by hand (tests, doubles) have only
 * `bodyText`, which counts as a single piece.
 */
import type { HttpResponse } from './types'

type Body = Pick<HttpResponse, 'bodyText' | 'bodyPieces' | 'bodySize' | 'bodyBytes'>

/**
 * Defines `bodyText` on `target` as made by `make` on first read, then kept: a large body is
 * joined (or decoded) only if some caller really needs it whole.
 */
export function withLazyBodyText<T extends object>(target: T, make: () => string): T & Body {
  let text: string | undefined
  return Object.defineProperty(target, 'bodyText', {
    enumerable: true,
    configurable: true,
    get: () => (text ??= make()),
    set: (value: string) => void (text = value),
  }) as T & Body
}

/** The text as pieces, in order. */
export function textPieces(r: Body): readonly string[] {
  return r.bodyPieces ?? [r.bodyText]
}

/** Characters of the text. */
export function textLength(r: Body): number {
  if (!r.bodyPieces) return r.bodyText.length
  let n = 0
  for (const piece of r.bodyPieces) n += piece.length
  return n
}

/** The first `max` characters of the text. */
export function textHead(r: Body, max: number): string {
  if (!r.bodyPieces) return r.bodyText.slice(0, max)
  let out = ''
  for (const piece of r.bodyPieces) {
    if (out.length >= max) break
    out += piece.slice(0, max - out.length)
  }
  return out
}

/** The body's size in bytes as received. */
export function bodySizeOf(r: Body): number {
  return r.bodyBytes?.length ?? r.bodySize ?? Buffer.byteLength(r.bodyText)
}

/**
 * The first character of the text that is not white space, '' when there is none (or no text):
 * enough to tell a JSON-looking body without reading all of it.
 */
export function firstNonSpace(r: Body): string {
  for (const piece of textPieces(r)) {
    const at = piece.search(/\S/)
    if (at >= 0) return piece[at]!
  }
  return ''
}
