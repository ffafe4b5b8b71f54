import { defineStore } from 'pinia'
import { ref } from 'vue'
import { client, unwrap } from '../api/client'
import type {
  ImportedCollection,
  ImportedRequest,
  ImportOutcome,
  ImportPreview,
} from '../../../electron/shared/import'
import type { ProfileView } from '../../../electron/shared/profile'
import { toUiError, type UiError } from '../lib/errors'
import { useProfilesStore } from './profiles'
import { fromRequest } from '../lib/tab-draft'
import { useWorkbenchStore } from './workbench'

/**
 * Import of collections and profiles (issue 15): what was chosen or pasted is summarised by main
 * first; the collection is written only on Confirm. Profile exports of this app are imported
 * straight away, as before.
 */
export const useImportsStore = defineStore('imports', () => {
  const preview = ref<ImportPreview | null>(null)
  const imported = ref<ImportedCollection | null>(null)
  const error = ref<UiError | null>(null)
  const busy = ref<'' | 'reading' | 'writing'>('')
  const environment = ref<string>('')

  function reset(): void {
    preview.value = null
    imported.value = null
    error.value = null
    environment.value = ''
  }

  async function settle(run: () => Promise<ImportOutcome>): Promise<ProfileView[] | null> {
    error.value = null
    imported.value = null
    busy.value = 'reading'
    try {
      const outcome = await run()
      if (outcome.kind === 'profiles') {
        await useProfilesStore().load()
        return outcome.added
      }
      if (outcome.kind === 'collection') {
        preview.value = outcome.preview
        environment.value = outcome.preview.environments[0]?.name ?? ''
      }
      return null
    } catch (e) {
      error.value = toUiError(e)
      return null
    } finally {
      busy.value = ''
    }
  }

  /** Main opens its file or folder dialog. Returns the profiles added, if it was a profile file. */
  const pick = (kind: 'file' | 'folder') =>
    settle(async () => unwrap(await client().importPick({ kind })))

  const fromText = (text: string, name?: string) =>
    settle(async () => unwrap(await client().importText(name ? { text, name } : { text })))

  async function confirm(): Promise<ImportedCollection | null> {
    if (!preview.value) return null
    busy.value = 'writing'
    error.value = null
    try {
      const args = environment.value
        ? { previewId: preview.value.previewId, environment: environment.value }
        : { previewId: preview.value.previewId }
      imported.value = unwrap(await client().importConfirm(args))
      preview.value = null
      return imported.value
    } catch (e) {
      error.value = toUiError(e)
      return null
    } finally {
      busy.value = ''
    }
  }

  async function cancel(): Promise<void> {
    const id = preview.value?.previewId
    reset()
    if (id) await client().importCancel({ previewId: id })
  }

  /** Exports the imported collection (main asks where); returns the path written, or null. */
  async function exportAs(format: 'postman' | 'bruno'): Promise<string | null> {
    if (!imported.value) return null
    error.value = null
    try {
      const result = unwrap(
        await client().exportCollection({ collectionId: imported.value.id, format }),
      )
      return result.saved ? (result.path ?? null) : null
    } catch (e) {
      error.value = toUiError(e)
      return null
    }
  }

  /** Opens an imported request in a workbench tab. */
  function open(request: ImportedRequest): void {
    const profileId = useProfilesStore().activeId ?? ''
    useWorkbenchStore().openDraft(fromRequest({ ...request.draft, profileId }), request.name)
  }

  return {
    preview,
    imported,
    error,
    busy,
    environment,
    reset,
    pick,
    fromText,
    confirm,
    cancel,
    open,
    exportAs,
  }
})
