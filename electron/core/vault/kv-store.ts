import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The little of electron-store the app uses. Main passes electron-store; tests and the harness
 * pass `conf`, the engine under electron-store, with the same options.
 */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
  readonly path: string
}

/** Options every store file is created with (both electron-store and conf accept them). */
export const STORE_FILE_OPTIONS = {
  configFileMode: 0o600,
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: false,
} as const

export interface RecoveredFile {
  file: string
  movedTo: string
  reason: string
}

/**
 * Checks a store file before it is opened. A file that cannot be read or is not a JSON object is
 * renamed aside with a timestamp (never deleted), so the app can start with an empty store and
 * tell the user where the old file went.
 */
export function setAsideIfCorrupt(
  dir: string,
  name: string,
  now: () => Date = () => new Date(),
): RecoveredFile | null {
  const file = join(dir, `${name}.json`)
  if (!existsSync(file)) return null
  let reason: string | null = null
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      reason = 'it does not hold a JSON object'
    }
  } catch (error) {
    reason =
      error instanceof SyntaxError
        ? `it is not valid JSON (${error.message})`
        : `it cannot be read (${String(error)})`
  }
  if (reason === null) return null
  const stamp = now().toISOString().replace(/[:.]/g, '-')
  const movedTo = join(dir, `${name}.corrupt-${stamp}.json`)
  renameSync(file, movedTo)
  return { file, movedTo, reason }
}

/** An in-memory store (tests, and the session-only fallback). */
export class MemoryStore implements KeyValueStore {
  readonly path = ':memory:'
  private readonly data = new Map<string, unknown>()
  get(key: string): unknown {
    return structuredClone(this.data.get(key))
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value))
  }
  delete(key: string): void {
    this.data.delete(key)
  }
}
