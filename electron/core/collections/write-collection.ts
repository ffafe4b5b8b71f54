/** Serializing collection files (YAML, stable key order, empty parts left out, no secret values). */
import { stringify } from 'yaml'
import type { CollectionVariable, SavedAuth, SavedRequest } from '../../shared/collection'
import { FORMAT_VERSION } from './format'

const YAML_OPTIONS = { lineWidth: 0 } as const

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue
    if (Array.isArray(v) && v.length === 0 && k !== 'order') continue
    out[k] = v
  }
  return out as Partial<T>
}

/** A variable as written: a secret one never carries its value. */
export function variableForFile(v: CollectionVariable): CollectionVariable {
  const out: CollectionVariable = { name: v.name, value: v.secret ? '' : v.value }
  if (v.secret) out.secret = true
  if (v.enabled === false) out.enabled = false
  return out
}

export function requestYaml(r: SavedRequest): string {
  const body = r.body && r.body.kind !== 'none' ? r.body : undefined
  return stringify(
    compact({
      version: FORMAT_VERSION,
      name: r.name,
      method: r.method,
      url: r.url,
      query: r.query,
      headers: r.headers,
      body,
      auth: r.auth,
      variables: r.variables?.map(variableForFile),
      captures: r.captures,
      checks: r.checks,
      timeoutMs: r.timeoutMs,
      endpointId: r.endpointId,
      docs: r.docs,
      scripts: r.scripts,
    }),
    YAML_OPTIONS,
  )
}

export function folderYaml(f: {
  name: string
  order: string[]
  auth?: SavedAuth
  docs?: string
  scripts?: unknown[]
}): string {
  return stringify(
    compact({
      version: FORMAT_VERSION,
      name: f.name,
      order: f.order,
      auth: f.auth,
      docs: f.docs,
      scripts: f.scripts,
    }),
    YAML_OPTIONS,
  )
}

export function collectionYaml(c: {
  id: string
  name: string
  variables: CollectionVariable[]
  order: string[]
  auth?: SavedAuth
  docs?: string
  scripts?: unknown[]
}): string {
  return stringify(
    compact({
      version: FORMAT_VERSION,
      id: c.id,
      name: c.name,
      variables: c.variables.map(variableForFile),
      auth: c.auth,
      order: c.order,
      docs: c.docs,
      scripts: c.scripts,
    }),
    YAML_OPTIONS,
  )
}
