/**
 * A collection or folder as Postman Collection v2.1 JSON. Variables stay `{{names}}`; a secret
 * variable is listed by name with no value; the profile's token and API key become Postman auth
 * that refers to `{{token}}` and `{{apiKey}}`, which the app maps back on import.
 */
import type {
  CollectionItem,
  CollectionTree,
  CollectionVariable,
  KeptScript,
  SavedAuth,
  SavedRequest,
} from '../../shared/collection'
import type { KeyValueRow } from '../../shared/workbench'
import { urlWithQuery } from './url'

export const POSTMAN_SCHEMA_V21 =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

type Json = Record<string, unknown>

const kv = (rows: readonly KeyValueRow[]) =>
  rows.map((r) => ({
    key: r.name,
    value: r.value,
    ...(r.enabled === false ? { disabled: true } : {}),
  }))

function authOf(auth: SavedAuth | undefined): Json | undefined {
  const pairs = (type: string, entries: Record<string, string>) => ({
    type,
    [type]: Object.entries(entries).map(([key, value]) => ({ key, value, type: 'string' })),
  })
  switch (auth?.kind) {
    case undefined:
    case 'inherit':
      return undefined
    case 'profile-token':
      return pairs('bearer', { token: '{{token}}' })
    case 'profile-apikey':
      return pairs('apikey', { key: 'apikey', value: '{{apiKey}}', in: 'header' })
    case 'none':
      return { type: 'noauth' }
    case 'bearer':
      return pairs('bearer', { token: auth.token })
    case 'basic':
      return pairs('basic', { username: auth.username, password: auth.password })
    case 'header':
      return pairs('apikey', { key: auth.name, value: auth.value, in: 'header' })
  }
}

const EVENT_OF: Record<string, string> = {
  'event:prerequest': 'prerequest',
  'event:test': 'test',
  'script:pre-request': 'prerequest',
  'script:post-response': 'test',
  tests: 'test',
}

function eventsOf(scripts: readonly KeptScript[] | undefined): Json[] | undefined {
  const events = (scripts ?? [])
    .filter((s) => EVENT_OF[s.kind])
    .map((s) => ({
      listen: EVENT_OF[s.kind],
      script: { type: 'text/javascript', exec: s.text.split('\n') },
    }))
  return events.length ? events : undefined
}

function urlOf(request: SavedRequest): Json {
  // Request variables that name a `{{segment}}` become Postman path variables (`:name`).
  const pathVars = (request.variables ?? []).filter((v) => request.url.includes(`/{{${v.name}}}`))
  let url = request.url
  for (const v of pathVars) url = url.replace(`/{{${v.name}}}`, `/:${v.name}`)
  const raw = urlWithQuery(url, request.query)
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)
  const rest = scheme ? url.slice(scheme[0].length) : url
  const [host = '', ...path] = rest.split('/')
  return {
    raw,
    ...(scheme ? { protocol: scheme[1] } : {}),
    host: scheme ? host.split('.') : [host],
    path,
    ...(request.query.length ? { query: kv(request.query) } : {}),
    ...(pathVars.length
      ? { variable: pathVars.map((v) => ({ key: v.name, value: v.value })) }
      : {}),
  }
}

function bodyOf(request: SavedRequest): Json | undefined {
  const b = request.body
  if (!b || b.kind === 'none') return undefined
  if (b.kind === 'form') return { mode: 'urlencoded', urlencoded: kv(b.fields ?? []) }
  return {
    mode: 'raw',
    raw: b.text ?? '',
    ...(b.kind === 'json' ? { options: { raw: { language: 'json' } } } : {}),
  }
}

function itemOf(item: CollectionItem): Json {
  if (item.type === 'folder') {
    const auth = authOf(item.auth)
    const event = eventsOf(item.scripts)
    return {
      name: item.name,
      ...(item.docs ? { description: item.docs } : {}),
      item: item.items.map(itemOf),
      ...(auth ? { auth } : {}),
      ...(event ? { event } : {}),
    }
  }
  const auth = authOf(item.auth)
  const body = bodyOf(item)
  const event = eventsOf(item.scripts)
  return {
    name: item.name,
    request: {
      method: item.method,
      header: kv(item.headers),
      url: urlOf(item),
      ...(body ? { body } : {}),
      ...(auth ? { auth } : {}),
      ...(item.docs ? { description: item.docs } : {}),
    },
    ...(event ? { event } : {}),
  }
}

const variablesOf = (vars: readonly CollectionVariable[]) =>
  vars.map((v) =>
    v.secret
      ? { key: v.name, value: '', type: 'secret' }
      : { key: v.name, value: v.value, ...(v.enabled === false ? { disabled: true } : {}) },
  )

export function toPostman(tree: CollectionTree): Json {
  const auth = authOf(tree.auth)
  const event = eventsOf(tree.scripts)
  return {
    info: {
      name: tree.name,
      ...(tree.docs ? { description: tree.docs } : {}),
      schema: POSTMAN_SCHEMA_V21,
    },
    item: tree.items.map(itemOf),
    ...(auth ? { auth } : {}),
    ...(event ? { event } : {}),
    ...(tree.variables.length ? { variable: variablesOf(tree.variables) } : {}),
  }
}

export const toPostmanJson = (tree: CollectionTree): string =>
  `${JSON.stringify(toPostman(tree), null, 2)}\n`
