/**
 * Loads a response body that main keeps (`http:body` slices) into a sink, first screen first:
 * a small first slice so something shows at once, then larger slices, the next one requested
 * while the sink handles the current one. The sink turns slices into display text (the body
 * worker formats them); Copy and Save use main's text.
 */
import type { BodySlice, BodyView } from '../../../electron/shared/workbench'
import { client, unwrap } from '../api/client'

export { LINE_BREAK_AT, LineBreaker } from './body-text'

export const FIRST_SLICE_CHARS = 48 * 1024
/** Later slices: small enough that receiving one never holds the main thread for long. */
export const SLICE_CHARS = 1024 * 1024

export interface BodySink {
  /** The first slice: replaces whatever was shown. */
  start(text: string, total: number): Promise<void> | void
  append(text: string, loaded: number, total: number): Promise<void> | void
  done(total: number): Promise<void> | void
}

/** Runs until done or until `cancelled()` says the viewer moved on. */
export async function loadBody(
  responseId: string,
  view: BodyView,
  sink: BodySink,
  cancelled: () => boolean,
  options: { firstSlice?: number; slice?: number; limit?: number } = {},
): Promise<void> {
  const fetchSlice = async (offset: number, length: number): Promise<BodySlice> =>
    unwrap(await client().httpBody({ responseId, view, offset, length }))
  const first = await fetchSlice(0, options.firstSlice ?? FIRST_SLICE_CHARS)
  if (cancelled()) return
  const limit = Math.min(first.total, options.limit ?? Infinity)
  let offset = first.text.length
  let done = first.done || offset >= limit
  const request = () => fetchSlice(offset, Math.min(options.slice ?? SLICE_CHARS, limit - offset))
  let next = done ? null : request()
  await sink.start(first.text, first.total)
  while (next) {
    const slice = await next
    if (cancelled()) return
    offset += slice.text.length
    done = slice.done || slice.text.length === 0 || offset >= limit
    next = done ? null : request()
    await sink.append(slice.text, offset, slice.total)
    if (cancelled()) {
      next?.catch(() => undefined) // nobody waits for it any more
      return
    }
  }
  await sink.done(first.total)
}
