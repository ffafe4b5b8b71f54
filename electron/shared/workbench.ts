/**
 * The request workbench as the renderer sees it: the draft request (schema-checked at the IPC
 * boundary), the response summary, body slices, history entries and snippets. No Node, no DOM.
 */
import { z } from 'zod'
import { profileIdSchema } from './profile'
import {
  MAX_URL_LENGTH,
  MAX_ROWS,
  MAX_REQUEST_BODY_CHARS,
  MAX_SLICE_CHARS,
  MAX_TIMEOUT_MS,
  HTTP_METHODS,
  SNIPPET_LANGUAGES,
} from './workbench-limits'
import type { SnippetLanguage } from './workbench-limits'

// The limits and constants live apart from the schemas so the renderer can import them without zod.
export * from './workbench-limits'

export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a request id')

export const keyValueRowSchema = z
  .object({
    name: z.string().max(500),
    value: z.string().max(MAX_URL_LENGTH),
    enabled: z.boolean().default(true),
  })
  .strict()
export type KeyValueRow = z.input<typeof keyValueRowSchema>

export const requestBodySchema = z
  .object({
    kind: z.enum(['none', 'json', 'form', 'text']),
    text: z.string().max(MAX_REQUEST_BODY_CHARS).optional(),
    fields: z.array(keyValueRowSchema).max(MAX_ROWS).optional(),
  })
  .strict()
export type RequestBody = z.input<typeof requestBodySchema>

export const requestAuthSchema = z.enum(['token', 'apikey', 'none'])
export type RequestAuth = z.infer<typeof requestAuthSchema>

export const draftRequestSchema = z
  .object({
    profileId: profileIdSchema,
    method: z.enum(HTTP_METHODS),
    url: z.string().trim().min(1, 'the URL is empty').max(MAX_URL_LENGTH),
    query: z.array(keyValueRowSchema).max(MAX_ROWS).default([]),
    headers: z.array(keyValueRowSchema).max(MAX_ROWS).default([]),
    body: requestBodySchema.optional(),
    auth: requestAuthSchema.default('token'),
    endpointId: z.string().max(100).optional(),
    timeoutMs: z.number().int().min(1).max(MAX_TIMEOUT_MS).optional(),
  })
  .strict()
/** What the renderer sends (defaults optional). */
export type DraftRequest = z.input<typeof draftRequestSchema>
/** After parsing (defaults filled). */
export type ParsedDraftRequest = z.output<typeof draftRequestSchema>

/** `http:send`: the draft, plus an id chosen by the renderer so it can cancel before the answer. */
export const sendRequestSchema = draftRequestSchema.extend({
  requestId: requestIdSchema.optional(),
})

export type BodyKind = 'json' | 'html' | 'text' | 'binary' | 'empty'

/** The request as it went out, secrets masked. */
export interface RequestEcho {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

export interface ResponseSummary {
  requestId: string
  /** Key for `http:body`, `http:save-body`, `http:copy-body` while the body is kept in main. */
  responseId: string
  historyId: string
  endpointId?: string
  request: RequestEcho
  status: number
  statusText: string
  /** One line: what this status usually means here. */
  meaning: string
  headers: Record<string, string>
  contentType: string
  kind: BodyKind
  /** Body size in bytes. */
  size: number
  timing: { startedAt: number; totalMs: number; ttfbMs: number }
  /** The first answer rejected the token; the call was repeated once with a new one. */
  retried: boolean
  tokenAttached: boolean
  /** What main did and why: token attached or not, headers added. */
  notes: string[]
  /** What may be wrong with the request (missing business user id, ...). */
  warnings: string[]
  /** The body, when it is text and at most INLINE_BODY_LIMIT bytes. */
  body?: string
  /** Over LARGE_BODY_LIMIT: not sent to the viewer unless asked (view in slices, save, copy). */
  large: boolean
  /** A pretty-printed JSON version can be fetched with `http:body` view `pretty`. */
  prettyAvailable: boolean
  /** Set when this is a response recorded in history (re-opened), not a fresh one. */
  recorded?: { at: number; bodyTruncated: boolean }
}

export const bodyViewSchema = z.enum(['raw', 'pretty', 'base64'])
export type BodyView = z.infer<typeof bodyViewSchema>

export const responseIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a response id')

export const bodySliceSchema = z
  .object({
    responseId: responseIdSchema,
    offset: z.number().int().min(0).default(0),
    length: z
      .number()
      .int()
      .min(1)
      .max(MAX_SLICE_CHARS)
      .default(256 * 1024),
    view: bodyViewSchema.default('raw'),
  })
  .strict()

export interface BodySlice {
  responseId: string
  view: BodyView
  /** Characters for raw/pretty, bytes for base64. */
  offset: number
  text: string
  /** Total characters (raw/pretty) or bytes (base64) of the whole body. */
  total: number
  done: boolean
}

export const bodyActionSchema = z
  .object({ responseId: responseIdSchema, view: z.enum(['raw', 'pretty']).default('raw') })
  .strict()

export interface SaveBodyResult {
  saved: boolean
  path?: string
  bytes?: number
}

// ---- history ---------------------------------------------------------------------------------

export const historyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a history id')

export const historyListSchema = z
  .object({
    query: z.string().max(500).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(50), // up to the whole default cap
  })
  .strict()

/** One row of the history list. */
export interface HistorySummary {
  id: string
  at: number
  profileId: string
  method: string
  /** Resolved URL, secrets masked. */
  url: string
  status?: number
  endpointId?: string
  endpointName?: string
  durationMs?: number
  /** Set when no response arrived (timeout, cancelled, connection refused). */
  error?: string
  /** The user cancelled it (listed as cancelled, not failed). */
  cancelled?: boolean
}

export interface HistoryEntry extends HistorySummary {
  /** The draft as written (with `{{variables}}`), secrets masked: re-open or re-send it. */
  draft: ParsedDraftRequest
  request: RequestEcho
  response?: {
    status: number
    statusText: string
    headers: Record<string, string>
    contentType: string
    kind: BodyKind
    size: number
    retried: boolean
    notes: string[]
    warnings: string[]
    /** Cut at 256 KB. */
    body?: string
    bodyTruncated: boolean
  }
}

export interface HistoryListResult {
  entries: HistorySummary[]
  total: number
  /** Lines of history.jsonl that could not be read (skipped). */
  damaged: number
  /** Set when the history file could not be written. */
  error?: string
}

// ---- snippets --------------------------------------------------------------------------------

export const snippetRequestSchema = z
  .object({
    draft: draftRequestSchema,
    languages: z.array(z.enum(SNIPPET_LANGUAGES)).min(1).max(3).optional(),
    /** Only when the user explicitly asks: the real token and API key instead of `$TP_…` references. */
    includeSecrets: z.boolean().default(false),
  })
  .strict()

export interface Snippet {
  language: SnippetLanguage
  code: string
}

export interface SnippetResult {
  snippets: Snippet[]
  /** Environment variables the snippets expect, e.g. TP_ACCESS_TOKEN. */
  envVars: string[]
  notes: string[]
}

// ---- open tabs ----------------------------------------------------------------------------------

export interface TabsLoadResult {
  /** The last saved snapshot, or null when there is none (or it could not be read). */
  json: string | null
  /** Said to the user when a snapshot existed but could not be decrypted. */
  note?: string
  /** A snapshot kept aside as unreadable is still kept (offer Try again and Forget). */
  unreadable?: boolean
  /** Snapshots kept aside earlier that can be read now: reopen their tabs ahead of the others. */
  recovered?: string[]
}
