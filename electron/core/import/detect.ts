/**
 * Recognises what a file, a folder or a pasted text is, so the right importer reads it. When it is
 * nothing the app imports, the error says what it looks like and what the app expected.
 */
import type { ImportFormat } from '../../shared/collection'
import { PROFILE_EXPORT_FORMAT } from '../../shared/profile'
import { looksLikeCurl } from './curl'
import { ImportError, parseJsonFile } from './import-error'
import { isPostmanCollection, isPostmanEnvironment } from './postman'
import { parseDocument } from './openapi'

export const EXPECTED_INPUT =
  'a profile file exported by this app, a Postman collection (v2.0 or v2.1) or environment, a Bruno collection folder (with bruno.json), an OpenAPI 3 document (JSON or YAML), or a cURL command'

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  bruno: 'Bruno collection',
  postman: 'Postman collection',
  'postman-environment': 'Postman environment',
  openapi: 'OpenAPI document',
  curl: 'cURL command',
  app: 'profile export of this app',
}

/** What a parsed document is, or undefined when nothing importable. */
function detectData(data: unknown): ImportFormat | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined
  const d = data as Record<string, unknown>
  if (d.format === PROFILE_EXPORT_FORMAT) return 'app'
  if (isPostmanCollection(d)) return 'postman'
  if (isPostmanEnvironment(d)) return 'postman-environment'
  if (typeof d.openapi === 'string' || typeof d.swagger === 'string') return 'openapi'
  return undefined
}

/** A short description of something not importable, for the error message. */
function describe(text: string, data: unknown): string {
  const trimmed = text.trim()
  if (trimmed === '') return 'it is empty'
  if (
    /^meta\s*\{/m.test(trimmed) &&
    /^(get|post|put|patch|delete|head|options)\s*\{/m.test(trimmed)
  ) {
    return 'it is a single Bruno request (.bru) file; open the collection folder, the one with bruno.json'
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const d = data as Record<string, unknown>
    if (typeof d.log === 'object' && d.log !== null && 'entries' in d.log)
      return 'it is a HAR file (a browser’s network log), which is not supported'
    if (d._type === 'export' || 'resources' in d)
      return 'it looks like an Insomnia export, which is not supported'
    if (typeof d.format === 'string') return `it is a JSON file with format “${d.format}”`
    const keys = Object.keys(d).slice(0, 5)
    return keys.length
      ? `it is a JSON/YAML object with the fields ${keys.join(', ')}`
      : 'it is an empty JSON object'
  }
  if (Array.isArray(data)) return 'it is a JSON list'
  if (/^https?:\/\//i.test(trimmed))
    return 'it is a URL; paste it into the request’s URL box, or use a cURL command'
  return `it starts with “${trimmed.slice(0, 40).replace(/\s+/g, ' ')}${trimmed.length > 40 ? '…' : ''}”`
}

/** What a text (file content or paste) is; throws `import:unknown-format` naming what it saw. */
export function detectText(text: string, file: string): { format: ImportFormat; data?: unknown } {
  if (looksLikeCurl(text)) return { format: 'curl' }
  let data: unknown
  try {
    data = /^\s*[{[]/.test(text) ? parseJsonFile(text, file) : parseDocument(text, file)
  } catch (error) {
    // Broken JSON that is clearly meant as one of ours keeps its line-and-column message.
    if (/^\s*[{[]/.test(text) && /"(info|item|openapi|swagger|values|format)"\s*:/.test(text))
      throw error
    data = undefined
  }
  const format = detectData(data)
  if (format) return { format, data }
  throw new ImportError(
    'import:unknown-format',
    `${file} is not something the app can import: ${describe(text, data)}. The app expected ${EXPECTED_INPUT}.`,
    { file, saw: describe(text, data), expected: EXPECTED_INPUT },
  )
}
