/**
 * Splits a POSIX shell command line into words, as a shell would before running it: single and
 * double quotes, backslash escapes, `$'…'` (ANSI-C quoting, used by browsers' "Copy as cURL"),
 * and backslash-newline line continuations. No expansion: `$VAR` stays as written.
 * (No maintained shell-words tokenizer is installed; this covers what cURL lines use.)
 */
export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError'
}

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  '?': '?',
}

export function shellWords(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  const n = line.length
  const end = () => {
    if (inWord) words.push(word)
    word = ''
    inWord = false
  }
  while (i < n) {
    const c = line[i]!
    if (c === '\\') {
      const next = line[i + 1]
      if (next === '\n')
        i += 2 // line continuation
      else if ((next === ' ' || next === '\t') && !inWord) {
        // A backslash standing alone between spaces: a line continuation whose newline was lost
        // (a one-line input box strips newlines when a multi-line command is pasted into it).
        i += 2
      } else if (next === '\r' && line[i + 2] === '\n') i += 3
      else if (next === undefined) i++
      else {
        word += next
        inWord = true
        i += 2
      }
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close < 0) throw new ShellSyntaxError(`an unclosed single quote (at character ${i + 1})`)
      word += line.slice(i + 1, close)
      inWord = true
      i = close + 1
    } else if (c === '$' && line[i + 1] === "'") {
      i += 2
      inWord = true
      for (;;) {
        if (i >= n) throw new ShellSyntaxError("an unclosed $'…' quote")
        const d = line[i]!
        if (d === "'") break
        if (d === '\\') {
          const e = line[i + 1] ?? ''
          if (e === 'x' || e === 'u') {
            const len = e === 'x' ? 2 : 4
            const hex = /^[0-9a-fA-F]+/.exec(line.slice(i + 2, i + 2 + len))?.[0] ?? ''
            word += hex ? String.fromCharCode(parseInt(hex, 16)) : `\\${e}`
            i += 2 + hex.length
          } else {
            word += ANSI_ESCAPES[e] ?? `\\${e}`
            i += 2
          }
        } else {
          word += d
          i++
        }
      }
      i++
    } else if (c === '"') {
      i++
      inWord = true
      for (;;) {
        if (i >= n) throw new ShellSyntaxError('an unclosed double quote')
        const d = line[i]!
        if (d === '"') break
        if (d === '\\' && '"\\$`\n'.includes(line[i + 1] ?? '')) {
          if (line[i + 1] !== '\n') word += line[i + 1]
          i += 2
        } else {
          word += d
          i++
        }
      }
      i++
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end()
      i++
    } else {
      word += c
      inWord = true
      i++
    }
  }
  end()
  return words
}
