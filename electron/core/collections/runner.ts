/**
 * The collection runner: sends a folder's (or the whole collection's) requests in order against
 * one profile, through the same send pipeline as the workbench (one token manager: one token for
 * the run, refreshed when due, one retry after a 401), with checks, captures for chaining,
 * stop-at-first-failure, a delay between requests, progress and cancel.
 */
import type { SavedAuth } from '../../shared/collection'
import { effectiveAuth, savedToDraft } from '../../shared/collection-draft'
import type {
  RunItemResult,
  StoredFolder,
  StoredItem,
  StoredRequest,
} from '../../shared/collections-api'
import { HandlerError } from '../../shared/result'
import type { ScopeValues } from '../../shared/variable-scopes'
import {
  draftRequestSchema,
  type ParsedDraftRequest,
  type ResponseSummary,
} from '../../shared/workbench'
import { applyCaptures, evaluateChecks } from './chaining'
import { scopeOf, substituteDraft } from './variables'

/** How the runner sends one request: the app and the CLI each give theirs. */
export interface RunSender {
  /** Sends a draft; `secrets` are values substituted into it, scrubbed from anything recorded. */
  send(draft: ParsedDraftRequest, secrets: string[], requestId: string): Promise<ResponseSummary>
  /** The whole body text of a response (inline ones come with the summary). */
  bodyText(summary: ResponseSummary): Promise<string | undefined>
  cancel(requestId: string): void
}

/** A request to run, with the auth of its enclosing folders (innermost first). */
export interface PlannedRequest {
  request: StoredRequest
  folder: string
  enclosingAuth: (SavedAuth | undefined)[]
}

export interface RunInput {
  profileId: string
  collectionAuth?: SavedAuth
  items: StoredItem[]
  /** '' for everything, a folder's path, or one request's path. */
  path: string
  /** Collection scope, already holding secret values (main only); captures are added to it. */
  collectionScope: ScopeValues
  profileScope: ScopeValues
  /** Secret values of request-scope variables, by name. */
  requestSecrets: (request: StoredRequest) => Promise<Record<string, string>>
}

export interface RunOptions {
  stopOnFailure?: boolean
  delayMs?: number
  signal?: { aborted: boolean }
  onProgress?: (done: number, total: number, results: RunItemResult[], current?: string) => void
  /** Called with each captured value (the app keeps them for later sends). */
  onCapture?: (name: string, value: string) => void
  sleep?: (ms: number) => Promise<void>
  newRequestId?: () => string
}

/** The requests under `path` in order, with their folders' auth. */
export function planRun(
  items: StoredItem[],
  path: string,
  collectionAuth?: SavedAuth,
): PlannedRequest[] {
  const out: PlannedRequest[] = []
  const walk = (
    list: StoredItem[],
    folder: string,
    chain: (SavedAuth | undefined)[],
    inside: boolean,
  ) => {
    for (const item of list) {
      const hit = inside || item.path === path
      if (item.type === 'request') {
        if (hit) out.push({ request: item, folder, enclosingAuth: chain })
      } else {
        const f = item as StoredFolder
        walk(f.items, f.name, [f.auth, ...chain], hit)
      }
    }
  }
  walk(items, '', [collectionAuth], path === '')
  if (!out.length && path !== '')
    throw new HandlerError('not-found', `Nothing to run at “${path}”.`)
  return out
}

let seq = 0
const defaultId = (): string => `run${Date.now().toString(36)}${(seq++).toString(36)}`

export async function runRequests(
  input: RunInput,
  sender: RunSender,
  options: RunOptions = {},
): Promise<RunItemResult[]> {
  const plan = planRun(input.items, input.path, input.collectionAuth)
  const results: RunItemResult[] = []
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  const collection = { ...input.collectionScope, values: { ...input.collectionScope.values } }
  options.onProgress?.(0, plan.length, results, plan[0]?.request.name)
  for (const [i, planned] of plan.entries()) {
    if (options.signal?.aborted) break
    if (i > 0 && options.delayMs) {
      await sleep(options.delayMs)
      if (options.signal?.aborted) break
    }
    const result = await runOne(planned, input, collection, sender, options)
    results.push(result)
    options.onProgress?.(i + 1, plan.length, results, plan[i + 1]?.request.name)
    if (!result.ok && options.stopOnFailure) break
  }
  return results
}

async function runOne(
  planned: PlannedRequest,
  input: RunInput,
  collection: ScopeValues,
  sender: RunSender,
  options: RunOptions,
): Promise<RunItemResult> {
  const { request, folder } = planned
  const base: RunItemResult = {
    name: request.name,
    path: request.path,
    folder,
    method: request.method,
    url: request.url,
    ok: false,
    ms: 0,
    checks: [],
    problems: [],
    captured: [],
  }
  const started = performance.now()
  try {
    const auth = effectiveAuth(request.auth, planned.enclosingAuth)
    const parts = savedToDraft(request, auth)
    const draft = draftRequestSchema.parse({ profileId: input.profileId, ...parts })
    const scopes = [
      scopeOf('request', request.variables, await input.requestSecrets(request)),
      collection,
      input.profileScope,
    ]
    const { draft: ready, secrets } = substituteDraft(draft, scopes)
    const summary = await sender.send(ready, secrets, (options.newRequestId ?? defaultId)())
    base.url = summary.request.url
    base.status = summary.status
    base.ms = Math.round(summary.timing.totalMs)
    base.size = summary.size
    base.historyId = summary.historyId
    base.responseId = summary.responseId
    const facts = {
      status: summary.status,
      headers: summary.headers,
      body: await sender.bodyText(summary),
    }
    base.checks = evaluateChecks(request.checks, facts)
    const captured = applyCaptures(request.captures, facts)
    base.problems.push(...captured.problems)
    for (const [name, value] of Object.entries(captured.values)) {
      collection.values[name] = value
      base.captured.push(name)
      options.onCapture?.(name, value)
    }
    base.ok = base.checks.every((c) => c.ok) && captured.problems.length === 0
  } catch (error) {
    base.ms = Math.round(performance.now() - started)
    base.error = error instanceof Error ? error.message : String(error)
  }
  return base
}
