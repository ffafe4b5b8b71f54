/**
 * Stage 4 of a send, keep: the response body goes into the body store (main keeps bodies; the
 * renderer reads them in slices), classified for the viewer.
 */
import { LARGE_BODY_LIMIT, type BodyKind } from '../../../shared/workbench'
import { bodySizeOf, firstNonSpace, textLength, textPieces } from '../../http/body-text'
import type { HttpResponse } from '../../http/types'
import type { BodyStore } from '../body-store'

export interface Kept {
  responseId: string
  contentType: string
  kind: BodyKind
  size: number
  large: boolean
}

export function classifyBody(contentType: string, text: string, binary: boolean): BodyKind {
  const ct = contentType.toLowerCase()
  if (text === '' && !binary) return 'empty'
  if (/[/+]json\b/.test(ct)) return 'json'
  if (ct.includes('html')) return 'html'
  if (binary) return 'binary'
  if (ct === '' && /^\s*[[{]/.test(text)) return 'json'
  return 'text'
}

/**
 * What `classifyBody` needs of a body without reading all of it: '' for an empty body, otherwise
 * its first non-space character (a space when it is all white space).
 */
function classifyProbe(response: HttpResponse): string {
  if (textLength(response) === 0) return ''
  return firstNonSpace(response) || ' '
}

/** The text the store keeps: none for a binary body (it keeps the bytes), pieces otherwise. */
function keptText(response: HttpResponse, kind: BodyKind): readonly string[] {
  if (kind === 'binary') return []
  return response.bodyBytes ? [response.bodyText] : textPieces(response)
}

export function keep(bodies: BodyStore, response: HttpResponse, responseId: string): Kept {
  const contentType = response.headers['content-type'] ?? ''
  const binary = response.bodyBytes !== undefined
  const size = bodySizeOf(response)
  const kind = classifyBody(contentType, binary ? '' : classifyProbe(response), binary)
  bodies.put(responseId, {
    text: keptText(response, kind),
    ...(response.bodyBytes ? { bytes: response.bodyBytes } : {}),
    size,
    kind,
    contentType,
  })
  return { responseId, contentType, kind, size, large: size > LARGE_BODY_LIMIT }
}
