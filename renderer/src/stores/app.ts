import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SandboxDemo, SandboxStatus } from '../../../electron/shared/auth'
import type { AppInfo } from '../../../electron/shared/types'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'
import { useUiStore } from './ui'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const sandbox = ref<SandboxStatus | null>(null)
  const sandboxError = ref<UiError | null>(null)
  const sandboxBusy = ref(false)

  async function loadInfo(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      info.value = unwrap(await client().appInfo())
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }

  async function loadSandbox(): Promise<void> {
    try {
      sandbox.value = unwrap(await client().sandboxStatus())
    } catch (e) {
      sandboxError.value = toUiError(e)
    }
  }

  async function startSandbox(): Promise<void> {
    sandboxBusy.value = true
    sandboxError.value = null
    try {
      sandbox.value = unwrap(await client().sandboxStart())
    } catch (e) {
      sandboxError.value = toUiError(e)
    } finally {
      sandboxBusy.value = false
    }
  }

  /** Arranges a sandbox demo; main says what the next call will meet. */
  async function runDemo(demo: SandboxDemo): Promise<boolean> {
    const ui = useUiStore()
    sandboxBusy.value = true
    try {
      const { message } = unwrap(await client().sandboxDemo({ demo }))
      ui.toast('info', message)
      return true
    } catch (e) {
      ui.toast('error', 'The sandbox demo could not be arranged.', toUiError(e))
      return false
    } finally {
      sandboxBusy.value = false
    }
  }

  return {
    info,
    loading,
    error,
    sandbox,
    sandboxError,
    sandboxBusy,
    loadInfo,
    loadSandbox,
    startSandbox,
    runDemo,
  }
})
