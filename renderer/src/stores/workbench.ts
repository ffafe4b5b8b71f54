import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { draftFromEndpoint, type Endpoint } from '../../../electron/shared/catalogue'
import type { ResponseSummary } from '../../../electron/shared/workbench'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'
import { blankDraft, fromRequest, titleFor, toRequest } from '../lib/tab-draft'
import {
  draftProblems,
  hasProblems,
  parseSavedTabs,
  previewValues,
  type SavedTabs,
  type TabDraft,
} from '../lib/request-draft'
import { useAppStore } from './app'
import { useCollectionsStore } from './collections'
import { useProfilesStore } from './profiles'
import { useUiStore } from './ui'

export const TABS_KEY = 'tp-explorer:workbench-tabs'
const SAVE_DELAY_MS = 400
const MAX_TABS = 20
/** Closed tabs Ctrl/Cmd+Shift+T can bring back, newest last. */
const MAX_CLOSED = 10

export interface Tab {
  id: string
  title: string
  draft: TabDraft
}

export interface Run {
  requestId: string
  startedAt: number
  label: string
}

let seq = 0
const newId = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

/**
 * The request workbench: open tabs with their drafts (kept by main between runs, encrypted, as
 * they may hold what the user typed), the active tab, one send per tab with progress and cancel,
 * and the last response or error of each tab.
 */
export const useWorkbenchStore = defineStore('workbench', () => {
  const ui = useUiStore()
  const profiles = useProfilesStore()
  const app = useAppStore()

  const tabs = ref<Tab[]>([])
  const activeId = ref<string | null>(null)
  const runs = ref<Record<string, Run>>({})
  const responses = ref<Record<string, ResponseSummary>>({})
  const errors = ref<Record<string, UiError>>({})
  /** The profile each tab's response came from (it may differ from the active one by now). */
  const sources = ref<Record<string, string>>({})
  /** Tabs where Send was pressed with problems: their flags show even before an edit. */
  const attempted = ref<Record<string, boolean>>({})
  /** Path parameters still to fill in after opening an endpoint (by tab). */
  const pending = ref<Record<string, string[]>>({})
  /** Recently closed tabs, for "reopen closed tab". */
  const closed = ref<{ title: string; draft: TabDraft }[]>([])
  /** Something was sent and answered (the first-run guide's last step). */
  const sentOnce = ref(false)
  /** Counts finished sends; the history store watches it to reload. */
  const sendsFinished = ref(0)

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value) ?? null)
  const values = computed(() => previewValues(profiles.active, app.sandbox))

  function problemsOf(tab: Tab) {
    // Collections: request, collection and profile variables are known names too.
    return draftProblems(tab.draft, values.value, useCollectionsStore().userVariables(tab.id))
  }

  // ---- persistence ----
  // Main keeps the snapshot, encrypted like a secret (a draft holds whatever was typed, tokens
  // included). Nothing is saved until the last snapshot has been read back, so a quick edit at
  // start-up can never overwrite it.
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  let restored = false
  let lastSaved: string | null = null
  let saveFailed = false

  function snapshot(): SavedTabs {
    return {
      version: 1,
      activeId: activeId.value,
      tabs: tabs.value.map((t) => ({ id: t.id, title: t.title, draft: t.draft })),
    }
  }

  /** Sends the snapshot to main now (resolves when main has written it). */
  async function saveNow(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = null
    if (!restored) return
    const json = tabs.value.length ? JSON.stringify(snapshot()) : ''
    if (json === lastSaved) return
    lastSaved = json
    try {
      unwrap(await client().tabsSave({ json }))
      saveFailed = false
    } catch (e) {
      lastSaved = null
      // Once per failure spell, not on every keystroke.
      if (!saveFailed) {
        saveFailed = true
        ui.toast('warning', 'Open requests could not be saved for the next start.', toUiError(e))
      }
    }
  }

  function scheduleSave(): void {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void saveNow(), SAVE_DELAY_MS)
  }

  /** Tabs an earlier version kept in localStorage: read once, then moved to main. */
  function legacySnapshot(): string | null {
    try {
      return localStorage.getItem(TABS_KEY)
    } catch {
      return null
    }
  }

  function forgetLegacy(): void {
    try {
      localStorage.removeItem(TABS_KEY)
    } catch {
      // nothing more to do
    }
  }

  /**
   * Reopens the tabs of the last session ahead of any opened meanwhile; a damaged snapshot is
   * dropped with a toast.
   */
  async function restore(): Promise<void> {
    let raw: string | null
    let legacy = false
    try {
      const loaded = unwrap(await client().tabsLoad())
      // An unreadable snapshot is kept by main and shown with Try again/Forget (UnreadableNotice).
      if (loaded.note && !loaded.unreadable) ui.toast('warning', loaded.note)
      raw = loaded.json
      if (raw === null) {
        raw = legacySnapshot()
        legacy = raw !== null
        if (!legacy) lastSaved = '' // nothing kept: nothing to forget either
      }
      if (raw) {
        const saved = parseSavedTabs(raw)
        const opened = tabs.value
        tabs.value = [...saved.tabs, ...opened].slice(0, MAX_TABS)
        if (!opened.length) {
          activeId.value =
            saved.activeId && tabs.value.some((t) => t.id === saved.activeId)
              ? saved.activeId
              : (tabs.value[0]?.id ?? null)
          // Unchanged since main wrote it: no need to write it again (a legacy one must be).
          if (!legacy) lastSaved = raw
        }
      }
      reopen(loaded.recovered)
    } catch (e) {
      if (legacy) forgetLegacy()
      const why = e instanceof Error ? e.message : toUiError(e).message
      ui.toast(
        'warning',
        `The requests open last time could not be restored (${why}); starting with none.`,
      )
    }
    restored = true
    await saveNow()
    if (legacy && !saveFailed) forgetLegacy()
  }

  /** Puts the tabs of snapshots main could decrypt again ahead of the open ones. */
  function reopen(recovered: string[] | undefined): number {
    let count = 0
    for (const raw of recovered ?? []) {
      try {
        const saved = parseSavedTabs(raw)
        tabs.value = [...saved.tabs, ...tabs.value].slice(0, MAX_TABS)
        count += saved.tabs.length
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        ui.toast('warning', `Requests kept from an earlier run could not be reopened (${why}).`)
      }
    }
    if (count && !activeId.value) activeId.value = tabs.value[0]?.id ?? null
    return count
  }

  /** After "Try again" on kept tabs: reopens those main can now decrypt, and saves the result. */
  async function reopenKept(): Promise<void> {
    await ready
    try {
      const count = reopen(unwrap(await client().tabsLoad()).recovered)
      if (count) {
        ui.toast('success', `Reopened ${count} request${count === 1 ? '' : 's'} from last time.`)
        await saveNow()
      }
    } catch (e) {
      ui.toast('warning', 'The kept requests could not be reopened.', toUiError(e))
    }
  }

  const ready = restore()
  /** Resolves once the last session's tabs are back (tests and start-up code wait on it). */
  const whenRestored = (): Promise<void> => ready
  watch([tabs, activeId], scheduleSave, { deep: true })

  // ---- tabs ----
  function addTab(draft: TabDraft, title = titleFor(draft)): Tab {
    if (tabs.value.length >= MAX_TABS) {
      // Drop the oldest idle tab so the strip stays usable.
      const idle = tabs.value.find((t) => !runs.value[t.id] && !useCollectionsStore().isDirty(t.id))
      if (idle) close(idle.id, true)
    }
    const tab: Tab = { id: newId('t'), title, draft }
    tabs.value.push(tab)
    activeId.value = tab.id
    ui.show('workbench')
    return tabs.value[tabs.value.length - 1]!
  }

  function newTab(): Tab {
    return addTab(blankDraft(), 'New request')
  }

  function openEndpoint(endpoint: Endpoint): Tab {
    const { draft, pathParams } = draftFromEndpoint(endpoint, profiles.activeId ?? 'none')
    const fresh = fromRequest(draft)
    // Already open and not edited: go to that tab rather than open a duplicate. A saved request
    // is not "the endpoint" even when it matches: editing it would change the saved one.
    const same = JSON.stringify(fresh)
    const collections = useCollectionsStore()
    const existing = tabs.value.find(
      (t) => JSON.stringify(t.draft) === same && !collections.linkFor(t.id),
    )
    if (existing) {
      activeId.value = existing.id
      ui.show('workbench')
      return existing
    }
    const tab = addTab(fresh, endpoint.name)
    if (pathParams.length) pending.value[tab.id] = pathParams.map((p) => p.name)
    return tab
  }

  function select(id: string): void {
    if (tabs.value.some((t) => t.id === id)) activeId.value = id
  }

  /** Closes a tab; a saved request with unsaved changes asks first (unless `force`). */
  function close(id: string, force = false): void {
    const i = tabs.value.findIndex((t) => t.id === id)
    if (i < 0) return
    if (!force && !useCollectionsStore().confirmClose(id)) return
    if (runs.value[id]) void cancel(id)
    const [gone] = tabs.value.splice(i, 1)
    if (gone)
      closed.value = [...closed.value, { title: gone.title, draft: gone.draft }].slice(-MAX_CLOSED)
    for (const map of [responses, errors, attempted, pending, runs, sources]) delete map.value[id]
    if (activeId.value === id)
      activeId.value = tabs.value[Math.min(i, tabs.value.length - 1)]?.id ?? null
  }

  /** Brings back the most recently closed tab. */
  function reopenClosed(): Tab | null {
    const last = closed.value.pop()
    return last ? addTab(last.draft, last.title) : null
  }

  /** The next (or previous, `delta` -1) tab, wrapping around. */
  function cycle(delta: 1 | -1): void {
    const n = tabs.value.length
    if (!n) return
    const i = tabs.value.findIndex((t) => t.id === activeId.value)
    activeId.value = tabs.value[(i + delta + n) % n]!.id
  }

  function update(id: string, change: (draft: TabDraft) => void): void {
    const tab = tabs.value.find((t) => t.id === id)
    if (!tab) return
    change(tab.draft)
  }

  function duplicate(id: string): void {
    const tab = tabs.value.find((t) => t.id === id)
    if (tab) addTab(JSON.parse(JSON.stringify(tab.draft)) as TabDraft, `${tab.title} (copy)`)
  }

  // ---- sending ----
  async function run(
    tab: Tab,
    label: string,
    profileId: string | null,
    work: (requestId: string) => Promise<ResponseSummary>,
  ): Promise<ResponseSummary | undefined> {
    if (runs.value[tab.id]) return undefined
    const requestId = newId('r')
    runs.value[tab.id] = { requestId, startedAt: Date.now(), label }
    // A new send replaces the last answer: a failure or a cancel must not sit above an old response.
    for (const map of [errors, responses, sources]) delete map.value[tab.id]
    try {
      const summary = await work(requestId)
      responses.value[tab.id] = summary
      if (profileId) sources.value[tab.id] = profileId
      sentOnce.value = true
      return summary
    } catch (e) {
      errors.value[tab.id] = toUiError(e)
      return undefined
    } finally {
      delete runs.value[tab.id]
      // Each finished send (answered or not) adds a history entry: the history store reloads.
      sendsFinished.value++
    }
  }

  /** Sends a tab's draft; flags the problems and sends nothing when the URL or JSON is bad. */
  async function send(id = activeId.value): Promise<ResponseSummary | undefined> {
    const tab = tabs.value.find((t) => t.id === id)
    if (!tab) return undefined
    const profileId = profiles.activeId
    if (!profileId) {
      errors.value[tab.id] = { code: 'no-profile', message: 'Choose or create a profile first.' }
      return undefined
    }
    if (hasProblems(problemsOf(tab))) {
      attempted.value[tab.id] = true
      return undefined
    }
    attempted.value[tab.id] = false
    const request = toRequest(tab.draft, profileId)
    // Saved requests and user variables: main resolves them (secrets included) before sending.
    const collections = useCollectionsStore()
    if (collections.routes(tab.id)) {
      return run(tab, `${tab.draft.method} ${tab.title}`, profileId, (requestId) =>
        collections.send(tab.id, requestId),
      )
    }
    return run(tab, `${tab.draft.method} ${tab.title}`, profileId, async (requestId) =>
      unwrap(await client().httpSend({ ...request, requestId })),
    )
  }

  async function cancel(id = activeId.value): Promise<void> {
    const r = id ? runs.value[id] : undefined
    if (!r) return
    try {
      const { cancelled } = unwrap(await client().httpCancel({ requestId: r.requestId }))
      // Sent through the collections channel (saved request or user variables).
      if (!cancelled) unwrap(await client().collectionsCancelSend({ requestId: r.requestId }))
    } catch (e) {
      ui.toast('error', 'Could not cancel the request.', toUiError(e))
    }
  }

  /** A history entry in a new tab. */
  function openDraft(draft: TabDraft, title?: string): Tab {
    return addTab(draft, title ?? titleFor(draft))
  }

  /** Shows a response recorded in history in a tab (marked as recorded, not sent now). */
  function showRecorded(tabId: string, summary: ResponseSummary, profileId?: string): void {
    if (runs.value[tabId]) return
    delete errors.value[tabId]
    responses.value[tabId] = summary
    if (profileId) sources.value[tabId] = profileId
  }

  /** Sends a history entry again (main replays its stored draft) in a new tab. */
  async function resendHistory(
    historyId: string,
    draft: TabDraft,
    title?: string,
  ): Promise<ResponseSummary | undefined> {
    const tab = openDraft(draft, title)
    const profileId = profiles.activeId
    return run(tab, `Re-send ${tab.title}`, profileId, async (requestId) =>
      unwrap(
        await client().historyResend({
          id: historyId,
          requestId,
          ...(profileId ? { profileId } : {}),
        }),
      ),
    )
  }

  function dismissError(id: string): void {
    delete errors.value[id]
  }

  return {
    tabs,
    activeId,
    runs,
    responses,
    errors,
    sources,
    attempted,
    pending,
    sentOnce,
    sendsFinished,
    active,
    values,
    problemsOf,
    saveNow,
    whenRestored,
    reopenKept,
    newTab,
    addTab,
    openEndpoint,
    openDraft,
    showRecorded,
    select,
    close,
    closed,
    reopenClosed,
    cycle,
    update,
    duplicate,
    send,
    cancel,
    resendHistory,
    dismissError,
  }
})
