/**
 * Collections: saved requests in folders, with variables, captures (chaining) and checks.
 *
 * This is the in-memory model shared by the collection store (on disk), the importers
 * (Bruno, Postman, cURL, OpenAPI), the exporters, the collection runner and the renderer.
 * It is plain data: no ids tied to files, no Node, no DOM. The store adds file locations;
 * importers produce a `CollectionTree` that the store then writes.
 *
 * Secrets never live in this model as values: a variable marked `secret` carries no value here
 * (the store keeps it in the encrypted vault, keyed by collection and variable name).
 */
import type { HTTP_METHODS, KeyValueRow, RequestBody } from './workbench'

export type HttpMethod = (typeof HTTP_METHODS)[number]

/** A user variable at one scope (request, collection or profile). */
export interface CollectionVariable {
  name: string
  /** Empty for a secret variable (its value lives in the vault) and for a placeholder. */
  value: string
  /** Secret values are kept encrypted and shown masked; they are never written to files or exports. */
  secret?: boolean
  enabled?: boolean
}

/**
 * How a saved request authenticates.
 * - `profile-token`: the active profile's token manager attaches a bearer token (the default).
 * - `profile-apikey`: the active profile's API key as the `apikey` header.
 * - `none`: nothing attached.
 * - `inherit`: whatever the enclosing folder or collection says (resolved before sending).
 * - `bearer`: a literal or `{{variable}}` token that is not the profile's (kept as written).
 * - `basic`: username/password, usually `{{variables}}`, sent as a Basic header.
 * - `header`: a named header with a literal or `{{variable}}` value (an API key of another kind).
 */
export type SavedAuth =
  | { kind: 'profile-token' }
  | { kind: 'profile-apikey' }
  | { kind: 'none' }
  | { kind: 'inherit' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; name: string; value: string }

/** Saves a value from a response into a variable, so the next request can use it. */
export interface Capture {
  /** Variable name to set (collection scope for the rest of the run). */
  variable: string
  from: 'body' | 'header'
  /** For `body`: a JSON path such as `reviews[0].id`; for `header`: the header name. */
  path: string
}

/** A simple check of the response; the runner reports each one. */
export interface Check {
  /** `status` compares the status code with `equals` (e.g. `200`) or a class (`2xx`). */
  kind: 'status' | 'json-exists' | 'json-equals'
  /** JSON path for the json checks. */
  path?: string
  /** Expected value: a status (`200`, `2xx`) or, for `json-equals`, the JSON-encoded value or plain text. */
  equals?: string
}

/** A script or test block from an imported collection: kept as text, never run. */
export interface KeptScript {
  /** Where it came from, e.g. `script:pre-request`, `tests`, `event:prerequest`. */
  kind: string
  text: string
}

export interface SavedRequest {
  type: 'request'
  name: string
  method: HttpMethod
  /** As written, with `{{variables}}` (and `:name` path segments from Bruno become `{{name}}`). */
  url: string
  query: KeyValueRow[]
  headers: KeyValueRow[]
  body?: RequestBody
  auth: SavedAuth
  /** Request-scope variables (highest precedence). */
  variables?: CollectionVariable[]
  captures?: Capture[]
  /** When absent, the runner expects a 2xx status. */
  checks?: Check[]
  docs?: string
  scripts?: KeptScript[]
  timeoutMs?: number
  /** The catalogue entry this request was made from, if any. */
  endpointId?: string
}

export interface CollectionFolder {
  type: 'folder'
  name: string
  /** Requests and subfolders in their saved order. */
  items: CollectionItem[]
  /** Folder-level auth that `inherit` requests below it use. */
  auth?: SavedAuth
  docs?: string
  scripts?: KeptScript[]
}

export type CollectionItem = SavedRequest | CollectionFolder

/** A whole collection as data: what importers produce and the store reads and writes. */
export interface CollectionTree {
  name: string
  /** Collection-scope variables. */
  variables: CollectionVariable[]
  /** Collection-level auth that `inherit` requests use (default: the profile's token). */
  auth?: SavedAuth
  items: CollectionItem[]
  docs?: string
  scripts?: KeptScript[]
}

/** What an import leaves out, and why (shown in the summary before anything is written). */
export interface SkippedItem {
  what: string
  why: string
}

export type ImportFormat = 'bruno' | 'postman' | 'postman-environment' | 'openapi' | 'curl' | 'app'

/** The result of reading something importable; nothing is written until the user confirms. */
export interface ImportResult {
  format: ImportFormat
  collection: CollectionTree
  /** Environments that came with it (Bruno `environments/*.bru`, Postman environment files). */
  environments: { name: string; variables: CollectionVariable[] }[]
  skipped: SkippedItem[]
  /** Plain-language notes for the summary (e.g. "the collection's token script is not needed"). */
  notes: string[]
}
