/**
 * Stage 4 of a send, keep: the response body goes into the body store (main keeps bodies; the
 * renderer reads them in slices), classified for the viewer.
 */
import { LARGE_BODY_LIMIT, type BodyKind } from '../../../shared/workbench'
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

export function keep(bodies: BodyStore, response: HttpResponse, responseId: string): Kept {
  const contentType = response.headers['content-type'] ?? ''
  const kind = classifyBody(contentType, response.bodyText, response.bodyBytes !== undefined)
  const size = response.bodyBytes?.length ?? Buffer.byteLength(response.bodyText)
  bodies.put(responseId, {
    text: response.bodyText,
    ...(response.bodyBytes ? { bytes: response.bodyBytes } : {}),
    size,
    kind,
    contentType,
  })
  return { responseId, contentType, kind, size, large: size > LARGE_BODY_LIMIT }
}
