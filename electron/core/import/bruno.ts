/**
 * Bruno collections: a folder with `bruno.json`, `collection.bru`, `environments/*.bru`, request
 * `.bru` files and subfolders (each may have a `folder.bru`). Parsed with Bruno's own published
 * parser (`@usebruno/lang`), then mapped onto the app's collection model, Trustpilot-aware.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  bruToEnvJsonV2,
  bruToJsonV2,
  collectionBruToJson,
  type BruAuth,
  type BruRequestJson,
  type BruRow,
} from '@usebruno/lang'
import type {
  Capture,
  Check,
  CollectionFolder,
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

/** The text of every file of a Bruno collection, by path relative to its root ("a/b.bru"). */
export interface BrunoFiles {
  /** Shown in messages (the folder's name). */
  label: string
  files: Map<string, string>
}

const ALWAYS_IGNORED = new Set(['node_modules', '.git'])

/** Reads a Bruno collection folder (only `.bru` files and `bruno.json`). */
export async function readBrunoFolder(dir: string): Promise<BrunoFiles> {
  const label = basename(dir)
  let configText: string
  try {
    configText = await readFile(join(dir, 'bruno.json'), 'utf8')
  } catch (error) {
    throw new ImportError(
      'import:unreadable',
      `${label} is not a Bruno collection folder: it has no readable bruno.json (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { file: join(dir, 'bruno.json'), expected: 'a folder with bruno.json' },
    )
  }
  const config = parseJsonFile(configText, `${label}/bruno.json`) as { ignore?: unknown }
  const ignore = new Set([
    ...ALWAYS_IGNORED,
    ...(Array.isArray(config.ignore) ? config.ignore.filter((x) => typeof x === 'string') : []),
  ])
  const files = new Map<string, string>([['bruno.json', configText]])
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true })
    for (const entry of entries) {
      if (ignore.has(entry.name)) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() && entry.name.endsWith('.bru')) {
        files.set(path, await readFile(join(dir, path), 'utf8'))
      }
    }
  }
  await walk('')
  return { label, files }
}

/** Parses one file, naming it (and Bruno's line and column) when it is malformed. */
function parse<T>(label: string, path: string, text: string, parser: (t: string) => T): T {
  try {
    return parser(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const line = /Line (\d+), col (\d+)/.exec(message)
    throw new ImportError(
      'import:malformed',
      `${label}/${path} is not a valid .bru file${line ? ` (line ${line[1]}, column ${line[2]})` : ''}: ${message.split('\n').at(-1)}`,
      { file: `${label}/${path}`, ...(line ? { line: line[1]!, column: line[2]! } : {}) },
    )
  }
}

const rows = (list: BruRow[] | undefined): KeyValueRow[] =>
  (list ?? []).map((r) => ({ name: r.name, value: r.value ?? '', enabled: r.enabled !== false }))

function rawAuth(mode: string, auth: BruAuth | undefined): RawAuth {
  const placement = auth?.apikey?.placement === 'queryparams' ? 'query' : 'header'
  return {
    mode,
    ...(auth?.bearer?.token !== undefined ? { token: auth.bearer.token } : {}),
    ...(auth?.basic
      ? { username: auth.basic.username ?? '', password: auth.basic.password ?? '' }
      : {}),
    ...(auth?.apikey
      ? { key: auth.apikey.key ?? '', value: auth.apikey.value ?? '', placement }
      : {}),
  }
}

function scriptsOf(json: BruRequestJson): KeptScript[] {
  const out: KeptScript[] = []
  if (json.script?.req?.trim()) out.push({ kind: 'script:pre-request', text: json.script.req })
  if (json.script?.res?.trim()) out.push({ kind: 'script:post-response', text: json.script.res })
  if (json.tests?.trim()) out.push({ kind: 'tests', text: json.tests })
  return out
}

function bodyOf(
  json: BruRequestJson,
  where: string,
  skipped: SkippedItem[],
): RequestBody | undefined {
  const mode = json.http?.body ?? 'none'
  const b = json.body ?? {}
  switch (mode) {
    case 'none':
      return undefined
    case 'json':
      return { kind: 'json', text: b.json ?? '' }
    case 'text':
      return { kind: 'text', text: b.text ?? '' }
    case 'xml':
      return { kind: 'text', text: b.xml ?? '' }
    case 'formUrlEncoded':
      return { kind: 'form', fields: rows(b.formUrlEncoded) }
    case 'multipartForm': {
      const fields: KeyValueRow[] = []
      for (const f of b.multipartForm ?? []) {
        if (f.type === 'file') {
          skipped.push({
            what: `${where}: file field “${f.name}”`,
            why: 'file uploads are not supported; text fields were kept',
          })
        } else
          fields.push({ name: f.name, value: String(f.value ?? ''), enabled: f.enabled !== false })
      }
      skipped.push({
        what: `${where}: multipart form`,
        why: 'the app sends form bodies URL-encoded; the text fields were kept as a form',
      })
      return { kind: 'form', fields }
    }
    default:
      skipped.push({ what: `${where}: ${mode} body`, why: `the app cannot send ${mode} bodies` })
      return undefined
  }
}

/** `vars:post-response` such as `token: res.body.access_token` become captures where simple. */
function capturesOf(json: BruRequestJson, where: string, scripts: KeptScript[]): Capture[] {
  const captures: Capture[] = []
  for (const v of json.vars?.res ?? []) {
    const body = /^res\.body\.?(.+)$/.exec(v.value.trim())
    const header = /^res\.headers?\[["']([^"']+)["']\]$/.exec(v.value.trim())
    if (body) captures.push({ variable: v.name, from: 'body', path: body[1]! })
    else if (header) captures.push({ variable: v.name, from: 'header', path: header[1]! })
    else scripts.push({ kind: 'vars:post-response', text: `${v.name}: ${v.value}` })
  }
  void where
  return captures
}

function checksOf(json: BruRequestJson, where: string, skipped: SkippedItem[]): Check[] {
  const checks: Check[] = []
  for (const a of json.assertions ?? []) {
    const status = /^eq\s+(\d{3})$/.exec(a.value.trim())
    if (a.name === 'res.status' && status && a.enabled)
      checks.push({ kind: 'status', equals: status[1]! })
    else
      skipped.push({
        what: `${where}: assertion “${a.name}: ${a.value}”`,
        why: 'only status assertions become checks',
      })
  }
  return checks
}

function mapRequest(
  json: BruRequestJson,
  fallbackName: string,
  where: string,
  skipped: SkippedItem[],
): SavedRequest | undefined {
  const name = json.meta?.name?.trim() || fallbackName
  if (json.meta?.type && json.meta.type !== 'http') {
    skipped.push({
      what: `request “${where}”`,
      why: `${json.meta.type} requests are not supported`,
    })
    return undefined
  }
  const params = json.params ?? []
  const query = params
    .filter((p) => p.type === 'query')
    .map((p) => ({ name: p.name, value: p.value ?? '', enabled: p.enabled !== false }))
  const pathParams = new Map(
    params.filter((p) => p.type === 'path').map((p) => [p.name, p.value ?? '']),
  )
  // Bruno repeats the enabled query rows in the URL; the rows are the full list.
  const { url: bare, query: inUrl } = splitQuery(json.http?.url ?? '')
  const { url, variables } = replacePathParams(bare, pathParams)
  const mapped = mapAuth(rawAuth(json.http?.auth ?? 'none', json.auth), where, skipped)
  const scripts = scriptsOf(json)
  const captures = capturesOf(json, where, scripts)
  const checks = checksOf(json, where, skipped)
  const request = newRequest({
    name,
    method: toMethod(json.http?.method, where),
    url,
    query: [...(query.length ? query : inUrl), ...(mapped.query ? [mapped.query] : [])],
    headers: rows(json.headers),
    auth: mapped.auth,
  })
  const body = bodyOf(json, where, skipped)
  if (body) request.body = body
  const requestVars: CollectionVariable[] = [
    ...variables,
    ...(json.vars?.req ?? []).map((v) => ({ name: v.name, value: v.value, enabled: v.enabled })),
  ]
  if (requestVars.length) request.variables = requestVars
  if (captures.length) request.captures = captures
  if (checks.length) request.checks = checks
  if (json.docs?.trim()) request.docs = json.docs
  if (scripts.length) request.scripts = scripts
  return request
}

interface Ordered {
  seq: number
  item: CollectionItem
}

const bySeq = (a: Ordered, b: Ordered) => a.seq - b.seq || a.item.name.localeCompare(b.item.name)

/** Headers set on a folder or the collection apply to every request below it. */
function addInheritedHeaders(items: CollectionItem[], headers: KeyValueRow[]): void {
  if (!headers.length) return
  for (const item of items) {
    if (item.type === 'folder') addInheritedHeaders(item.items, headers)
    else {
      const own = new Set(item.headers.map((h) => h.name.toLowerCase()))
      item.headers = [
        ...headers.filter((h) => !own.has(h.name.toLowerCase())).map((h) => ({ ...h })),
        ...item.headers,
      ]
    }
  }
}

export function mapBruno(source: BrunoFiles): ImportResult {
  const { label, files } = source
  const skipped: SkippedItem[] = []
  const notes: string[] = []
  const config = parseJsonFile(files.get('bruno.json') ?? '{}', `${label}/bruno.json`) as {
    name?: unknown
  }
  const collectionJson = files.has('collection.bru')
    ? parse(label, 'collection.bru', files.get('collection.bru')!, collectionBruToJson)
    : {}

  // Folders: build the tree from the file paths.
  const folders = new Map<
    string,
    { folder: CollectionFolder; children: Ordered[]; seq: number; headers: KeyValueRow[] }
  >()
  const root: Ordered[] = []
  const childrenOf = (dir: string): Ordered[] => {
    if (dir === '') return root
    let entry = folders.get(dir)
    if (!entry) {
      const folder: CollectionFolder = { type: 'folder', name: dir.split('/').at(-1)!, items: [] }
      entry = { folder, children: [], seq: Number.POSITIVE_INFINITY, headers: [] }
      folders.set(dir, entry)
      const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''
      childrenOf(parent).push({ seq: Number.NaN, item: folder })
    }
    return entry.children
  }
  const environments: ImportResult['environments'] = []
  for (const [path, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!path.endsWith('.bru') || path === 'collection.bru') continue
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    const file = path.slice(dir ? dir.length + 1 : 0, -'.bru'.length)
    if (dir === 'environments') {
      const env = parse(label, path, text, bruToEnvJsonV2)
      environments.push({
        name: file,
        // A secret's value is never in the file; the vault holds it once the user enters it.
        variables: env.variables.map((v) => ({
          name: v.name,
          value: v.secret ? '' : (v.value ?? ''),
          enabled: v.enabled !== false,
          ...(v.secret ? { secret: true } : {}),
        })),
      })
      continue
    }
    if (file === 'folder') {
      const json = parse(label, path, text, collectionBruToJson)
      childrenOf(dir)
      const entry = folders.get(dir)!
      if (json.meta?.name) entry.folder.name = json.meta.name
      if (json.meta?.seq !== undefined) entry.seq = Number(json.meta.seq)
      entry.headers = rows(json.headers)
      if (json.auth?.mode)
        entry.folder.auth = mapAuth(
          rawAuth(json.auth.mode, json.auth),
          `folder “${entry.folder.name}”`,
          skipped,
        ).auth
      if (json.docs?.trim()) entry.folder.docs = json.docs
      const scripts = scriptsOf(json)
      if (scripts.length) entry.folder.scripts = scripts
      continue
    }
    const json = parse(label, path, text, bruToJsonV2)
    const request = mapRequest(
      json,
      file,
      path.slice(0, -'.bru'.length).split('/').join(' / '),
      skipped,
    )
    if (request)
      childrenOf(dir).push({
        seq: Number(json.meta?.seq ?? Number.POSITIVE_INFINITY),
        item: request,
      })
  }
  // Resolve folder order now that every folder.bru has been read, deepest first.
  const resolve = (list: Ordered[]): CollectionItem[] =>
    list
      .map((o) => {
        if (o.item.type !== 'folder') return o
        const entry = [...folders.values()].find((e) => e.folder === o.item)!
        entry.folder.items = resolve(entry.children)
        addInheritedHeaders(entry.folder.items, entry.headers)
        return { seq: entry.seq, item: entry.folder }
      })
      .sort(bySeq)
      .map((o) => o.item)

  const tree: CollectionTree = {
    name: typeof config.name === 'string' && config.name.trim() ? config.name : label,
    variables: (collectionJson.vars?.req ?? []).map((v) => ({
      name: v.name,
      value: v.value,
      enabled: v.enabled,
    })),
    items: resolve(root),
  }
  addInheritedHeaders(tree.items, rows(collectionJson.headers))
  if (collectionJson.auth?.mode)
    tree.auth = mapAuth(
      rawAuth(collectionJson.auth.mode, collectionJson.auth),
      'the collection',
      skipped,
    ).auth
  if (collectionJson.docs?.trim()) tree.docs = collectionJson.docs
  const collectionScripts = scriptsOf(collectionJson)
  const tokenScript = collectionScripts.some((s) => isTokenScript(s.text))
  const kept = collectionScripts.filter((s) => !isTokenScript(s.text))
  if (kept.length) tree.scripts = kept
  if (tokenScript) notes.push(TOKEN_SCRIPT_NOTE)
  applyTrustpilotMapping(tree, environments, tokenScript, skipped, notes)
  return { format: 'bruno', collection: tree, environments, skipped, notes }
}

/** Reads and maps a Bruno collection folder. */
export async function importBruno(dir: string): Promise<ImportResult> {
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new ImportError('import:unreadable', `${dir} is not a folder.`, {
      file: dir,
      expected: 'a Bruno collection folder',
    })
  }
  return mapBruno(await readBrunoFolder(dir))
}
