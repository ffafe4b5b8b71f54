/**
 * Import, shared by the app and the command line: read a path or a text, recognise the format (or
 * take the one given), and return an `ImportResult`. Nothing is written here: the caller shows the
 * summary and writes the collection only once the user confirms.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportFormat, ImportResult } from '../../shared/collection'
import { importBruno } from './bruno'
import { importCurl, type CurlOptions } from './curl'
import { detectText, FORMAT_LABELS } from './detect'
import { ImportError } from './import-error'
import { mapOpenApi, parseDocument } from './openapi'
import { mapPostmanCollection, mapPostmanEnvironment } from './postman'
import { parseJsonFile } from './import-error'
import { isPostmanEnvironment } from './postman'

export { ImportError } from './import-error'
export { FORMAT_LABELS, EXPECTED_INPUT } from './detect'
export { curlToRequest, looksLikeCurl } from './curl'
export { summarise, type ImportSummary } from './summary'

/** The formats a user may name (`--format`); environments are found by `postman`. */
export type RequestedFormat = 'bruno' | 'postman' | 'openapi' | 'curl'
export const REQUESTED_FORMATS: readonly RequestedFormat[] = ['bruno', 'postman', 'openapi', 'curl']

/** Largest file read (a 1,000-request collection is a few MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export interface ImportOptions {
  format?: RequestedFormat
  curl?: CurlOptions
}

function profileFileError(file: string): ImportError {
  return new ImportError(
    'import:unsupported',
    `${file} is a ${FORMAT_LABELS.app}, not a collection: import it with “Import profiles”.`,
    { file, format: 'app' },
  )
}

/** Reads text (a file's content or a paste) as the given or detected format. */
export function importFromText(
  text: string,
  file: string,
  options: ImportOptions = {},
): ImportResult {
  const wanted = options.format
  if (wanted === 'curl') return importCurl(text, options.curl)
  if (wanted === 'postman') {
    const data = parseJsonFile(text, file)
    return isPostmanEnvironment(data)
      ? mapPostmanEnvironment(data, file)
      : mapPostmanCollection(data, file)
  }
  if (wanted === 'openapi') return mapOpenApi(parseDocument(text, file), file)
  if (wanted === 'bruno') {
    throw new ImportError(
      'import:unsupported',
      `${file}: a Bruno collection is a folder (with bruno.json), not a single file.`,
      { file, expected: 'a folder' },
    )
  }
  const { format, data } = detectText(text, file)
  return fromDetected(format, text, data, file, options)
}

function fromDetected(
  format: ImportFormat,
  text: string,
  data: unknown,
  file: string,
  options: ImportOptions,
): ImportResult {
  switch (format) {
    case 'curl':
      return importCurl(text, options.curl)
    case 'postman':
      return mapPostmanCollection(data, file)
    case 'postman-environment':
      return mapPostmanEnvironment(data, file)
    case 'openapi':
      return mapOpenApi(data, file)
    case 'app':
      throw profileFileError(file)
    case 'bruno':
      throw new ImportError('import:unsupported', `${file}: open the Bruno collection's folder.`, {
        file,
      })
  }
}

/** Reads a file or folder: `importFromPath(path, format?) → ImportResult` (the CLI's `run PATH` uses it too). */
export async function importFromPath(
  path: string,
  format?: RequestedFormat,
  options: Omit<ImportOptions, 'format'> = {},
): Promise<ImportResult> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? error)
    throw new ImportError('import:unreadable', `${path} cannot be read: ${why}.`, {
      file: path,
      reason: why,
    })
  }
  if (info.isDirectory()) {
    if (format && format !== 'bruno') {
      throw new ImportError(
        'import:unsupported',
        `${path} is a folder; only a Bruno collection is a folder (--format ${format} needs a file).`,
        { file: path },
      )
    }
    return importBruno(path)
  }
  if (format === 'bruno') {
    throw new ImportError(
      'import:unsupported',
      `${path} is a file; a Bruno collection is a folder with bruno.json.`,
      { file: path },
    )
  }
  if (info.size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'import:unreadable',
      `${path} is too large to import (${Math.round(info.size / 1e6)} MB; at most ${MAX_IMPORT_BYTES / 1e6} MB).`,
      { file: path },
    )
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ImportError(
      'import:unreadable',
      `${path} cannot be read: ${(error as Error).message}.`,
      { file: path },
    )
  }
  return importFromText(text, basename(path), { ...options, ...(format ? { format } : {}) })
}
