/**
 * A collection or folder as a Bruno collection folder, written with Bruno's own serialiser
 * (`@usebruno/lang`). Variables stay `{{names}}`; secret variables are listed in an environment's
 * `vars:secret` by name only, never with a value.
 */
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import {
  envJsonToBruV2,
  jsonToBruV2,
  jsonToCollectionBru,
  type BruAuth,
  type BruRequestJson,
} from '@usebruno/lang'
import type {
  CollectionFolder,
  CollectionItem,
  CollectionTree,
  KeptScript,
  SavedAuth,
  SavedRequest,
} from '../../shared/collection'
import type { KeyValueRow } from '../../shared/workbench'
import { urlWithQuery } from './url'

function authOf(auth: SavedAuth | undefined): { mode: string; auth: BruAuth } {
  switch (auth?.kind) {
    case undefined:
    case 'inherit':
      return { mode: 'inherit', auth: {} }
    case 'profile-token':
      return { mode: 'bearer', auth: { bearer: { token: '{{token}}' } } }
    case 'profile-apikey':
      return {
        mode: 'apikey',
        auth: { apikey: { key: 'apikey', value: '{{apiKey}}', placement: 'header' } },
      }
    case 'none':
      return { mode: 'none', auth: {} }
    case 'bearer':
      return { mode: 'bearer', auth: { bearer: { token: auth.token } } }
    case 'basic':
      return {
        mode: 'basic',
        auth: { basic: { username: auth.username, password: auth.password } },
      }
    case 'header':
      return {
        mode: 'apikey',
        auth: { apikey: { key: auth.name, value: auth.value, placement: 'header' } },
      }
  }
}

const rows = (list: readonly KeyValueRow[]) =>
  list.map((r) => ({ name: r.name, value: r.value, enabled: r.enabled !== false }))

function scriptsOf(
  scripts: readonly KeptScript[] | undefined,
): Pick<BruRequestJson, 'script' | 'tests'> {
  const pick = (...kinds: string[]) =>
    scripts
      ?.filter((s) => kinds.includes(s.kind))
      .map((s) => s.text)
      .join('\n') || undefined
  const req = pick('script:pre-request', 'event:prerequest')
  const res = pick('script:post-response')
  const tests = pick('tests', 'event:test')
  return {
    ...(req || res ? { script: { ...(req ? { req } : {}), ...(res ? { res } : {}) } } : {}),
    ...(tests ? { tests } : {}),
  }
}

const BODY_MODE = { json: 'json', text: 'text', form: 'formUrlEncoded', none: 'none' } as const

function requestJson(request: SavedRequest, seq: number): BruRequestJson {
  const { mode, auth } = authOf(request.auth)
  const body = request.body
  const kind = body?.kind ?? 'none'
  const json: BruRequestJson = {
    meta: { name: request.name, type: 'http', seq },
    http: {
      method: request.method.toLowerCase(),
      url: urlWithQuery(request.url, request.query),
      body: BODY_MODE[kind],
      auth: mode,
    },
    params: request.query.map((q) => ({
      name: q.name,
      value: q.value,
      enabled: q.enabled !== false,
      type: 'query' as const,
    })),
    headers: rows(request.headers),
    auth,
    ...scriptsOf(request.scripts),
  }
  if (kind === 'json') json.body = { json: body?.text ?? '' }
  else if (kind === 'text') json.body = { text: body?.text ?? '' }
  else if (kind === 'form') json.body = { formUrlEncoded: rows(body?.fields ?? []) }
  const req = (request.variables ?? []).map((v) => ({
    name: v.name,
    value: v.secret ? '' : v.value,
    enabled: v.enabled !== false,
    local: false,
  }))
  const res = (request.captures ?? []).map((c) => ({
    name: c.variable,
    value: c.from === 'body' ? `res.body.${c.path}` : `res.headers['${c.path}']`,
    enabled: true,
    local: false,
  }))
  if (req.length || res.length)
    json.vars = { ...(req.length ? { req } : {}), ...(res.length ? { res } : {}) }
  const asserts = (request.checks ?? [])
    .filter((c) => c.kind === 'status' && /^\d{3}$/.test(c.equals ?? ''))
    .map((c) => ({ name: 'res.status', value: `eq ${c.equals}`, enabled: true }))
  if (asserts.length) json.assertions = asserts
  if (request.docs) json.docs = request.docs
  return json
}

/** A name safe as a file or folder name on every OS. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '-' : c))
    .join('')
    .replace(/[. ]+$/, '')
    .trim()
  return cleaned.slice(0, 120) || 'untitled'
}

function folderJson(folder: CollectionFolder, seq: number): string {
  const { mode, auth } = authOf(folder.auth)
  return jsonToCollectionBru({
    meta: { name: folder.name, seq },
    ...(folder.auth ? { auth: { mode, ...auth } } : {}),
    ...scriptsOf(folder.scripts),
    ...(folder.docs ? { docs: folder.docs } : {}),
  })
}

/** The files of the Bruno folder, by relative path. */
export function toBrunoFiles(tree: CollectionTree): Map<string, string> {
  const files = new Map<string, string>()
  files.set(
    'bruno.json',
    `${JSON.stringify({ version: '1', name: tree.name, type: 'collection', ignore: ['node_modules', '.git'] }, null, 2)}\n`,
  )
  const { mode, auth } = authOf(tree.auth)
  const plain = tree.variables.filter((v) => !v.secret)
  files.set(
    'collection.bru',
    jsonToCollectionBru({
      ...(tree.auth ? { auth: { mode, ...auth } } : {}),
      ...(plain.length
        ? {
            vars: {
              req: plain.map((v) => ({
                name: v.name,
                value: v.value,
                enabled: v.enabled !== false,
                local: false,
              })),
            },
          }
        : {}),
      ...scriptsOf(tree.scripts),
      ...(tree.docs ? { docs: tree.docs } : {}),
    }),
  )
  const secrets = tree.variables.filter((v) => v.secret)
  if (secrets.length) {
    files.set(
      'environments/Secrets.bru',
      envJsonToBruV2({
        variables: secrets.map((v) => ({ name: v.name, value: '', enabled: true, secret: true })),
      }),
    )
  }
  const add = (items: readonly CollectionItem[], dir: string) => {
    const used = new Set<string>(dir === '' ? ['collection', 'environments'] : ['folder'])
    const unique = (name: string) => {
      let candidate = safeFileName(name)
      for (let n = 2; used.has(candidate.toLowerCase()); n++)
        candidate = `${safeFileName(name)} (${n})`
      used.add(candidate.toLowerCase())
      return candidate
    }
    items.forEach((item, index) => {
      const name = unique(item.name)
      const path = dir ? `${dir}/${name}` : name
      if (item.type === 'folder') {
        files.set(`${path}/folder.bru`, folderJson(item, index + 1))
        add(item.items, path)
      } else files.set(`${path}.bru`, jsonToBruV2(requestJson(item, index + 1)))
    })
  }
  add(tree.items, '')
  return files
}

/**
 * Writes the folder: into a temporary sibling first, renamed into place at the end, so a failure
 * leaves nothing half-written. An existing non-empty folder is never overwritten.
 */
export async function writeBrunoFolder(
  out: string,
  files: ReadonlyMap<string, string>,
): Promise<void> {
  const target = resolve(out)
  const existing = await readdir(target).catch(() => undefined)
  if (existing && existing.length > 0)
    throw new Error(`${out} already exists and is not empty; choose a new folder.`)
  await mkdir(dirname(target), { recursive: true })
  const temp = await mkdtemp(`${target}.partial-`)
  try {
    for (const [path, text] of files) {
      await mkdir(dirname(join(temp, path)), { recursive: true })
      await writeFile(join(temp, path), text, 'utf8')
    }
    if (existing) await rm(target, { recursive: true })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}
