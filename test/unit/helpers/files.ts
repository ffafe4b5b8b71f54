import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Every byte of every file below `dir`: for "this secret is nowhere on disk" checks. */
export function allBytes(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name)))
  }
  return Buffer.concat(parts)
}

/** The same, as UTF-8 text. */
export const allText = (dir: string): string => allBytes(dir).toString('utf8')
