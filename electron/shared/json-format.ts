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
  private escaped = false
  /** An opening bracket was written; its newline waits to see whether the container is empty. */
  private open = false
  /** A top-level value has begun (a second one is a mistake). */
  private started = false
  /** The closers expected, innermost last ('}' or ']'). */
  private closers: number[] = []
  private readonly indents: string[] = ['\n']
  /** Set at the first structural mistake seen (brackets that do not match, text after the end). */
  problem: string | null = null
  private out: string[] = []

  private indent(depth: number): string {
    while (this.indents.length <= depth) this.indents.push(`${this.indents.at(-1)!}  `)
    return this.indents[depth]!
  }

  /** The pretty text for `text`, the next piece of the document. */
  feed(text: string): string {
    this.out = []
    let i = 0
    while (i < text.length) {
      if (this.inString) i = this.stringFrom(text, i)
      else i = this.structureFrom(text, i)
    }
    const result = this.out.join('')
    this.out = []
    return result
  }

  /** Call once after the last piece: anything left open makes the text invalid. */
  end(): string {
    if (this.inString) this.problem ??= 'the text ends inside a string'
    else if (this.depth > 0) this.problem ??= 'the text ends before every bracket is closed'
    return this.open ? this.flushOpen() : ''
  }

  private flushOpen(): string {
    this.open = false
    return this.indent(this.depth)
  }

  /** Copies string content up to and including its closing quote (or the end of `text`). */
  private stringFrom(text: string, from: number): number {
    let i = from
    let quote = -1
    while (i < text.length) {
      if (this.escaped) {
        this.escaped = false
        i++
        continue
      }
      if (quote < i) quote = text.indexOf('"', i)
      const slash = text.indexOf('\\', i)
      if (slash >= 0 && (quote < 0 || slash < quote)) {
        this.escaped = true
        i = slash + 1
        continue
      }
      if (quote < 0) {
        i = text.length
        break
      }
      this.inString = false
      i = quote + 1
      break
    }
    this.out.push(text.slice(from, i))
    return i
  }

  /** Writes structure until a string starts (or `text` ends); verbatim runs for numbers and words. */
  private structureFrom(text: string, from: number): number {
    let run = -1
    const flushRun = (end: number) => {
      if (run >= 0) this.out.push(text.slice(run, end))
      run = -1
    }
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === SPACE || c === LF || c === CR || c === TAB) {
        flushRun(i)
        continue
      }
      if (c === QUOTE) {
        flushRun(i)
        this.beforeValue()
        this.inString = true
        this.out.push('"')
        return i + 1
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        flushRun(i)
        this.beforeValue()
        this.out.push(c === OPEN_BRACE ? '{' : '[')
        this.closers.push(c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)
        this.depth++
        this.open = true
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        flushRun(i)
        this.close(c)
      } else if (c === COMMA) {
        flushRun(i)
        this.out.push(`,${this.indent(this.depth)}`)
      } else if (c === COLON) {
        flushRun(i)
        this.out.push(': ')
      } else if (run < 0) {
        this.beforeValue()
        run = i
      }
    }
    flushRun(text.length)
    return text.length
  }

  private beforeValue(): void {
    if (this.open) this.out.push(this.flushOpen())
    else if (this.depth === 0 && this.closers.length === 0 && this.started) {
      this.problem ??= 'there is more text after the JSON value'
    }
    this.started = true
  }

  private close(c: number): void {
    const expected = this.closers.pop()
    if (expected !== c) this.problem ??= 'a closing bracket does not match its opening one'
    this.depth = Math.max(0, this.depth - 1)
    const closer = c === CLOSE_BRACE ? '}' : ']'
    if (this.open) {
      this.open = false
      this.out.push(closer)
    } else this.out.push(`${this.indent(this.depth)}${closer}`)
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
