/**
 * The workbench's limits and constants, with no zod: the renderer imports these values from here
 * (its bundle then carries no schema code); `workbench.ts` re-exports them beside the schemas.
 */
export const MAX_URL_LENGTH = 8_000
export const MAX_ROWS = 200
export const MAX_REQUEST_BODY_CHARS = 10_000_000
/** Bodies up to this size come back inline with `http:send`; larger ones through `http:body`. */
export const INLINE_BODY_LIMIT = 256 * 1024
/** Bodies above this are not shown until asked: the UI offers view (raw)/save/copy. */
export const LARGE_BODY_LIMIT = 100 * 1024 * 1024
/** Most characters one `http:body` call returns. */
export const MAX_SLICE_CHARS = 4 * 1024 * 1024
export const MAX_TIMEOUT_MS = 10 * 60_000
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export const SNIPPET_LANGUAGES = ['curl', 'fetch', 'python'] as const
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number]

/** Environment variables snippets use instead of secrets. */
export const SNIPPET_ENV = { accessToken: 'TP_ACCESS_TOKEN', apiKey: 'TP_API_KEY' } as const

/** Largest tabs snapshot main keeps (bodies of unsent drafts included). */
export const MAX_TABS_SNAPSHOT = 20 * 1024 * 1024
