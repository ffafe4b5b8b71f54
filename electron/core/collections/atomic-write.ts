import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file operations an atomic write needs; tests pass failing ones to prove nothing is lost. */
export interface AtomicFs {
  writeFile(path: string, data: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(path: string): Promise<void>
}

const nodeFs: AtomicFs = {
  writeFile: (path, data) => fs.writeFile(path, data, { encoding: 'utf8', flag: 'wx' }),
  rename: (from, to) => fs.rename(from, to),
  rm: (path) => fs.rm(path, { force: true }),
}

/**
 * Writes `text` to `path` through a temporary file in the same folder and a rename, so another
 * program (git, an editor, the watcher) never sees half a file and a crash keeps the old one.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  ops: AtomicFs = nodeFs,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await ops.writeFile(temp, text)
    await ops.rename(temp, path)
  } catch (error) {
    await ops.rm(temp).catch(() => undefined)
    throw error
  }
}

/** Temporary files an interrupted write may leave: never read as requests. */
export const isTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp')
