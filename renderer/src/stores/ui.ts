import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ProfileField } from '../../../electron/shared/profile'
import type { UiError } from '../lib/errors'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type ToastLevel = 'info' | 'success' | 'warning' | 'error'

export interface Toast {
  id: number
  level: ToastLevel
  message: string
  error?: UiError
}

/** How long a toast stays (ms): longer for what needs reading; hovering keeps it. */
export const TOAST_MS: Record<ToastLevel, number> = {
  info: 5000,
  success: 5000,
  warning: 9000,
  error: 15000,
}
const MAX_TOASTS = 4

const THEME_KEY = 'tp-explorer:theme'
const FIRST_RUN_KEY = 'tp-explorer:first-run-done'

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}
function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // storage unavailable: the choice lasts for this session
  }
}

/** Theme, which main view shows, overlays, toasts, and requests to focus a profile field. */
export const useUiStore = defineStore('ui', () => {
  const stored = readStorage(THEME_KEY)
  const theme = ref<ThemeChoice>(stored === 'light' || stored === 'dark' ? stored : 'system')
  const view = ref('token')
  const helpOpen = ref(false)
  const transferOpen = ref(false)
  /** The sandbox demos menu (status bar). */
  const demosOpen = ref(false)
  /** The workbench tab whose "Copy as code" dialog is open. */
  const snippetsFor = ref<string | null>(null)
  /** The profile editor shows a new, unsaved profile. */
  const creating = ref(false)
  /** The flow trace was opened at least once (first-run guide). */
  const traceSeen = ref(false)
  const toasts = ref<Toast[]>([])
  const focusRequest = ref<{ field: ProfileField; seq: number } | null>(null)
  const searchRequest = ref(0)
  const firstRunDone = ref(readStorage(FIRST_RUN_KEY) === '1')
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  watch(theme, (t) => writeStorage(THEME_KEY, t))

  const anyOverlay = computed(
    () => helpOpen.value || transferOpen.value || demosOpen.value || !!snippetsFor.value,
  )

  function cycleTheme(): void {
    theme.value = theme.value === 'system' ? 'light' : theme.value === 'light' ? 'dark' : 'system'
  }

  function show(name: string): void {
    view.value = name
    if (name === 'trace') traceSeen.value = true
  }

  function newProfile(): void {
    creating.value = true
    view.value = 'profile'
  }

  function toast(level: ToastLevel, message: string, error?: UiError): number {
    const id = nextId++
    toasts.value.push({ id, level, message, ...(error ? { error } : {}) })
    while (toasts.value.length > MAX_TOASTS) dismiss(toasts.value[0]!.id)
    resumeToast(id)
    return id
  }

  /** The pointer is on a toast (or its details are open): it stays until left. */
  function holdToast(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
  }

  function resumeToast(id: number): void {
    const t = toasts.value.find((x) => x.id === id)
    if (!t) return
    holdToast(id)
    timers.set(
      id,
      setTimeout(() => dismiss(id), TOAST_MS[t.level]),
    )
  }

  function dismiss(id: number): void {
    holdToast(id)
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  /** Opens the profile editor on `field` (from a "missing field" link). */
  function focusField(field: ProfileField): void {
    view.value = 'profile'
    focusRequest.value = { field, seq: (focusRequest.value?.seq ?? 0) + 1 }
  }

  function focusSearch(): void {
    searchRequest.value++
  }

  /** Closes the topmost overlay; false when none was open. */
  function closeOverlay(): boolean {
    if (helpOpen.value) {
      helpOpen.value = false
      return true
    }
    if (transferOpen.value) {
      transferOpen.value = false
      return true
    }
    if (snippetsFor.value) {
      snippetsFor.value = null
      return true
    }
    if (demosOpen.value) {
      demosOpen.value = false
      return true
    }
    return false
  }

  function finishFirstRun(): void {
    firstRunDone.value = true
    writeStorage(FIRST_RUN_KEY, '1')
  }

  return {
    theme,
    view,
    helpOpen,
    transferOpen,
    demosOpen,
    snippetsFor,
    creating,
    traceSeen,
    toasts,
    focusRequest,
    searchRequest,
    firstRunDone,
    anyOverlay,
    cycleTheme,
    show,
    newProfile,
    toast,
    holdToast,
    resumeToast,
    dismiss,
    focusField,
    focusSearch,
    closeOverlay,
    finishFirstRun,
  }
})
