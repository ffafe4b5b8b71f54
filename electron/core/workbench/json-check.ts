/**
 * Finds where a JSON text goes wrong, with line and column, so "bad JSON" can be refused before
 * anything is sent. JSON.parse is used for the verdict; this scanner only locates the problem
 * (Node's messages do not always carry a position).
 */

export interface JsonProblem {
  message: string
  offset: number
  line: number
  column: number
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly why: string,
  ) {
    super(why)
  }
}

function locate(text: string): { at: number; why: string } {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (why: string): never => {
    throw new Stop(i, why)
  }
  const describe = () =>
    i >= text.length ? 'the text ended' : `unexpected ${JSON.stringify(text[i])}`
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`${describe()} (expected ${word})`)
  }
  const string = () => {
    i++ // opening quote
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        const n = text[i + 1]
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string')
          i += 6
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2
        else fail('bad escape in a string')
      } else if (c < ' ') fail('control character (e.g. a raw line break) inside a string')
      else i++
    }
    fail('a string is not closed (missing ")')
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m) fail(`${describe()} (not a number)`)
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail(`${describe()} (expected a property name in double quotes)`)
        string()
        ws()
        if (text[i] !== ':') fail(`${describe()} (expected : after the property name)`)
        i++
        value()
        ws()
        if (text[i] === ',') {
          i++
          ws()
          if (text[i] === '}') fail('trailing comma before }')
          continue
        }
        if (text[i] === '}') return void i++
        fail(`${describe()} (expected , or } after a property value)`)
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') {
          i++
          ws()
          if (text[i] === ']') fail('trailing comma before ]')
          continue
        }
        if (text[i] === ']') return void i++
        fail(`${describe()} (expected , or ] after an array element)`)
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    if (c === "'") fail('strings must use double quotes')
    fail(`${describe()} (expected a value)`)
  }
  try {
    value()
    ws()
    if (i < text.length) fail(`${describe()} after the end of the JSON value`)
  } catch (error) {
    if (error instanceof Stop) return { at: error.at, why: error.why }
    throw error
  }
  return { at: text.length, why: 'invalid JSON' }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lastBreak = -1
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++
      lastBreak = k
    }
  }
  return { line, column: offset - lastBreak }
}

/** Null when `text` is valid JSON, else where and why it is not. */
export function checkJson(text: string): JsonProblem | null {
  try {
    JSON.parse(text)
    return null
  } catch {
    const { at, why } = text.trim() === '' ? { at: 0, why: 'the body is empty' } : locate(text)
    const { line, column } = lineColumn(text, at)
    return { message: `${why} at line ${line}, column ${column}`, offset: at, line, column }
  }
}
