/**
 * Loads a response body that main keeps (`http:body` slices) into a sink, first screen first:
 * a small first slice so something shows at once, then big slices appended until done. Very long
 * lines (minified JSON, a single-line raw body) are broken for display every LINE_BREAK_AT
 * characters so the viewer never lays out one enormous line; Copy and Save use main's text.
 */
import type { BodyView } from '../../../electron/shared/workbench'
import { MAX_SLICE_CHARS } from '../../../electron/shared/workbench-limits'
import { client, unwrap } from '../api/client'

export const FIRST_SLICE_CHARS = 48 * 1024
export const LINE_BREAK_AT = 5_000

export interface BodySink {
  /** The first text: replaces whatever was shown. */
  start(text: string, total: number): void
  append(text: string, loaded: number, total: number): void
  done(total: number): void
}

/** Breaks lines longer than `max` for display; keeps its column across calls. */
export class LineBreaker {
  private column = 0
  constructor(private readonly max = LINE_BREAK_AT) {}

  feed(text: string): string {
    let out = ''
    let from = 0
    while (from < text.length) {
      const nl = text.indexOf('\n', from)
      const end = nl < 0 ? text.length : nl
      // Take at most what fits on the current display line.
      let i = from
      while (end - i > this.max - this.column) {
        const cut = i + (this.max - this.column)
        out += text.slice(i, cut) + '\n'
        i = cut
        this.column = 0
      }
      out += text.slice(i, end)
      this.column += end - i
      if (nl >= 0) {
        out += '\n'
        this.column = 0
        from = nl + 1
      } else from = end
    }
    return out
  }
}

/** Runs until done or until `cancelled()` says the viewer moved on. */
export async function loadBody(
  responseId: string,
  view: BodyView,
  sink: BodySink,
  cancelled: () => boolean,
  options: { firstSlice?: number; slice?: number; limit?: number } = {},
): Promise<void> {
  const breaker = new LineBreaker()
  const first = unwrap(
    await client().httpBody({
      responseId,
      view,
      offset: 0,
      length: options.firstSlice ?? FIRST_SLICE_CHARS,
    }),
  )
  if (cancelled()) return
  const limit = Math.min(first.total, options.limit ?? Infinity)
  sink.start(breaker.feed(first.text), first.total)
  let offset = first.text.length
  let done = first.done || offset >= limit
  while (!done) {
    const length = Math.min(options.slice ?? MAX_SLICE_CHARS, limit - offset)
    const next = unwrap(await client().httpBody({ responseId, view, offset, length }))
    if (cancelled()) return
    offset += next.text.length
    sink.append(breaker.feed(next.text), offset, next.total)
    done = next.done || next.text.length === 0 || offset >= limit
  }
  sink.done(first.total)
}
