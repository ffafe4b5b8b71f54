/**
 * The collections behind the `collections:*` channels: the store, profile variables, sends of a
 * saved request with its variables and captures, collection runs with progress and cancel, and a
 * watcher so changes made by another program show up without a restart.
 */
import { watch, type FSWatcher } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { CollectionTree } from '../../shared/collection'
import type {
  CollectionView,
  RunProgress,
  SendResultExtras,
  StoredItem,
  StoredRequest,
  VariableInput,
  VariableView,
} from '../../shared/collections-api'
import { HandlerError } from '../../shared/result'
import type { ScopeValues } from '../../shared/variable-scopes'
import type { ParsedDraftRequest, ResponseSummary } from '../../shared/workbench'
import type { FetchLike } from '../http/types'
import type { SecretVault } from '../vault/secret-vault'
import { RequestRunner } from '../workbench/request-runner'
import { byName } from '../redact'
import type { WorkbenchService } from '../workbench/workbench-service'
import { applyCaptures, evaluateChecks } from './chaining'
import { ProfileVariables } from './profile-variables'
import { runRequests, type RunSender } from './runner'
import { CollectionStore, collectionSecretId, type CreateOptions } from './store'
import { treeOf } from './tree'
import { scopeOf, substituteDraft } from './variables'

/** Asks the user for a folder (Electron: dialog.showOpenDialog); null when they cancel. */
export type ChooseFolder = () => Promise<string | null>

export interface CollectionServiceDeps {
  dataDir: string
  vault: SecretVault
  workbench: WorkbenchService
  fetch: FetchLike
  emit: (event: 'collections:changed' | 'collections:run-progress', payload: unknown) => void
  chooseFolder?: ChooseFolder
  /** Debounce of the folder watcher (default 250 ms). */
  watchDelayMs?: number
}

const WATCH_DELAY_MS = 250

/** The app's sender: the workbench pipeline, with substituted secret values scrubbed from history. */
export function workbenchSender(workbench: WorkbenchService, fetch: FetchLike): RunSender {
  const inflight = new Map<string, RequestRunner>()
  return {
    async send(draft, secrets, requestId) {
      const runner = new RequestRunner({
        context: async (id) => {
          const ctx = await workbench.context(id)
          return secrets.length ? { ...ctx, redactor: ctx.redactor.with(secrets) } : ctx
        },
        fetch,
        bodies: workbench.bodies,
        history: workbench.history,
      })
      inflight.set(requestId, runner)
      try {
        const summary = await runner.send(draft, requestId)
        // The pipeline masks header values by name only: a substituted secret in a custom header
        // (or echoed back in a body) is scrubbed from what reaches the renderer.
        return secrets.length ? scrubbed(summary, secrets) : summary
      } finally {
        inflight.delete(requestId)
      }
    },
    bodyText: async (summary) =>
      summary.body ?? (await workbench.bodies.get(summary.responseId))?.text,
    cancel: (requestId) => void inflight.get(requestId)?.cancel(requestId),
  }
}

function scrubbed(summary: ResponseSummary, secrets: string[]): ResponseSummary {
  return JSON.parse(byName.with(secrets).text(JSON.stringify(summary))) as ResponseSummary
}

interface ActiveRun {
  signal: { aborted: boolean }
  requestId?: string
}

export class CollectionService {
  readonly store: CollectionStore
  readonly profileVariables: ProfileVariables
  private readonly sender: RunSender
  /** Values captured by sends and runs, per collection: they win over the file's values. */
  private readonly captured = new Map<string, Record<string, string>>()
  private readonly runs = new Map<string, ActiveRun>()
  private watchers: FSWatcher[] = []
  private watchTimer: ReturnType<typeof setTimeout> | null = null
  private runSeq = 0

  constructor(private readonly deps: CollectionServiceDeps) {
    this.store = new CollectionStore(deps.dataDir, deps.vault)
    this.profileVariables = new ProfileVariables(deps.dataDir, deps.vault)
    this.sender = workbenchSender(deps.workbench, deps.fetch)
  }

  async list(): Promise<{ collections: CollectionView[]; root: string }> {
    const collections = await this.store.list()
    await this.watch(collections.map((c) => c.dir))
    return { collections, root: this.store.root }
  }

  /** Reads a collection back as a plain tree (for export); secret values are not in it. */
  async readTree(collectionId: string): Promise<CollectionTree> {
    return treeOf(await this.store.get(collectionId))
  }

  /** Creates a collection from a tree (an import, or a new empty one). */
  async createCollection(
    tree: CollectionTree,
    options: CreateOptions = {},
  ): Promise<CollectionView> {
    const view = await this.store.createCollection(tree, options)
    this.changed()
    return view
  }

  async openFolder(): Promise<CollectionView | null> {
    if (!this.deps.chooseFolder)
      throw new HandlerError('not-supported', 'Opening a folder is not available in this host.')
    const dir = await this.deps.chooseFolder()
    if (!dir) return null
    const view = await this.store.open(dir)
    this.changed()
    return view
  }

  /** Runs a store change, then tells the renderer to list again. */
  async change<T>(work: () => Promise<T>): Promise<T> {
    const out = await work()
    this.changed()
    return out
  }

  private changed(): void {
    this.deps.emit('collections:changed', { at: Date.now() })
  }

  // ---- watching ----

  private watchedKey = ''

  private async watch(dirs: string[]): Promise<void> {
    const all = [this.store.root, ...dirs.filter((d) => !d.startsWith(this.store.root))]
    const key = all.join('\n')
    if (key === this.watchedKey) return
    this.watchedKey = key
    for (const w of this.watchers) w.close()
    this.watchers = []
    await mkdir(this.store.root, { recursive: true }).catch(() => undefined)
    for (const dir of all) {
      try {
        const w = watch(dir, { recursive: true }, () => this.scheduleChanged())
        w.on('error', () => undefined)
        this.watchers.push(w)
      } catch {
        // Not watchable (gone, or no recursive watch here): the renderer re-reads on focus.
      }
    }
  }

  private scheduleChanged(): void {
    if (this.watchTimer) clearTimeout(this.watchTimer)
    this.watchTimer = setTimeout(() => {
      this.watchTimer = null
      this.changed()
    }, this.deps.watchDelayMs ?? WATCH_DELAY_MS)
  }

  // ---- variables ----

  async collectionScope(collectionId: string): Promise<ScopeValues> {
    const { values, secret } = await this.store.variableValues(collectionId)
    return {
      scope: 'collection',
      values: { ...values, ...this.captured.get(collectionId) },
      secret,
    }
  }

  async profileScope(profileId: string): Promise<ScopeValues> {
    const { values, secret } = await this.profileVariables.values(profileId)
    return { scope: 'profile', values, secret }
  }

  /** Request-scope secret values come from the collection's vault entries, by name. */
  private async requestSecrets(
    collectionId: string | undefined,
    vars: { name: string; secret?: boolean }[] | undefined,
  ) {
    const out: Record<string, string> = {}
    if (!collectionId) return out
    for (const v of vars ?? []) {
      if (v.secret)
        out[v.name] = (await this.deps.vault.get(collectionSecretId(collectionId, v.name))) ?? ''
    }
    return out
  }

  getProfileVariables(profileId: string): Promise<VariableView[]> {
    return this.profileVariables.view(profileId)
  }

  async setProfileVariables(profileId: string, inputs: VariableInput[]): Promise<VariableView[]> {
    try {
      return await this.profileVariables.set(profileId, inputs)
    } catch (error) {
      throw new HandlerError('damaged', error instanceof Error ? error.message : String(error))
    }
  }

  /** Values captured so far in this session (names only reach the renderer). */
  capturedNames(collectionId: string): string[] {
    return Object.keys(this.captured.get(collectionId) ?? {})
  }

  // ---- sending one request ----

  async send(args: {
    draft: ParsedDraftRequest
    requestId: string
    collectionId?: string
    path?: string
    requestVariables?: VariableInput[]
  }): Promise<ResponseSummary & SendResultExtras> {
    const { collectionId } = args
    const requestVars = (args.requestVariables ?? []).map((v) => ({
      name: v.name,
      value: v.value ?? '',
      secret: v.secret ?? false,
      enabled: v.enabled ?? true,
    }))
    let saved: StoredRequest | undefined
    let collection: ScopeValues | undefined
    if (collectionId) {
      try {
        const read = await this.store.get(collectionId)
        if (args.path) saved = findRequest(read.items, args.path)
        collection = await this.collectionScope(collectionId)
      } catch {
        // The collection is gone (deleted or moved away): the tab still sends, without its
        // variables; an unresolved one says which.
      }
    }
    const scopes = [
      scopeOf('request', requestVars, await this.requestSecrets(collectionId, requestVars)),
      ...(collection ? [collection] : []),
      await this.profileScope(args.draft.profileId),
    ]
    const { draft, secrets } = substituteDraft(args.draft, scopes)
    const summary = await this.sender.send(draft, secrets, args.requestId)
    const facts = {
      status: summary.status,
      headers: summary.headers,
      body: await this.sender.bodyText(summary),
    }
    const outcome = applyCaptures(saved?.captures, facts)
    if (collectionId && Object.keys(outcome.values).length) {
      this.captured.set(collectionId, { ...this.captured.get(collectionId), ...outcome.values })
    }
    const failed = evaluateChecks(saved?.checks, facts).filter(
      (c) => !c.ok && saved?.checks?.length,
    )
    return {
      ...summary,
      captured: Object.keys(outcome.values),
      problems: [
        ...outcome.problems,
        ...failed.map((c) => `Check failed: ${c.label}${c.detail ? ` (${c.detail})` : ''}.`),
      ],
    }
  }

  cancelSend(requestId: string): { cancelled: boolean } {
    this.sender.cancel(requestId)
    return { cancelled: true }
  }

  // ---- runs ----

  async run(args: {
    collectionId: string
    profileId: string
    path: string
    stopOnFailure: boolean
    delayMs: number
    runId?: string
  }): Promise<RunProgress> {
    const runId = args.runId ?? `run-${++this.runSeq}`
    if (this.runs.has(runId)) throw new HandlerError('duplicate-run', 'This run is already going.')
    const read = await this.store.get(args.collectionId)
    const active: ActiveRun = { signal: { aborted: false } }
    this.runs.set(runId, active)
    let last: RunProgress = {
      runId,
      collectionId: args.collectionId,
      done: 0,
      total: 0,
      results: [],
      finished: false,
      cancelled: false,
    }
    const sender: RunSender = {
      send: (draft, secrets, requestId) => {
        active.requestId = requestId
        return this.sender.send(draft, secrets, requestId)
      },
      bodyText: (s) => this.sender.bodyText(s),
      cancel: (id) => this.sender.cancel(id),
    }
    try {
      const results = await runRequests(
        {
          profileId: args.profileId,
          ...(read.auth ? { collectionAuth: read.auth } : {}),
          items: read.items,
          path: args.path,
          collectionScope: await this.collectionScope(args.collectionId),
          profileScope: await this.profileScope(args.profileId),
          requestSecrets: (r) => this.requestSecrets(args.collectionId, r.variables),
        },
        sender,
        {
          stopOnFailure: args.stopOnFailure,
          delayMs: args.delayMs,
          signal: active.signal,
          onProgress: (done, total, results, current) => {
            last = { ...last, done, total, results: [...results], ...(current ? { current } : {}) }
            if (!current) delete last.current
            this.deps.emit('collections:run-progress', last)
          },
          onCapture: (name, value) => {
            this.captured.set(args.collectionId, {
              ...this.captured.get(args.collectionId),
              [name]: value,
            })
          },
        },
      )
      last = { ...last, results, finished: true, cancelled: active.signal.aborted }
      delete last.current
      this.deps.emit('collections:run-progress', last)
      return last
    } finally {
      this.runs.delete(runId)
    }
  }

  cancelRun(runId: string): { cancelled: boolean } {
    const active = this.runs.get(runId)
    if (!active) return { cancelled: false }
    active.signal.aborted = true
    if (active.requestId) this.sender.cancel(active.requestId)
    return { cancelled: true }
  }

  dispose(): void {
    for (const w of this.watchers) w.close()
    this.watchers = []
    if (this.watchTimer) clearTimeout(this.watchTimer)
    for (const r of this.runs.values()) r.signal.aborted = true
  }
}

export function findRequest(items: StoredItem[], path: string): StoredRequest | undefined {
  for (const i of items) {
    if (i.type === 'request' && i.path === path) return i
    if (i.type === 'folder') {
      const found = findRequest(i.items, path)
      if (found) return found
    }
  }
  return undefined
}
