/**
 * The request workbench behind the `http:*`, `history:*` and `snippets:*` channels: the runner,
 * the kept response bodies, history and snippets, over one cached view of each profile.
 */
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HandlerError } from '../../shared/result'
import {
  draftRequestSchema,
  type BodySlice,
  type BodyView,
  type HistoryEntry,
  type HistoryListResult,
  type ParsedDraftRequest,
  type ResponseSummary,
  type SaveBodyResult,
  type SnippetLanguage,
  type SnippetResult,
} from '../../shared/workbench'
import type { FetchLike } from '../http/types'
import type { ProfileRepository } from '../profiles/profile-repository'
import type { AuthService } from '../services/auth-service'
import type { SandboxService } from '../services/sandbox-service'
import { BodyStore, type BodyStoreOptions } from './body-store'
import { HISTORY_FILE, HistoryStore, type HistoryOptions } from './history'
import { createRedactor } from '../redact'
import type { TokenStore } from '../token-store'
import { hasHeader } from './pipeline/resolve'
import { RequestRunner, type SendOptions, type WorkbenchContext } from './request-runner'
import { generateSnippets } from './snippets'
import { statusMeaning } from './status-meaning'

export interface SavePathRequest {
  defaultName: string
  contentType: string
}

/** Asks the user where to save (Electron: dialog.showSaveDialog); null when they cancel. */
export type ChooseSavePath = (request: SavePathRequest) => Promise<string | null>

export interface WorkbenchDeps {
  auth: AuthService
  profiles: ProfileRepository
  sandbox: SandboxService
  fetch: FetchLike
  dataDir: string
  /** Changes whenever a profile, secret or token is written, on disk or in memory (the context cache key). */
  generation: () => number
  /** Where every profile's tokens are kept: their values are masked in everything recorded. */
  tokenStore?: TokenStore
  /** More secret values to mask (e.g. secret variables); read when a context is built. */
  extraSecrets?: () => readonly string[]
  writeClipboard: (text: string) => void
  chooseSavePath?: ChooseSavePath
  now?: () => number
  history?: HistoryOptions
  bodies?: BodyStoreOptions
}

interface CachedContext {
  key: string
  context: WorkbenchContext
}

const EXTENSIONS: Record<string, string> = {
  json: 'json',
  html: 'html',
  text: 'txt',
  empty: 'txt',
  binary: 'bin',
}

function noPrettyVersion(kind: string): HandlerError {
  return new HandlerError(
    'not-available',
    kind === 'json'
      ? 'No pretty-printed version: the body is too large or not valid JSON.'
      : 'No pretty-printed version: the body is not JSON.',
  )
}

export class WorkbenchService {
  readonly bodies: BodyStore
  readonly history: HistoryStore
  readonly runner: RequestRunner
  private readonly contexts = new Map<string, CachedContext>()

  constructor(private readonly deps: WorkbenchDeps) {
    // Bodies larger than the store's cap go to a folder of their own in the system's temporary
    // folder (the app's temp folder under Electron), removed on dispose.
    this.bodies = new BodyStore({
      tempDir: join(tmpdir(), `tp-api-explorer-bodies-${process.pid}-${Date.now().toString(36)}`),
      ...deps.bodies,
    })
    this.history = new HistoryStore(join(deps.dataDir, HISTORY_FILE), deps.history)
    this.runner = new RequestRunner({
      context: (id) => this.context(id),
      fetch: deps.fetch,
      bodies: this.bodies,
      history: this.history,
      ...(deps.now ? { now: deps.now } : {}),
    })
  }

  /**
   * The profile, environment, token manager and redactor for a request. Reading them costs store
   * reads, decryption and hashing, so they are kept until a profile, secret or token is written
   * (on disk or in memory) or the sandbox changes: no time-based expiry, so an occasional send
   * is as cheap as a back-to-back one.
   */
  async context(profileId: string): Promise<WorkbenchContext> {
    const key = this.cacheKey()
    const cached = this.contexts.get(profileId)
    if (cached && cached.key === key) return cached.context
    const profile = this.deps.profiles.require(profileId)
    const env = this.deps.auth.environmentFor(profile)
    const manager = await this.deps.auth.manager(profileId)
    const redactor = createRedactor(await this.knownSecrets())
    const context: WorkbenchContext = { profile, env, manager, redactor }
    // Read the key again: a token stored meanwhile must not be cached under the old key.
    this.contexts.set(profileId, { key: this.cacheKey(), context })
    return context
  }

  /** Every secret value the app holds: all profiles' API secrets, passwords and tokens. */
  private async knownSecrets(): Promise<string[]> {
    const values: string[] = [...(this.deps.extraSecrets?.() ?? [])]
    for (const { id } of await this.deps.profiles.list()) {
      for (const field of ['apiSecret', 'password'] as const) {
        values.push((await this.deps.profiles.secret(id, field)) ?? '')
      }
      const token = await this.deps.tokenStore?.load(id).catch(() => null)
      if (token) values.push(token.accessToken, token.refreshToken ?? '')
    }
    return values
  }

  private sandboxSeen = new WeakMap<object, number>()
  private sandboxCount = 0

  private cacheKey(): string {
    const sandbox = this.deps.sandbox.current()
    let n = 0
    if (sandbox) {
      n = this.sandboxSeen.get(sandbox) ?? 0
      if (!n) this.sandboxSeen.set(sandbox, (n = ++this.sandboxCount))
    }
    return `${this.deps.generation()}|${n}`
  }

  send(
    draft: ParsedDraftRequest,
    requestId?: string,
    options?: SendOptions,
  ): Promise<ResponseSummary> {
    return this.runner.send(draft, requestId, options)
  }

  cancel(requestId: string): { cancelled: boolean } {
    return { cancelled: this.runner.cancel(requestId) }
  }

  private stored(responseId: string) {
    const body = this.bodies.info(responseId)
    if (!body) {
      throw new HandlerError(
        'not-found',
        'This response body is no longer kept (only the most recent responses are); send the request again.',
      )
    }
    return body
  }

  /** The view's text as pieces (never joined here: a body can be hundreds of MB). */
  private async pieces(responseId: string, view: 'raw' | 'pretty'): Promise<string[]> {
    const body = this.stored(responseId)
    const pieces = await this.bodies.pieces(responseId, view)
    if (pieces === null) throw noPrettyVersion(body.kind)
    return pieces
  }

  async bodySlice(args: {
    responseId: string
    offset: number
    length: number
    view: BodyView
  }): Promise<BodySlice> {
    const { responseId, offset, length, view } = args
    const body = this.stored(responseId)
    if (view === 'base64') {
      const bytes =
        (await this.bodies.bytesOf(responseId)) ??
        Buffer.from((await this.pieces(responseId, 'raw')).join(''), 'utf8')
      const end = Math.min(bytes.length, offset + length)
      const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(
        Math.min(offset, bytes.length),
        end,
      )
      return {
        responseId,
        view,
        offset,
        text: chunk.toString('base64'),
        total: bytes.length,
        done: end >= bytes.length,
      }
    }
    const slice =
      view === 'raw'
        ? await this.bodies.rawSlice(responseId, offset, offset + length)
        : await this.bodies.prettySlice(responseId, offset, offset + length)
    if (!slice) throw noPrettyVersion(body.kind)
    const { text, total } = slice
    return { responseId, view, offset, text, total, done: offset + text.length >= total }
  }

  async saveBody(args: { responseId: string; view: 'raw' | 'pretty' }): Promise<SaveBodyResult> {
    const body = this.stored(args.responseId)
    if (!this.deps.chooseSavePath) {
      throw new HandlerError('not-supported', 'Saving to a file is not available in this host.')
    }
    const path = await this.deps.chooseSavePath({
      defaultName: `response-${args.responseId.slice(0, 8)}.${EXTENSIONS[body.kind] ?? 'txt'}`,
      contentType: body.contentType,
    })
    if (!path) return { saved: false }
    const bytes = args.view === 'raw' ? await this.bodies.bytesOf(args.responseId) : null
    const pieces = bytes ? [bytes] : await this.pieces(args.responseId, args.view)
    let written = 0
    try {
      const handle = await open(path, 'w')
      try {
        // Piece by piece: a large body is never converted to bytes in one go.
        for (const piece of pieces) {
          const data = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece
          await handle.write(data)
          written += data.length
        }
      } finally {
        await handle.close()
      }
    } catch (error) {
      throw new HandlerError(
        'save-failed',
        `The body could not be saved to ${path}: ${String(error)}`,
      )
    }
    return { saved: true, path, bytes: written }
  }

  async copyBody(args: { responseId: string; view: 'raw' | 'pretty' }): Promise<{ chars: number }> {
    const body = this.stored(args.responseId)
    if (body.kind === 'binary') {
      throw new HandlerError(
        'binary-body',
        'A binary body cannot be copied as text; save it to a file.',
      )
    }
    const text = (await this.pieces(args.responseId, args.view)).join('')
    this.deps.writeClipboard(text)
    return { chars: text.length }
  }

  historyList(args: { query?: string; offset: number; limit: number }): Promise<HistoryListResult> {
    return this.history.list(args)
  }

  async historyGet(id: string): Promise<HistoryEntry> {
    const entry = await this.history.get(id)
    if (!entry)
      throw new HandlerError(
        'not-found',
        'No history entry with this id (it may have been cleared).',
      )
    return entry
  }

  /**
   * The response a history entry recorded, shaped like a fresh one so the viewer, Copy and Save
   * work on it: its body (as kept, cut at 256 KB) goes back into the body store under the entry's
   * id. Null when the call got no response.
   */
  async recordedResponse(id: string): Promise<ResponseSummary | null> {
    const entry = await this.historyGet(id)
    const r = entry.response
    if (!r) return null
    const text = r.kind === 'binary' ? '' : (r.body ?? '')
    this.bodies.put(id, {
      text,
      size: Buffer.byteLength(text),
      kind: r.kind,
      contentType: r.contentType,
    })
    const took = entry.durationMs ?? 0
    const summary: ResponseSummary = {
      requestId: `history-${id}`,
      responseId: id,
      historyId: id,
      request: entry.request,
      status: r.status,
      statusText: r.statusText,
      meaning: statusMeaning(r.status),
      headers: r.headers,
      contentType: r.contentType,
      kind: r.kind,
      size: r.size,
      timing: { startedAt: entry.at, totalMs: took, ttfbMs: took },
      retried: r.retried,
      tokenAttached: hasHeader(entry.request.headers, 'authorization'),
      notes: r.notes,
      warnings: r.warnings,
      large: false,
      prettyAvailable: r.kind === 'json' && !r.bodyTruncated,
      recorded: { at: entry.at, bodyTruncated: r.bodyTruncated },
    }
    if (entry.endpointId) summary.endpointId = entry.endpointId
    if (r.kind !== 'binary' && r.body !== undefined) summary.body = r.body
    return summary
  }

  async resend(
    id: string,
    options: { requestId?: string; profileId?: string } = {},
  ): Promise<ResponseSummary> {
    const entry = await this.historyGet(id)
    const parsed = draftRequestSchema.safeParse({
      ...entry.draft,
      ...(options.profileId ? { profileId: options.profileId } : {}),
    })
    if (!parsed.success) {
      throw new HandlerError(
        'bad-history-entry',
        'This history entry cannot be sent again: its request is damaged.',
      )
    }
    return this.runner.send(parsed.data, options.requestId)
  }

  async clearHistory(): Promise<null> {
    await this.history.clear()
    return null
  }

  async snippets(args: {
    draft: ParsedDraftRequest
    languages?: SnippetLanguage[]
    includeSecrets: boolean
  }): Promise<SnippetResult> {
    const ctx = await this.context(args.draft.profileId)
    try {
      return await generateSnippets(args.draft, ctx, {
        includeSecrets: args.includeSecrets,
        ...(args.languages ? { languages: args.languages } : {}),
      })
    } catch (error) {
      if (error instanceof HandlerError) throw error
      throw new HandlerError(
        'failed',
        `The snippets could not be made: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  async dispose(): Promise<void> {
    await this.history.dispose().catch(() => undefined)
    await this.bodies.dispose().catch(() => undefined)
  }
}
