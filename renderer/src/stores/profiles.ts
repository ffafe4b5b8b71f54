import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { BusinessUnitMatch, RevealableSecret } from '../../../electron/shared/auth'
import type { ProfileSaveInput, ProfileView } from '../../../electron/shared/profile'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'

/** Profiles as main reports them (secrets only as masked facts), and the active one. */
export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileView[]>([])
  const activeId = ref<string | null>(null)
  const notices = ref<string[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<UiError | null>(null)

  const active = computed(() => profiles.value.find((p) => p.id === activeId.value) ?? null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const value = unwrap(await client().profilesList())
      profiles.value = value.profiles
      activeId.value = value.activeId ?? value.profiles[0]?.id ?? null
      notices.value = value.notices
      loaded.value = true
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loading.value = false
    }
  }

  function upsert(view: ProfileView): void {
    const i = profiles.value.findIndex((p) => p.id === view.id)
    if (i >= 0) profiles.value.splice(i, 1, view)
    else profiles.value.push(view)
  }

  /** Saves (creates without id); throws a ClientError main's message and details. */
  async function save(input: ProfileSaveInput): Promise<ProfileView> {
    const saved = unwrap(await client().profilesSave(input))
    upsert(saved)
    if (!activeId.value) activeId.value = saved.id
    return saved
  }

  async function remove(profileId: string): Promise<void> {
    unwrap(await client().profilesDelete({ profileId }))
    await load()
  }

  async function setActive(profileId: string): Promise<void> {
    unwrap(await client().profilesSetActive({ profileId }))
    activeId.value = profileId
  }

  async function exportJson(profileIds?: string[]): Promise<string> {
    return unwrap(await client().profilesExport(profileIds ? { profileIds } : {})).json
  }

  async function importJson(json: string): Promise<ProfileView[]> {
    const added = unwrap(await client().profilesImport({ json }))
    for (const p of added) upsert(p)
    return added
  }

  async function findBusinessUnit(profileId: string, name: string): Promise<BusinessUnitMatch> {
    return unwrap(await client().profilesFindBusinessUnit({ profileId, name }))
  }

  /** The explicit reveal: the caller shows it briefly and drops it. */
  async function reveal(profileId: string, secret: RevealableSecret): Promise<string> {
    return unwrap(await client().secretsReveal({ profileId, secret })).value
  }

  /** Main writes the clipboard; the value never enters the renderer. */
  async function copy(profileId: string, secret: RevealableSecret): Promise<void> {
    unwrap(await client().secretsCopy({ profileId, secret }))
  }

  return {
    profiles,
    activeId,
    notices,
    loaded,
    loading,
    error,
    active,
    load,
    save,
    remove,
    setActive,
    exportJson,
    importJson,
    findBusinessUnit,
    reveal,
    copy,
  }
})
