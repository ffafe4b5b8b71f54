import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Endpoint } from '../../../electron/shared/catalogue'
import type {
  Capture,
  Check,
  CollectionVariable,
  SavedAuth,
} from '../../../electron/shared/collection'
import {
  draftToSaved,
  effectiveAuth,
  savedToDraft,
} from '../../../electron/shared/collection-draft'
import type {
  CollectionView,
  RunProgress,
  StoredFolder,
  StoredItem,
  StoredRequest,
  VariableInput,
  VariableView,
} from '../../../electron/shared/collections-api'
import type { VariableScope } from '../../../electron/shared/variable-scopes'
import type { ResponseSummary } from '../../../electron/shared/workbench'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'
import type { TabDraft, UserVariables } from '../lib/request-draft'
import { useProfilesStore } from './profiles'
import { useUiStore } from './ui'
import { fromRequest, toRequest } from '../lib/tab-draft'
import { useWorkbenchStore } from './workbench'

const LINKS_KEY = 'tp-explorer:collection-links'

/** A tab opened from (or saved to) a saved request. */
export interface TabLink {
  collectionId: string
  path: string
  /** The draft as last saved, to tell unsaved changes. */
  baseline: string
  /** The saved request as last saved (its captures, checks and variables are edited here). */
  request: StoredRequest
  /** The auth it opened with (inherit followed). */
  effective: SavedAuth
  /** Captures/checks/variables as edited, not yet saved. */
  extras: Extras
  extrasBaseline: string
}

export interface Extras {
  captures: Capture[]
  checks: Check[]
  variables: CollectionVariable[]
}

/** Where a `{{name}}` resolves from, as the builder shows it on hover. */
export interface VariableSource {
  scope: VariableScope
  /** Plain value, or the masked form of a secret one. */
  shown: string
  secret: boolean
}

/** A small question the tree asks (a name, a folder): Electron has no window.prompt. */
export interface Question {
  title: string
  label: string
  value: string
  /** A choice to make as well (e.g. the folder to move into). */
  options?: { value: string; label: string }[]
  option?: string
  /** Hide the text field (only the choice matters). */
  choiceOnly?: boolean
  confirm: string
}

export interface SaveDialogState {
  tabId: string
  /** `as`: always a new file (Save as). */
  mode: 'save' | 'as'
}

const draftKey = (d: TabDraft): string => JSON.stringify(d)
const extrasOf = (r: StoredRequest): Extras => ({
  captures: (r.captures ?? []).map((c) => ({ ...c })),
  checks: (r.checks ?? []).map((c) => ({ ...c })),
  variables: (r.variables ?? []).map((v) => ({ ...v })),
})

function readLinks(): Record<string, TabLink> {
  try {
    const raw = localStorage.getItem(LINKS_KEY)
    const parsed = raw ? (JSON.parse(raw) as unknown) : {}
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, TabLink>) : {}
  } catch {
    return {}
  }
}

export function allItems(items: StoredItem[]): StoredItem[] {
  return items.flatMap((i) => (i.type === 'folder' ? [i, ...allItems(i.items)] : [i]))
}

export function foldersOf(c: CollectionView): { path: string; label: string }[] {
  const out = [{ path: '', label: `${c.name} (top level)` }]
  const walk = (items: StoredItem[], prefix: string) => {
    for (const i of items) {
      if (i.type !== 'folder') continue
      out.push({ path: i.path, label: `${prefix}${i.name}` })
      walk(i.items, `${prefix}${i.name} / `)
    }
  }
  walk(c.items, `${c.name} / `)
  return out
}

/** Auth of the folders around `path`, innermost first, then the collection's. */
function enclosingAuth(c: CollectionView, path: string): (SavedAuth | undefined)[] {
  const chain: (SavedAuth | undefined)[] = []
  const walk = (items: StoredItem[], trail: (SavedAuth | undefined)[]): boolean => {
    for (const i of items) {
      if (i.path === path) {
        chain.push(...trail)
        return true
      }
      if (i.type === 'folder' && walk(i.items, [i.auth, ...trail])) return true
    }
    return false
  }
  walk(c.items, [c.auth])
  return chain
}

/**
 * Collections: the tree in the sidebar, saved-request tabs (identity, unsaved changes, save and
 * save as), variables at collection and profile scope (secret values only masked here), sends
 * of saved requests through main's variable resolution, and the collection runner.
 */
export const useCollectionsStore = defineStore('collections', () => {
  const ui = useUiStore()
  const profiles = useProfilesStore()
  const wb = useWorkbenchStore()

  const collections = ref<CollectionView[]>([])
  const root = ref('')
  const loaded = ref(false)
  const error = ref<UiError | null>(null)
  const filter = ref('')
  const links = ref<Record<string, TabLink>>(readLinks())
  const profileVariables = ref<VariableView[]>([])
  const saveDialog = ref<SaveDialogState | null>(null)
  const lastDeleted = ref<{ token: string; name: string } | null>(null)
  /** The collection (and folder/request path) the Collections view shows. */
  const selected = ref<{ collectionId: string; path: string } | null>(null)
  const progress = ref<RunProgress | null>(null)
  const runError = ref<UiError | null>(null)
  let runId: string | null = null
  const question = ref<Question | null>(null)
  let answer: ((a: { value: string; option: string } | null) => void) | null = null

  /** Asks the user something in the collections dialog; null when they cancel. */
  function ask(q: Question): Promise<{ value: string; option: string } | null> {
    answer?.(null)
    question.value = q
    return new Promise((resolve) => (answer = resolve))
  }

  function reply(a: { value: string; option: string } | null): void {
    question.value = null
    const r = answer
    answer = null
    r?.(a)
  }

  watch(
    links,
    (v) => {
      try {
        localStorage.setItem(LINKS_KEY, JSON.stringify(v))
      } catch {
        // storage unavailable: links last for this session
      }
    },
    { deep: true },
  )

  // Links of tabs that are gone are dropped once the last session's tabs are back.
  void wb.whenRestored().then(() => {
    watch(
      () => wb.tabs.map((t) => t.id),
      (ids) => {
        for (const id of Object.keys(links.value)) if (!ids.includes(id)) delete links.value[id]
      },
      { immediate: true },
    )
  })

  const byId = (id: string) => collections.value.find((c) => c.id === id)

  // ---- loading ----

  let listening = false
  async function load(): Promise<void> {
    try {
      const value = unwrap(await client().collectionsList())
      collections.value = value.collections
      root.value = value.root
      error.value = null
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loaded.value = true
    }
    if (!listening) {
      listening = true
      client().onCollectionsChanged(() => void load())
      client().onCollectionsRunProgress((p) => {
        if (p.runId === runId) progress.value = p
      })
      // Another program may have changed the files while the window was in the background.
      window.addEventListener('focus', () => void load())
    }
  }

  async function act<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      const out = await work()
      await load()
      return out
    } catch (e) {
      ui.toast('error', what, toUiError(e))
      return undefined
    }
  }

  // ---- tree actions ----

  async function createCollection(name: string): Promise<CollectionView | undefined> {
    return act('Could not create the collection.', async () =>
      unwrap(await client().collectionsCreate({ name })),
    )
  }

  async function openFolder(): Promise<void> {
    const view = await act('Could not open the folder.', async () =>
      unwrap(await client().collectionsOpenFolder()),
    )
    if (view) ui.toast('success', `Opened the collection “${view.name}” from ${view.dir}.`)
  }

  async function createFolder(collectionId: string, parent: string, name: string) {
    return act(
      'Could not create the folder.',
      async () =>
        unwrap(await client().collectionsCreateFolder({ collectionId, parent, name })).path,
    )
  }

  function repath(collectionId: string, from: string, to: string): void {
    for (const link of Object.values(links.value)) {
      if (link.collectionId !== collectionId) continue
      if (link.path === from) link.path = to
      else if (link.path.startsWith(`${from}/`)) link.path = to + link.path.slice(from.length)
    }
  }

  async function rename(collectionId: string, path: string, name: string): Promise<void> {
    const to = await act(
      'Could not rename.',
      async () => unwrap(await client().collectionsRename({ collectionId, path, name })).path,
    )
    if (to === undefined) return
    repath(collectionId, path, to)
    for (const [tabId, link] of Object.entries(links.value)) {
      if (link.collectionId === collectionId && link.path === to) {
        link.request = { ...link.request, name, path: to }
        const tab = wb.tabs.find((t) => t.id === tabId)
        if (tab) tab.title = name
      }
    }
  }

  async function duplicate(collectionId: string, path: string): Promise<void> {
    await act('Could not duplicate.', async () =>
      unwrap(await client().collectionsDuplicate({ collectionId, path })),
    )
  }

  async function move(collectionId: string, path: string, folder: string, index?: number) {
    if (path === folder || folder.startsWith(`${path}/`)) return
    const to = await act(
      'Could not move.',
      async () =>
        unwrap(
          await client().collectionsMove({
            collectionId,
            path,
            folder,
            ...(index !== undefined ? { index } : {}),
          }),
        ).path,
    )
    if (to !== undefined) repath(collectionId, path, to)
  }

  async function remove(collectionId: string, path: string, name: string): Promise<void> {
    const out = await act('Could not delete.', async () =>
      unwrap(await client().collectionsDelete({ collectionId, path })),
    )
    if (out) lastDeleted.value = { token: out.token, name }
  }

  async function undoDelete(): Promise<void> {
    const last = lastDeleted.value
    if (!last) return
    lastDeleted.value = null
    await act('Could not undo the delete.', async () =>
      unwrap(await client().collectionsUndo({ token: last.token })),
    )
  }

  async function closeCollection(collectionId: string): Promise<void> {
    await act('Could not close the collection.', async () =>
      unwrap(await client().collectionsClose({ collectionId })),
    )
  }

  // ---- filter ----

  const filtered = computed(() => filterTree(filter.value))

  /** Collections with only the folders and requests matching `text` (name, method or URL). */
  function filterTree(text: string): CollectionView[] {
    const q = text.trim().toLowerCase()
    if (!q) return collections.value
    const keep = (items: StoredItem[]): StoredItem[] =>
      items.flatMap((i): StoredItem[] => {
        if (i.type === 'request') {
          const hit = `${i.name} ${i.method} ${i.url}`.toLowerCase().includes(q)
          return hit ? [i] : []
        }
        if (i.name.toLowerCase().includes(q)) return [i]
        const inner = keep(i.items)
        return inner.length ? [{ ...i, items: inner } as StoredFolder] : []
      })
    return collections.value
      .map((c) => (c.name.toLowerCase().includes(q) ? c : { ...c, items: keep(c.items) }))
      .filter((c) => c.items.length || c.name.toLowerCase().includes(q))
  }

  // ---- saved-request tabs ----

  function linkFor(tabId: string): TabLink | undefined {
    return links.value[tabId]
  }

  function isDirty(tabId: string): boolean {
    const link = links.value[tabId]
    const tab = wb.tabs.find((t) => t.id === tabId)
    if (!link || !tab) return false
    return (
      draftKey(tab.draft) !== link.baseline || JSON.stringify(link.extras) !== link.extrasBaseline
    )
  }

  function link(
    tabId: string,
    collectionId: string,
    request: StoredRequest,
    effective: SavedAuth,
    draft: TabDraft,
  ) {
    const extras = extrasOf(request)
    links.value[tabId] = {
      collectionId,
      path: request.path,
      baseline: draftKey(draft),
      request,
      effective,
      extras,
      extrasBaseline: JSON.stringify(extras),
    }
  }

  /** Opens a saved request, or focuses its tab when it is open already. */
  function openRequest(collectionId: string, request: StoredRequest): void {
    const open = Object.entries(links.value).find(
      ([tabId, l]) =>
        l.collectionId === collectionId &&
        l.path === request.path &&
        wb.tabs.some((t) => t.id === tabId),
    )
    if (open) {
      wb.select(open[0])
      ui.show('workbench')
      return
    }
    const c = byId(collectionId)
    const effective = effectiveAuth(request.auth, c ? enclosingAuth(c, request.path) : [])
    const draft = fromRequest({
      ...savedToDraft(request, effective),
      profileId: profiles.activeId ?? 'none',
    })
    const tab = wb.addTab(draft, request.name)
    link(tab.id, collectionId, request, effective, tab.draft)
  }

  /** Ctrl/⌘+S: saves over the saved request, or asks for a name and folder the first time. */
  async function saveTab(tabId = wb.activeId, mode: 'save' | 'as' = 'save'): Promise<void> {
    if (!tabId) return
    const current = links.value[tabId]
    if (mode === 'save' && current && byId(current.collectionId)) {
      await writeLinked(tabId, current)
      return
    }
    if (!collections.value.length) await load()
    saveDialog.value = { tabId, mode }
  }

  async function writeLinked(tabId: string, current: TabLink): Promise<boolean> {
    const tab = wb.tabs.find((t) => t.id === tabId)
    if (!tab) return false
    const request = withExtras(
      draftToSaved(tab.draft, current.request.name, current.request, current.effective),
      current.extras,
    )
    const saved = await act('Could not save the request.', async () =>
      unwrap(
        await client().collectionsSaveRequest({
          collectionId: current.collectionId,
          path: current.path,
          request: forWire(request),
        }),
      ),
    )
    if (!saved) return false
    link(
      tabId,
      current.collectionId,
      { ...request, path: saved.path },
      current.effective,
      tab.draft,
    )
    return true
  }

  function withExtras(r: ReturnType<typeof draftToSaved>, extras: Extras) {
    const out = { ...r }
    if (extras.captures.length) out.captures = extras.captures
    else delete out.captures
    if (extras.checks.length) out.checks = extras.checks
    else delete out.checks
    if (extras.variables.length) out.variables = extras.variables
    else delete out.variables
    return out
  }

  /** Variables as the channel takes them (a secret one's value only when typed anew). */
  const forWire = (r: ReturnType<typeof draftToSaved>) => ({
    ...r,
    ...(r.variables
      ? {
          variables: r.variables.map((v) => {
            const out: VariableInput = { name: v.name }
            if (v.secret) {
              out.secret = true
              if (v.value) out.value = v.value
            } else out.value = v.value
            if (v.enabled === false) out.enabled = false
            return out
          }),
        }
      : {}),
  })

  /** Save (first time) and Save as: a new file in the chosen folder. */
  async function saveNew(
    tabId: string,
    collectionId: string,
    folder: string,
    name: string,
  ): Promise<boolean> {
    const tab = wb.tabs.find((t) => t.id === tabId)
    if (!tab) return false
    const previous = links.value[tabId]
    const request = withExtras(
      draftToSaved(tab.draft, name, previous?.request, previous?.effective),
      previous?.extras ?? { captures: [], checks: [], variables: [] },
    )
    const saved = await act('Could not save the request.', async () =>
      unwrap(
        await client().collectionsSaveRequest({ collectionId, folder, request: forWire(request) }),
      ),
    )
    if (!saved) return false
    const c = byId(collectionId)
    const effective = effectiveAuth(request.auth, c ? enclosingAuth(c, saved.path) : [])
    link(tabId, collectionId, { ...request, path: saved.path }, effective, tab.draft)
    tab.title = name
    saveDialog.value = null
    ui.toast('success', `Saved “${name}” in ${c?.name ?? 'the collection'}.`)
    return true
  }

  /** Asks before closing a tab with unsaved changes; true when it may close. */
  function confirmClose(tabId: string): boolean {
    if (!isDirty(tabId)) return true
    const name = links.value[tabId]?.request.name ?? 'this request'
    return window.confirm(`“${name}” has unsaved changes. Close it and lose them?`)
  }

  function setExtras(tabId: string, change: (e: Extras) => void): void {
    const l = links.value[tabId]
    if (l) change(l.extras)
  }

  // ---- variables ----

  async function loadProfileVariables(): Promise<void> {
    const profileId = profiles.activeId
    if (!profileId) {
      profileVariables.value = []
      return
    }
    try {
      profileVariables.value = unwrap(await client().collectionsProfileVariables({ profileId }))
    } catch (e) {
      ui.toast('error', 'Could not read the profile variables.', toUiError(e))
    }
  }
  watch(
    () => profiles.activeId,
    () => void loadProfileVariables(),
  )

  async function setProfileVariables(variables: VariableInput[]): Promise<boolean> {
    const profileId = profiles.activeId
    if (!profileId) return false
    try {
      profileVariables.value = unwrap(
        await client().collectionsSetProfileVariables({ profileId, variables }),
      )
      return true
    } catch (e) {
      ui.toast('error', 'Could not save the profile variables.', toUiError(e))
      return false
    }
  }

  async function setCollectionVariables(
    collectionId: string,
    variables: VariableInput[],
  ): Promise<boolean> {
    const done = await act('Could not save the collection variables.', async () =>
      unwrap(await client().collectionsSetVariables({ collectionId, variables })),
    )
    return done !== undefined
  }

  /** Where each user variable a tab can see resolves from: request > collection > profile. */
  function sourcesFor(tabId: string | null): Record<string, VariableSource> {
    const out: Record<string, VariableSource> = {}
    const l = tabId ? links.value[tabId] : undefined
    const add = (scope: VariableScope, vars: (CollectionVariable | VariableView)[]) => {
      for (const v of vars) {
        if (v.enabled === false || out[v.name]) continue
        const masked = (v as VariableView).masked
        const has = v.secret ? !!(v as VariableView).set || !!v.value : v.value !== ''
        if (!has) continue // an empty value does not shadow a lower scope
        out[v.name] = { scope, shown: v.secret ? masked || '••••' : v.value, secret: !!v.secret }
      }
    }
    if (l) {
      add('request', l.extras.variables)
      const c = byId(l.collectionId)
      if (c) add('collection', c.variables)
    }
    add('profile', profileVariables.value)
    return out
  }

  /** Variables captured earlier are only known to main: names a request captures count as known. */
  function knownNames(tabId: string | null): Set<string> {
    const names = new Set(Object.keys(sourcesFor(tabId)))
    const l = tabId ? links.value[tabId] : undefined
    const c = l ? byId(l.collectionId) : undefined
    if (c) {
      for (const v of c.variables) names.add(v.name)
      for (const i of allItems(c.items))
        if (i.type === 'request') for (const cap of i.captures ?? []) names.add(cap.variable)
    }
    return names
  }

  /** What the builder and the send check need: every user variable the tab can see. */
  function userVariables(tabId: string | null): UserVariables {
    const out: UserVariables = {}
    for (const name of knownNames(tabId)) out[name] = { scope: 'collection' }
    for (const [name, s] of Object.entries(sourcesFor(tabId))) {
      out[name] = { scope: s.scope, shown: s.shown, secret: s.secret }
    }
    return out
  }

  // ---- sending ----

  /** True when a tab must go through main's variable resolution (saved, or user variables). */
  function routes(tabId: string): boolean {
    return !!links.value[tabId] || profileVariables.value.length > 0
  }

  async function send(tabId: string, requestId: string): Promise<ResponseSummary> {
    const tab = wb.tabs.find((t) => t.id === tabId)
    const profileId = profiles.activeId
    if (!tab || !profileId) throw new Error('No tab or profile.')
    const l = links.value[tabId]
    const result = unwrap(
      await client().collectionsSend({
        ...toRequest(tab.draft, profileId),
        requestId,
        ...(l ? { collectionId: l.collectionId, path: l.path } : {}),
        ...(l && l.extras.variables.length
          ? {
              requestVariables:
                forWire({ ...l.request, variables: l.extras.variables }).variables ?? [],
            }
          : {}),
      }),
    )
    const { captured, problems, ...summary } = result
    if (captured.length)
      summary.notes = [
        ...summary.notes,
        `Captured ${captured.map((n) => `{{${n}}}`).join(', ')} for the next requests.`,
      ]
    if (problems.length) summary.warnings = [...summary.warnings, ...problems]
    return summary
  }

  // ---- catalogue ----

  /** *Add to collection* from the catalogue: opens the endpoint, then asks where to save it. */
  async function addEndpoint(endpoint: Endpoint): Promise<void> {
    const tab = wb.openEndpoint(endpoint)
    await saveTab(tab.id, 'as')
  }

  // ---- runner ----

  async function run(
    collectionId: string,
    path: string,
    options: { stopOnFailure: boolean; delayMs: number },
  ) {
    const profileId = profiles.activeId
    if (!profileId) {
      runError.value = { code: 'no-profile', message: 'Choose or create a profile first.' }
      return
    }
    runId = `run${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
    runError.value = null
    progress.value = {
      runId,
      collectionId,
      done: 0,
      total: 0,
      results: [],
      finished: false,
      cancelled: false,
    }
    try {
      const final = unwrap(
        await client().collectionsRun({ collectionId, profileId, path, runId, ...options }),
      )
      if (final.runId === runId) progress.value = final
    } catch (e) {
      runError.value = toUiError(e)
      if (progress.value) progress.value = { ...progress.value, finished: true }
    }
  }

  async function cancelRun(): Promise<void> {
    if (!runId) return
    try {
      unwrap(await client().collectionsCancelRun({ runId }))
    } catch (e) {
      ui.toast('error', 'Could not cancel the run.', toUiError(e))
    }
  }

  const running = computed(() => !!progress.value && !progress.value.finished)

  /** Shows a run's response in a tab, as history does. */
  async function openResult(historyId: string, name: string): Promise<void> {
    try {
      const entry = unwrap(await client().historyGet({ id: historyId }))
      const tab = wb.openDraft(fromRequest(entry.draft), name)
      const summary = unwrap(await client().historyResponse({ id: historyId }))
      if (summary) wb.showRecorded(tab.id, summary)
    } catch (e) {
      ui.toast('error', 'Could not open the response.', toUiError(e))
    }
  }

  return {
    question,
    ask,
    reply,
    collections,
    root,
    loaded,
    error,
    filter,
    filtered,
    filterTree,
    links,
    profileVariables,
    saveDialog,
    lastDeleted,
    selected,
    progress,
    runError,
    running,
    load,
    createCollection,
    openFolder,
    createFolder,
    rename,
    duplicate,
    move,
    remove,
    undoDelete,
    closeCollection,
    linkFor,
    isDirty,
    openRequest,
    saveTab,
    saveNew,
    confirmClose,
    setExtras,
    loadProfileVariables,
    setProfileVariables,
    setCollectionVariables,
    sourcesFor,
    knownNames,
    userVariables,
    routes,
    send,
    addEndpoint,
    run,
    cancelRun,
    openResult,
    byId,
  }
})
