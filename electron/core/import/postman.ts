/**
 * Postman Collection v2.0 / v2.1 JSON and Postman environment JSON. Checked with zod first, so a
 * broken file gets an error naming the file and the field (`item[2].request.url`), then mapped
 * onto the app's collection model (Trustpilot-aware, like Bruno).
 */
import { z } from 'zod'
import type {
  CollectionItem,
  CollectionTree,
  CollectionVariable,
  ImportResult,
  KeptScript,
  SavedRequest,
  SkippedItem,
} from '../../shared/collection'
import type { KeyValueRow, RequestBody } from '../../shared/workbench'
import { mapAuth, type RawAuth } from './auth'
import { newRequest, replacePathParams, splitQuery, toMethod } from './common'
import { ImportError, parseJsonFile } from './import-error'
import { applyTrustpilotMapping, isTokenScript, TOKEN_SCRIPT_NOTE } from './trustpilot'

// ---- schemas (lenient where Postman is: extra fields pass) ------------------------------------

/** Postman writes some values as numbers or booleans; the app keeps text. */
const text = z.unknown().transform((v, ctx) => {
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return ''
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  ctx.addIssue({ code: 'custom', message: 'expected text' })
  return z.NEVER
})
const description = z
  .union([z.string(), z.object({ content: z.string().optional() }).loose(), z.null()])
  .optional()

const keyValue = z
  .object({
    key: text.optional(),
    value: text.optional(),
    disabled: z.boolean().optional(),
    type: z.string().optional(),
    src: z.unknown().optional(),
  })
  .loose()

const variable = z
  .object({
    key: text.optional(),
    id: z.string().optional(),
    value: z.unknown().optional(),
    type: z.string().optional(),
    disabled: z.boolean().optional(),
  })
  .loose()

const urlObject = z
  .object({
    raw: z.string().optional(),
    protocol: z.string().optional(),
    host: z.union([z.string(), z.array(z.string())]).optional(),
    port: z.string().optional(),
    path: z
      .union([
        z.string(),
        z.array(z.union([z.string(), z.object({ value: z.string().optional() }).loose()])),
      ])
      .optional(),
    query: z.array(keyValue).optional(),
    variable: z.array(variable).optional(),
  })
  .loose()

/** v2.1: `bearer: [{key, value}]`; v2.0: `bearer: {token: ...}`. */
const authParams = z.union([z.array(keyValue), z.record(z.string(), z.unknown())])
const auth = z.object({ type: z.string() }).catchall(z.unknown()).nullable().optional()

const body = z
  .object({
    mode: z.string().optional(),
    raw: z.string().optional(),
    urlencoded: z.array(keyValue).optional(),
    formdata: z.array(keyValue).optional(),
    options: z
      .object({ raw: z.object({ language: z.string().optional() }).loose().optional() })
      .loose()
      .optional(),
    disabled: z.boolean().optional(),
  })
  .loose()
  .nullable()
  .optional()

const event = z
  .object({
    listen: z.string(),
    script: z
      .object({ exec: z.union([z.array(z.string()), z.string()]).optional() })
      .loose()
      .optional(),
    disabled: z.boolean().optional(),
  })
  .loose()

const request = z.union([
  z.string(),
  z
    .object({
      method: z.string().optional(),
      url: z.union([z.string(), urlObject]).optional(),
      header: z.union([z.array(keyValue), z.string()]).optional(),
      body,
      auth,
      description,
    })
    .loose(),
])

interface RawItem {
  name?: string
  request?: z.infer<typeof request>
  item?: RawItem[]
  auth?: z.infer<typeof auth>
  event?: z.infer<typeof event>[]
  description?: z.infer<typeof description>
  variable?: z.infer<typeof variable>[]
}

const item: z.ZodType<RawItem> = z.lazy(() =>
  z
    .object({
      name: text.optional(),
      request: request.optional(),
      item: z.array(item).optional(),
      auth,
      event: z.array(event).optional(),
      description,
      variable: z.array(variable).optional(),
    })
    .loose(),
) as z.ZodType<RawItem>

const collectionSchema = z
  .object({
    info: z.object({ name: text, schema: z.string().optional(), description }).loose(),
    item: z.array(item),
    auth,
    event: z.array(event).optional(),
    variable: z.array(variable).optional(),
  })
  .loose()

const environmentSchema = z
  .object({
    name: text,
    values: z.array(
      z
        .object({
          key: text,
          value: z.unknown().optional(),
          enabled: z.boolean().optional(),
          type: z.string().optional(),
        })
        .loose(),
    ),
  })
  .loose()

/** A zod failure as "file: field: problem" (first few issues). */
function schemaError(file: string, error: z.ZodError, what: string): ImportError {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const field = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '')
    return `${field || '(top level)'}: ${issue.message}`
  })
  return new ImportError(
    'import:malformed',
    `${file} is not a valid ${what}: ${issues.join('; ')}`,
    {
      file,
      field: issues[0]?.split(':')[0] ?? '',
      expected: what,
    },
  )
}

// ---- mapping ----------------------------------------------------------------------------------

const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)

const rowsOf = (list: z.infer<typeof keyValue>[] | undefined): KeyValueRow[] =>
  (list ?? [])
    .filter((r) => r.key !== undefined && r.key !== '')
    .map((r) => ({ name: r.key ?? '', value: r.value ?? '', enabled: r.disabled !== true }))

function descriptionText(d: z.infer<typeof description>): string | undefined {
  const t = typeof d === 'string' ? d : d?.content
  return t?.trim() ? t : undefined
}

/** Auth parameters of either version as a plain record. */
function authRecord(a: NonNullable<z.infer<typeof auth>>): Record<string, string> {
  const raw = authParams.safeParse(a[a.type])
  if (!raw.success) return {}
  if (Array.isArray(raw.data))
    return Object.fromEntries(raw.data.map((kv) => [kv.key ?? '', kv.value ?? '']))
  return Object.fromEntries(Object.entries(raw.data).map(([k, v]) => [k, str(v)]))
}

function rawAuthOf(a: NonNullable<z.infer<typeof auth>>): RawAuth {
  const p = authRecord(a)
  return {
    mode: a.type,
    ...(p.token !== undefined ? { token: p.token } : {}),
    ...(p.accessToken !== undefined ? { token: p.accessToken } : {}),
    ...(a.type === 'basic' ? { username: p.username ?? '', password: p.password ?? '' } : {}),
    ...(a.type === 'apikey'
      ? { key: p.key ?? '', value: p.value ?? '', placement: p.in === 'query' ? 'query' : 'header' }
      : {}),
  }
}

function scriptsOf(events: z.infer<typeof event>[] | undefined): KeptScript[] {
  return (events ?? [])
    .map((e) => ({
      kind: `event:${e.listen}`,
      text: Array.isArray(e.script?.exec) ? e.script.exec.join('\n') : (e.script?.exec ?? ''),
    }))
    .filter((s) => s.text.trim() !== '')
}

function urlOf(u: string | z.infer<typeof urlObject> | undefined): {
  url: string
  query: KeyValueRow[]
  pathValues: Map<string, string>
} {
  if (u === undefined) return { url: '', query: [], pathValues: new Map() }
  if (typeof u === 'string') return { ...splitQuery(u), pathValues: new Map() }
  const pathValues = new Map(
    (u.variable ?? []).map((v) => [String(v.key ?? v.id ?? ''), str(v.value)]),
  )
  let base: string
  if (u.raw !== undefined) base = splitQuery(u.raw).url
  else {
    const host = Array.isArray(u.host) ? u.host.join('.') : (u.host ?? '')
    const path = Array.isArray(u.path)
      ? u.path.map((p) => (typeof p === 'string' ? p : (p.value ?? ''))).join('/')
      : (u.path ?? '')
    base = `${u.protocol ? `${u.protocol}://` : ''}${host}${u.port ? `:${u.port}` : ''}${path ? `/${path.replace(/^\//, '')}` : ''}`
  }
  const query = u.query ? rowsOf(u.query) : u.raw ? splitQuery(u.raw).query : []
  return { url: base, query, pathValues }
}

function bodyOf(
  b: z.infer<typeof body>,
  headers: KeyValueRow[],
  where: string,
  skipped: SkippedItem[],
): RequestBody | undefined {
  if (!b?.mode || b.disabled) return undefined
  switch (b.mode) {
    case 'raw': {
      const raw = b.raw ?? ''
      if (raw === '') return undefined
      const type = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? ''
      const json = b.options?.raw?.language === 'json' || /json/i.test(type)
      return { kind: json ? 'json' : 'text', text: raw }
    }
    case 'urlencoded':
      return { kind: 'form', fields: rowsOf(b.urlencoded) }
    case 'formdata': {
      const fields: KeyValueRow[] = []
      for (const f of b.formdata ?? []) {
        if (f.type === 'file')
          skipped.push({
            what: `${where}: file field “${f.key}”`,
            why: 'file uploads are not supported; text fields were kept',
          })
        else if (f.key)
          fields.push({ name: f.key, value: f.value ?? '', enabled: f.disabled !== true })
      }
      skipped.push({
        what: `${where}: multipart form data`,
        why: 'the app sends form bodies URL-encoded; the text fields were kept as a form',
      })
      return { kind: 'form', fields }
    }
    default:
      skipped.push({
        what: `${where}: ${b.mode} body`,
        why: `the app cannot send ${b.mode} bodies`,
      })
      return undefined
  }
}

function variablesOf(
  list: z.infer<typeof variable>[] | undefined,
  where: string,
  notes: string[],
): CollectionVariable[] {
  const secrets: string[] = []
  const out = (list ?? [])
    .filter((v) => (v.key ?? v.id ?? '') !== '')
    .map((v) => {
      const secret = v.type === 'secret'
      if (secret && str(v.value) !== '') secrets.push(String(v.key ?? v.id))
      return {
        name: String(v.key ?? v.id),
        value: secret ? '' : str(v.value),
        enabled: v.disabled !== true,
        ...(secret ? { secret: true } : {}),
      }
    })
  if (secrets.length)
    notes.push(
      `The values of the secret variables ${secrets.join(', ')} in ${where} were not imported: enter them in the app, where they are kept encrypted.`,
    )
  return out
}

function mapRequest(
  raw: RawItem,
  where: string,
  skipped: SkippedItem[],
  scriptsFound: { token: boolean },
): SavedRequest {
  const r = typeof raw.request === 'string' ? { url: raw.request } : (raw.request ?? {})
  const headers = typeof r.header === 'string' ? [] : rowsOf(r.header)
  const { url: bare, query, pathValues } = urlOf(r.url)
  const { url, variables } = replacePathParams(bare, pathValues)
  const mapped = r.auth
    ? mapAuth(rawAuthOf(r.auth), where, skipped)
    : { auth: { kind: 'inherit' as const } }
  let method
  try {
    method = toMethod(r.method, where)
  } catch (error) {
    throw new ImportError('import:unsupported', (error as Error).message, {
      field: `${where}.request.method`,
    })
  }
  const request = newRequest({
    name: raw.name?.trim() || `${method} ${url}`,
    method,
    url,
    query: [...query, ...(mapped.query ? [mapped.query] : [])],
    headers,
    auth: mapped.auth,
  })
  const b = bodyOf(r.body, headers, where, skipped)
  if (b) request.body = b
  if (variables.length) request.variables = variables
  const docs = descriptionText(r.description)
  if (docs) request.docs = docs
  const scripts = scriptsOf(raw.event)
  const kept = scripts.filter((s) => !isTokenScript(s.text))
  if (kept.length !== scripts.length) scriptsFound.token = true
  if (kept.length) request.scripts = kept
  return request
}

function mapItems(
  items: RawItem[],
  parent: string,
  skipped: SkippedItem[],
  notes: string[],
  scriptsFound: { token: boolean },
): CollectionItem[] {
  return items.map((raw, index): CollectionItem => {
    const name = raw.name?.trim() || `Item ${index + 1}`
    const where = parent ? `${parent} / ${name}` : name
    if (raw.item) {
      const folder: CollectionItem = {
        type: 'folder',
        name,
        items: mapItems(raw.item, where, skipped, notes, scriptsFound),
      }
      if (raw.auth) folder.auth = mapAuth(rawAuthOf(raw.auth), `folder “${where}”`, skipped).auth
      const docs = descriptionText(raw.description)
      if (docs) folder.docs = docs
      const scripts = scriptsOf(raw.event).filter(
        (s) => !isTokenScript(s.text) || !(scriptsFound.token = true),
      )
      if (scripts.length) folder.scripts = scripts
      return folder
    }
    return mapRequest(raw, where, skipped, scriptsFound)
  })
}

export function mapPostmanCollection(data: unknown, file: string): ImportResult {
  const parsed = collectionSchema.safeParse(data)
  if (!parsed.success) throw schemaError(file, parsed.error, 'Postman collection (v2.0 or v2.1)')
  const c = parsed.data
  const schema = c.info.schema ?? ''
  if (schema && !/\/v2\.[01]\.\d\//.test(schema)) {
    throw new ImportError(
      'import:unsupported',
      `${file} is a Postman collection of an unsupported version (${schema}); export it from Postman as Collection v2.1.`,
      { file, field: 'info.schema', expected: 'Postman Collection v2.0 or v2.1' },
    )
  }
  const skipped: SkippedItem[] = []
  const notes: string[] = []
  const scriptsFound = { token: false }
  const tree: CollectionTree = {
    name: c.info.name.trim() || file,
    variables: variablesOf(c.variable, 'the collection', notes),
    items: mapItems(c.item, '', skipped, notes, scriptsFound),
  }
  if (c.auth) tree.auth = mapAuth(rawAuthOf(c.auth), 'the collection', skipped).auth
  const docs = descriptionText(c.info.description)
  if (docs) tree.docs = docs
  const scripts = scriptsOf(c.event)
  const kept = scripts.filter((s) => !isTokenScript(s.text))
  if (kept.length !== scripts.length) scriptsFound.token = true
  if (kept.length) tree.scripts = kept
  if (scriptsFound.token) notes.push(TOKEN_SCRIPT_NOTE)
  const environments: ImportResult['environments'] = []
  applyTrustpilotMapping(tree, environments, scriptsFound.token, skipped, notes)
  return { format: 'postman', collection: tree, environments, skipped, notes }
}

export function mapPostmanEnvironment(data: unknown, file: string): ImportResult {
  const parsed = environmentSchema.safeParse(data)
  if (!parsed.success) throw schemaError(file, parsed.error, 'Postman environment')
  const notes: string[] = []
  const variables = variablesOf(
    parsed.data.values.map((v) => ({
      key: v.key,
      value: v.value,
      type: v.type,
      disabled: v.enabled === false,
    })),
    `environment “${parsed.data.name}”`,
    notes,
  )
  const tree: CollectionTree = { name: parsed.data.name, variables: [], items: [] }
  const environments = [{ name: parsed.data.name, variables }]
  const skipped: SkippedItem[] = []
  applyTrustpilotMapping(tree, environments, false, skipped, notes)
  return { format: 'postman-environment', collection: tree, environments, skipped, notes }
}

export function importPostmanText(textValue: string, file: string): ImportResult {
  const data = parseJsonFile(textValue, file) as Record<string, unknown>
  return isPostmanEnvironment(data)
    ? mapPostmanEnvironment(data, file)
    : mapPostmanCollection(data, file)
}

export const isPostmanCollection = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && 'info' in data && 'item' in data

export const isPostmanEnvironment = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  ((data as Record<string, unknown>)._postman_variable_scope === 'environment' ||
    ('values' in data && 'name' in data && Array.isArray((data as Record<string, unknown>).values)))
