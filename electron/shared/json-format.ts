/**
 * Pretty-prints JSON text piece by piece, so a body of any size is formatted in small steps (main
 * yields between them; the renderer does it in a worker) instead of one JSON.parse + stringify.
 * For valid JSON the result equals `JSON.stringify(JSON.parse(text), null, 2)` except that numbers
 * and string escapes stay exactly as the server sent them. Nothing is parsed into values.
 */

const SPACE = 0x20
const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

export class JsonFormatter {
  private depth = 0
  private inString = false
  /** The piece ended right after a backslash inside a string. */
  private escaped = false
  /** An opening bracket was written; its newline waits to see whether the container is empty. */
  private open = false
  /** The top-level container has closed (anything but whitespace after it is a mistake). */
  private closed = false
  /** The closers expected, innermost last ('}' or ']'). */
  private readonly closers: number[] = []
  private readonly indents: string[] = ['\n']
  /** Set at the first structural mistake seen (brackets that do not match, text after the end). */
  problem: string | null = null

  private indent(depth: number): string {
    while (this.indents.length <= depth) this.indents.push(`${this.indents.at(-1)!}  `)
    return this.indents[depth]!
  }

  /**
   * The pretty text for `text`, the next piece of the document. Text between structural
   * characters (strings, numbers, words) is copied in one slice; strings are skipped with
   * indexOf, so their content costs no per-character work here.
   */
  feed(text: string): string {
    // Parts joined once at the end: one flat string, not a rope of thousands of small slices
    // (which costs the garbage collector far more on a large body).
    const out: string[] = []
    let run = 0
    let i = 0
    const n = text.length
    let quote = -2 // next quote at or after i, once searched (-1: none in this piece)
    let slash = -2
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false
          i++
          continue
        }
        if (quote !== -1 && quote < i) quote = text.indexOf('"', i)
        if (slash !== -1 && slash < i) slash = text.indexOf('\\', i)
        if (slash >= 0 && (quote < 0 || slash < quote)) {
          this.escaped = true
          i = slash + 1
        } else if (quote < 0) i = n
        else {
          this.inString = false
          i = quote + 1
        }
        continue
      }
      const c = text.charCodeAt(i)
      if (c === SPACE || c === LF || c === CR || c === TAB) {
        out.push(text.slice(run, i))
        run = ++i
        continue
      }
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        out.push(text.slice(run, i), this.close(c))
        run = ++i
        continue
      }
      // Any other character begins or continues a value, or separates values.
      if (this.open) {
        out.push(text.slice(run, i), this.indent(this.depth))
        run = i
        this.open = false
      } else if (this.closed) this.problem ??= 'there is more text after the JSON value'
      if (c === QUOTE) {
        this.inString = true
        i++
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        out.push(text.slice(run, i + 1))
        this.closers.push(c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)
        this.depth++
        this.open = true
        run = ++i
      } else if (c === COMMA) {
        out.push(text.slice(run, i), ',', this.indent(this.depth))
        run = ++i
      } else if (c === COLON) {
        out.push(text.slice(run, i), ': ')
        run = ++i
      } else i++
    }
    out.push(text.slice(run, n))
    return out.join('')
  }

  /** Call once after the last piece: anything left open makes the text invalid. */
  end(): string {
    if (this.inString) this.problem ??= 'the text ends inside a string'
    else if (this.depth > 0) this.problem ??= 'the text ends before every bracket is closed'
    if (!this.open) return ''
    this.open = false
    return this.indent(this.depth)
  }

  private close(c: number): string {
    const expected = this.closers.pop()
    if (expected !== c) this.problem ??= 'a closing bracket does not match its opening one'
    this.depth = Math.max(0, this.depth - 1)
    if (this.depth === 0) this.closed = true
    const closer = c === CLOSE_BRACE ? '}' : ']'
    if (this.open) {
      this.open = false
      return closer
    }
    return this.indent(this.depth) + closer
  }
}

/** The whole text at once (small bodies); `null` when it is not valid JSON. */
export function prettyJson(text: string): string | null {
  try {
    JSON.parse(text)
  } catch {
    return null
  }
  const f = new JsonFormatter()
  return f.feed(text) + f.end()
}
