/**
 * OpenAPI 3.x documents (JSON or YAML): one request per operation, in a folder per tag. Path
 * parameters become `{{variables}}`, query parameters are listed disabled (with their example),
 * and request bodies are filled in from the document's examples where it has them.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type {
  CollectionFolder,
  CollectionItem,
  ImportResult,
  SavedAuth,
  SavedRequest,
  SkippedItem,
} from '../../shared/collection'
import type { KeyValueRow, RequestBody } from '../../shared/workbench'
import { HTTP_METHODS } from '../../shared/workbench'
import { newRequest } from './common'
import { ImportError } from './import-error'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses JSON or YAML, naming the file and line when it is broken. */
export function parseDocument(text: string, file: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 })
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0] : undefined
    throw new ImportError(
      'import:malformed',
      `${file} is not valid JSON or YAML${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${(error as Error).message.split('\n')[0]}`,
      { file, ...(line ? { line: String(line.line), column: String(line.col) } : {}) },
    )
  }
}

/** Follows local `$ref`s (`#/components/...`), a few levels deep (cycles stop). */
function deref(doc: Json, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || depth > 10) return value
  const ref = value.$ref
  if (!ref.startsWith('#/')) return {}
  let at: unknown = doc
  for (const part of ref.slice(2).split('/')) {
    at = isObject(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  }
  return deref(doc, at, depth + 1)
}

/** An example value for a schema: its example, default, enum's first value, or a skeleton. */
function exampleOf(doc: Json, schemaIn: unknown, depth = 0): unknown {
  const schema = deref(doc, schemaIn)
  if (!isObject(schema) || depth > 6) return null
  if (schema.example !== undefined) return schema.example
  if (schema.default !== undefined) return schema.default
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]
  const all = Array.isArray(schema.allOf) ? schema.allOf : []
  if (all.length) {
    return Object.assign({}, ...all.map((s) => exampleOf(doc, s, depth + 1)).filter(isObject))
  }
  switch (schema.type) {
    case 'object':
    case undefined: {
      if (!isObject(schema.properties)) return schema.type === 'object' ? {} : null
      return Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, exampleOf(doc, v, depth + 1)]),
      )
    }
    case 'array':
      return [exampleOf(doc, schema.items, depth + 1)]
    case 'integer':
    case 'number':
      return 0
    case 'boolean':
      return false
    default:
      return ''
  }
}

function mediaExample(doc: Json, media: Json): unknown {
  if (media.example !== undefined) return media.example
  if (isObject(media.examples)) {
    const first = deref(doc, Object.values(media.examples)[0])
    if (isObject(first) && first.value !== undefined) return first.value
  }
  return media.schema ? exampleOf(doc, media.schema) : undefined
}

function bodyOf(
  doc: Json,
  op: Json,
  where: string,
  skipped: SkippedItem[],
): { body?: RequestBody; contentType?: string } {
  const rb = deref(doc, op.requestBody)
  if (!isObject(rb) || !isObject(rb.content)) return {}
  const types = Object.keys(rb.content)
  const json = types.find((t) => /json/i.test(t))
  if (json) {
    const example = mediaExample(doc, rb.content[json] as Json)
    return {
      body: { kind: 'json', text: example === undefined ? '' : JSON.stringify(example, null, 2) },
      contentType: json,
    }
  }
  const form = types.find((t) => /x-www-form-urlencoded/i.test(t))
  if (form) {
    const example = mediaExample(doc, rb.content[form] as Json)
    const fields: KeyValueRow[] = isObject(example)
      ? Object.entries(example).map(([name, v]) => ({
          name,
          value: typeof v === 'string' ? v : JSON.stringify(v),
          enabled: true,
        }))
      : []
    return { body: { kind: 'form', fields }, contentType: form }
  }
  const textType = types.find((t) => t.startsWith('text/') || /xml/i.test(t))
  if (textType) {
    const example = mediaExample(doc, rb.content[textType] as Json)
    return {
      body: { kind: 'text', text: typeof example === 'string' ? example : '' },
      contentType: textType,
    }
  }
  skipped.push({
    what: `${where}: request body`,
    why: `the app cannot send ${types.join(', ') || 'this'} bodies`,
  })
  return {}
}

function securityAuth(doc: Json, security: unknown): SavedAuth {
  if (!Array.isArray(security)) return { kind: 'inherit' }
  if (security.length === 0) return { kind: 'none' }
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {}
  for (const requirement of security) {
    if (!isObject(requirement)) continue
    for (const name of Object.keys(requirement)) {
      const scheme = deref(doc, schemes[name])
      if (!isObject(scheme)) continue
      if (
        scheme.type === 'oauth2' ||
        scheme.type === 'openIdConnect' ||
        (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
      ) {
        return { kind: 'profile-token' }
      }
      if (scheme.type === 'apiKey' && scheme.in === 'header') {
        return String(scheme.name).toLowerCase() === 'apikey'
          ? { kind: 'profile-apikey' }
          : {
              kind: 'header',
              name: String(scheme.name),
              value: `{{${String(scheme.name).replace(/\W/g, '')}}}`,
            }
      }
      if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
        return { kind: 'basic', username: '{{username}}', password: '{{password}}' }
      }
    }
  }
  return { kind: 'none' }
}

const TRUSTPILOT_SERVERS: [RegExp, string][] = [
  [/^https:\/\/api\.trustpilot\.com\/v1\/?$/i, '{{apiBase}}'],
  [/^https:\/\/invitations-api\.trustpilot\.com\/v1\/?$/i, '{{invitationsBase}}'],
]

export function mapOpenApi(data: unknown, file: string): ImportResult {
  if (!isObject(data))
    throw new ImportError(
      'import:malformed',
      `${file} is not an OpenAPI document (it has no top-level object).`,
      { file, expected: 'OpenAPI 3.x' },
    )
  if (typeof data.swagger === 'string') {
    throw new ImportError(
      'import:unsupported',
      `${file} is Swagger ${data.swagger} (OpenAPI 2); the app reads OpenAPI 3.x. Convert it first (for example with swagger2openapi).`,
      { file, field: 'swagger', expected: 'openapi: 3.x' },
    )
  }
  if (typeof data.openapi !== 'string' || !data.openapi.startsWith('3.')) {
    throw new ImportError(
      'import:unsupported',
      `${file}: the field “openapi” must be 3.x (got ${JSON.stringify(data.openapi)}).`,
      { file, field: 'openapi', expected: '3.x' },
    )
  }
  if (!isObject(data.paths))
    throw new ImportError(
      'import:malformed',
      `${file}: the field “paths” is missing or not an object.`,
      { file, field: 'paths' },
    )
  const info = isObject(data.info) ? data.info : {}
  const skipped: SkippedItem[] = []
  const notes: string[] = []
  const variables: ImportResult['collection']['variables'] = []
  const server =
    Array.isArray(data.servers) && isObject(data.servers[0])
      ? String(data.servers[0].url ?? '')
      : ''
  let base = TRUSTPILOT_SERVERS.find(([re]) => re.test(server))?.[1]
  if (!base && server) {
    base = '{{baseUrl}}'
    variables.push({ name: 'baseUrl', value: server.replace(/\/$/, '') })
  }
  if (base === '{{apiBase}}' || base === '{{invitationsBase}}')
    notes.push(`The server ${server} is the active profile’s ${base}.`)
  const folders = new Map<string, CollectionFolder>()
  const items: CollectionItem[] = []
  const methods = HTTP_METHODS.map((m) => m.toLowerCase())
  for (const [path, pathItemRaw] of Object.entries(data.paths)) {
    const pathItem = deref(data, pathItemRaw)
    if (!isObject(pathItem)) continue
    for (const [method, opRaw] of Object.entries(pathItem)) {
      if (!methods.includes(method)) {
        if (method === 'trace')
          skipped.push({ what: `TRACE ${path}`, why: 'the app does not send TRACE requests' })
        continue
      }
      const op = deref(data, opRaw)
      if (!isObject(op)) continue
      const name = String(op.summary ?? op.operationId ?? `${method.toUpperCase()} ${path}`).trim()
      const where = `${method.toUpperCase()} ${path}`
      const params = [
        ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ]
        .map((p) => deref(data, p))
        .filter(isObject)
      const query: KeyValueRow[] = []
      const headers: KeyValueRow[] = []
      for (const p of params) {
        const example = p.example ?? (isObject(p.schema) ? exampleOf(data, p.schema) : '')
        const value =
          example === null || example === undefined
            ? ''
            : typeof example === 'string'
              ? example
              : JSON.stringify(example)
        if (p.in === 'query') query.push({ name: String(p.name), value, enabled: false })
        else if (p.in === 'header')
          headers.push({ name: String(p.name), value, enabled: p.required === true })
      }
      const url = `${base ?? ''}${path.replace(/\{([^}]+)\}/g, '{{$1}}')}`
      const { body, contentType } = bodyOf(data, op, where, skipped)
      if (contentType && !headers.some((h) => h.name.toLowerCase() === 'content-type')) {
        headers.push({ name: 'Content-Type', value: contentType, enabled: true })
      }
      const request: SavedRequest = newRequest({
        name,
        method: method.toUpperCase() as SavedRequest['method'],
        url,
        query,
        headers,
        auth: securityAuth(data, op.security ?? data.security),
      })
      if (body) request.body = body
      const docs = [op.description].filter((d) => typeof d === 'string' && d.trim()).join('\n')
      if (docs) request.docs = docs
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : undefined
      if (!tag) items.push(request)
      else {
        let folder = folders.get(tag)
        if (!folder) {
          folder = { type: 'folder', name: tag, items: [] }
          folders.set(tag, folder)
          items.push(folder)
        }
        folder.items.push(request)
      }
    }
  }
  return {
    format: 'openapi',
    collection: {
      name: String(info.title ?? file),
      variables,
      items,
      ...(typeof info.description === 'string' && info.description.trim()
        ? { docs: info.description }
        : {}),
    },
    environments: [],
    skipped,
    notes,
  }
}

export function importOpenApiText(text: string, file: string): ImportResult {
  return mapOpenApi(parseDocument(text, file), file)
}
