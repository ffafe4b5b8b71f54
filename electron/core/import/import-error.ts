/**
 * Why something could not be imported. The message names the file and, where known, the line or
 * field, so the user can fix the input; nothing has been written when one of these is thrown.
 */
export type ImportErrorCode =
  /** The path cannot be read (missing, no permission, not a file or folder we can open). */
  | 'import:unreadable'
  /** The format is recognised but the content is broken (bad JSON/YAML, a missing field). */
  | 'import:malformed'
  /** The format is recognised but not supported (Swagger 2.0, a cURL option we do not handle). */
  | 'import:unsupported'
  /** Nothing importable was recognised. */
  | 'import:unknown-format'

export class ImportError extends Error {
  override readonly name = 'ImportError'
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** Helpful, secret-free facts for an error's "Details": the file, the field, what was expected. */
    readonly details: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * Where JSON.parse failed: V8 says "at position N" for some errors, and for others quotes the text
 * around the problem ("Unexpected token ',', ...\"item\": [,]}\" is not valid JSON"); that quote
 * is found in the text.
 */
function errorOffset(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message)
  if (at) return Number(at[1])
  const quoted =
    /^Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message)
  if (!quoted) return undefined
  const start = text.indexOf(quoted[2]!)
  if (start < 0) return undefined
  const token = quoted[2]!.indexOf(quoted[1]!)
  return start + Math.max(token, 0)
}

/** JSON.parse with an error that names the file, line and column. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const offset = errorOffset(text, message)
    const where = offset === undefined ? undefined : lineAndColumn(text, offset)
    const place = where ? ` at line ${where.line}, column ${where.column}` : ''
    throw new ImportError(
      'import:malformed',
      `${file} is not valid JSON${place}: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`,
      { file, ...(where ? { line: String(where.line), column: String(where.column) } : {}) },
    )
  }
}
