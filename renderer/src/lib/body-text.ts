/**
 * The viewer's text of one response body, built piece by piece as slices arrive: JSON
 * pretty-printed (pretty mode), very long lines broken for display, and a case-insensitive search
 * over everything built so far. Pure (no DOM): it runs in the body worker, or in-process where no
 * worker exists (component tests).
 */
import { JsonFormatter } from '../../../electron/shared/json-format'

/**
 * Display lines are at most this long: the editor lays out whole lines, and a screen of very long
 * ones (raw minified JSON) is slow to draw while scrolling.
 */
export const LINE_BREAK_AT = 1_000
/** Match positions returned at most (the count is always complete). */
export const MAX_MATCH_POSITIONS = 100_000

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
        const cut = safeCut(text, i, i + (this.max - this.column))
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

/** How far back from the limit a break looks for a comma or a space. */
const BREAK_LOOKBACK = 200

/**
 * Where to break a long line at or before `limit`: just after the last comma or space within
 * BREAK_LOOKBACK characters, so words and values (and a search for them) are rarely cut in two.
 */
function safeCut(text: string, from: number, limit: number): number {
  const floor = Math.max(from + 1, limit - BREAK_LOOKBACK)
  for (let k = limit - 1; k >= floor; k--) {
    const c = text.charCodeAt(k)
    if (c === 0x2c || c === 0x20) return k + 1
  }
  return limit
}

export type BodyTextMode = 'pretty' | 'raw'

export interface SearchResult {
  query: string
  /** Every match in the text built so far. */
  count: number
  /** Start offsets of the first MAX_MATCH_POSITIONS matches. */
  positions: number[]
}

export class BodyText {
  private formatter: JsonFormatter | null
  private readonly breaker = new LineBreaker()
  private readonly pieces: string[] = []
  private lower: string | null = null

  constructor(mode: BodyTextMode) {
    this.formatter = mode === 'pretty' ? new JsonFormatter() : null
  }

  /** The display text for the next slice of the body (appended to what the viewer shows). */
  feed(slice: string): string {
    const text = this.breaker.feed(this.formatter ? this.formatter.feed(slice) : slice)
    this.add(text)
    return text
  }

  /** The last display text, and why the JSON is not valid (pretty mode), if it is not. */
  end(): { text: string; problem: string | null } {
    const text = this.formatter ? this.breaker.feed(this.formatter.end()) : ''
    this.add(text)
    return { text, problem: this.formatter?.problem ?? null }
  }

  search(query: string): SearchResult {
    const q = query.toLowerCase()
    const positions: number[] = []
    let count = 0
    if (q) {
      this.lower ??= this.pieces.join('').toLowerCase()
      for (let at = this.lower.indexOf(q); at >= 0; at = this.lower.indexOf(q, at + q.length)) {
        if (count++ < MAX_MATCH_POSITIONS) positions.push(at)
      }
    }
    return { query, count, positions }
  }

  private add(text: string): void {
    if (!text) return
    this.pieces.push(text)
    this.lower = null
  }
}
