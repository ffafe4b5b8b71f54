/**
 * The one JSON checker, for the request editor (renderer) and for Send (main): JSON.parse gives
 * the verdict, and a scanner with an explicit stack (no recursion, so no nesting depth a user can
 * hit) says where and why the text is not JSON. Node's and Chromium's own messages do not always
 * carry a position. No Node or DOM APIs: this file runs in both processes.
 */

export interface JsonProblem {
  /** What is wrong and where, e.g. `trailing comma before } at line 3, column 5`. */
  message: string
  /** What is wrong, without where, e.g. `trailing comma before }`. */
  reason: string
  /** Character offset into the text. */
  offset: number
  line: number
  column: number
}

class Stop {
  constructor(
    readonly at: number,
    readonly why: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const HEX4 = /[0-9a-fA-F]{4}/y

/** Walks `text` as JSON, keeping open containers on a stack; throws a Stop at the first problem. */
class Locator {
  private i = 0
  private readonly open: string[] = []

  constructor(private readonly text: string) {}

  run(): void {
    let expectValue = true
    for (;;) {
      this.ws()
      if (expectValue) {
        expectValue = this.valueStart()
        continue
      }
      const top = this.open[this.open.length - 1]
      if (top === undefined) {
        if (this.i < this.text.length)
          this.fail(`${this.describe()} after the end of the JSON value`)
        return
      }
      expectValue = this.afterValue(top)
    }
  }

  /** Reads a scalar or opens a container; true when a value is expected next. */
  private valueStart(): boolean {
    const c = this.text[this.i]
    if (c === '{') {
      this.i++
      this.ws()
      if (this.text[this.i] === '}') return (void this.i++, false)
      this.open.push('}')
      this.propertyName()
      return true
    }
    if (c === '[') {
      this.i++
      this.ws()
      if (this.text[this.i] === ']') return (void this.i++, false)
      this.open.push(']')
      return true
    }
    this.scalar(c)
    return false
  }

  /** After a value inside a container: a comma (then the next member) or the closing bracket. */
  private afterValue(close: string): boolean {
    const c = this.text[this.i]
    if (c === ',') {
      this.i++
      this.ws()
      if (this.text[this.i] === close) this.fail(`trailing comma before ${close}`)
      if (close === '}') this.propertyName()
      return true
    }
    if (c === close) {
      this.i++
      this.open.pop()
      return false
    }
    const what = close === '}' ? 'a property value' : 'an array element'
    return this.fail(`${this.describe()} (expected , or ${close} after ${what})`)
  }

  private propertyName(): void {
    this.ws()
    if (this.text[this.i] !== '"')
      this.fail(`${this.describe()} (expected a property name in double quotes)`)
    this.string()
    this.ws()
    if (this.text[this.i] !== ':')
      this.fail(`${this.describe()} (expected : after the property name)`)
    this.i++
  }

  private scalar(c: string | undefined): void {
    if (c === '"') return this.string()
    if (c === 't') return this.literal('true')
    if (c === 'f') return this.literal('false')
    if (c === 'n') return this.literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number()
    if (c === "'") this.fail('strings must use double quotes')
    this.fail(`${this.describe()} (expected a value)`)
  }

  private string(): void {
    const text = this.text
    this.i++ // opening quote
    while (this.i < text.length) {
      const c = text[this.i]!
      if (c === '"') return void this.i++
      if (c === '\\') this.escape()
      else if (c < ' ') this.fail('control character (e.g. a raw line break) inside a string')
      else this.i++
    }
    this.fail('a string is not closed (missing ")')
  }

  private escape(): void {
    const n = this.text[this.i + 1]
    if (n === 'u') {
      HEX4.lastIndex = this.i + 2
      if (!HEX4.test(this.text)) this.fail('bad \\u escape in a string')
      this.i += 6
    } else if (n !== undefined && '"\\/bfnrt'.includes(n)) this.i += 2
    else this.fail('bad escape in a string')
  }

  private number(): void {
    NUMBER.lastIndex = this.i
    const m = NUMBER.exec(this.text)
    if (!m) this.fail(`${this.describe()} (not a number)`)
    this.i += m![0].length
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length
    else this.fail(`${this.describe()} (expected ${word})`)
  }

  private ws(): void {
    const text = this.text
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i)
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return
      this.i++
    }
  }

  private describe(): string {
    return this.i >= this.text.length
      ? 'the text ended'
      : `unexpected ${JSON.stringify(this.text[this.i])}`
  }

  private fail(why: string): never {
    throw new Stop(this.i, why)
  }
}

function locate(text: string): Stop {
  try {
    new Locator(text).run()
  } catch (stop) {
    if (stop instanceof Stop) return stop
    throw stop
  }
  return new Stop(text.length, 'invalid JSON')
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++
    lineStart = k + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** Null when `text` is valid JSON, else where and why it is not (an empty text is a problem). */
export function checkJson(text: string): JsonProblem | null {
  try {
    JSON.parse(text)
    return null
  } catch {
    const { at, why } = text.trim() === '' ? new Stop(0, 'the body is empty') : locate(text)
    const { line, column } = lineColumn(text, at)
    return {
      message: `${why} at line ${line}, column ${column}`,
      reason: why,
      offset: at,
      line,
      column,
    }
  }
}
