import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { HistoryEntry, HistorySummary } from '../../../electron/shared/workbench'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'
import { useUiStore } from './ui'
import { fromRequest, titleFor } from '../lib/tab-draft'
import { useWorkbenchStore } from './workbench'

const PAGE = 50

/** Sent requests as main keeps them (secrets masked): search, re-open, re-send, clear. */
export const useHistoryStore = defineStore('history', () => {
  const entries = ref<HistorySummary[]>([])
  const total = ref(0)
  const damaged = ref(0)
  const writeError = ref<string | null>(null)
  const query = ref('')
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<UiError | null>(null)
  /** How many of the newest matches the list shows; "Show more" adds a page. */
  const shown = ref(PAGE)
  let reportedDamaged = 0
  let generation = 0

  async function load(q = query.value): Promise<void> {
    if (q !== query.value) shown.value = PAGE
    query.value = q
    const mine = ++generation
    loading.value = true
    try {
      const trimmed = q.trim()
      const value = unwrap(
        await client().historyList({ ...(trimmed ? { query: trimmed } : {}), limit: shown.value }),
      )
      if (mine !== generation) return
      entries.value = value.entries
      total.value = value.total
      damaged.value = value.damaged
      writeError.value = value.error ?? null
      error.value = null
      loaded.value = true
      if (value.damaged > reportedDamaged) {
        reportedDamaged = value.damaged
        useUiStore().toast(
          'warning',
          `${value.damaged} damaged history line${value.damaged > 1 ? 's were' : ' was'} skipped.`,
        )
      }
    } catch (e) {
      if (mine === generation) error.value = toUiError(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** The next page of older entries (the list is read again from the top, so a send meanwhile shifts nothing). */
  async function loadMore(): Promise<void> {
    shown.value = entries.value.length + PAGE
    await load()
  }

  /** Reloads after a send, if the list was ever shown. */
  async function refresh(): Promise<void> {
    if (loaded.value) await load()
  }

  async function get(id: string): Promise<HistoryEntry> {
    return unwrap(await client().historyGet({ id }))
  }

  /** Opens the entry's request in a new tab, with the response it got then (marked as recorded). */
  async function reopen(id: string): Promise<void> {
    const wb = useWorkbenchStore()
    let tabId: string
    let profileId: string
    try {
      const entry = await get(id)
      profileId = entry.profileId
      const draft = fromRequest(entry.draft)
      tabId = wb.openDraft(draft, entry.endpointName ?? titleFor(draft)).id
      if (!entry.response) return
    } catch (e) {
      useUiStore().toast('error', 'Could not open this history entry.', toUiError(e))
      return
    }
    try {
      const recorded = unwrap(await client().historyResponse({ id }))
      if (recorded) wb.showRecorded(tabId, recorded, profileId)
    } catch (e) {
      useUiStore().toast('warning', 'The recorded response could not be shown.', toUiError(e))
    }
  }

  async function resend(id: string): Promise<void> {
    try {
      const entry = await get(id)
      const draft = fromRequest(entry.draft)
      await useWorkbenchStore().resendHistory(id, draft, entry.endpointName ?? titleFor(draft))
    } catch (e) {
      useUiStore().toast('error', 'Could not send this history entry again.', toUiError(e))
    }
  }

  async function clear(): Promise<void> {
    try {
      unwrap(await client().historyClear())
      reportedDamaged = 0
      await load()
    } catch (e) {
      useUiStore().toast('error', 'Could not clear the history.', toUiError(e))
    }
  }

  // Every finished send adds an entry in main: show it.
  watch(
    () => useWorkbenchStore().sendsFinished,
    () => void refresh(),
  )
  return {
    entries,
    total,
    damaged,
    writeError,
    query,
    loaded,
    loading,
    error,
    load,
    loadMore,
    refresh,
    get,
    reopen,
    resend,
    clear,
  }
})
