import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '../../../electron/shared/types'
import { client, unwrap } from '../api/client'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

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

  return { info, loading, error, loadInfo }
})
