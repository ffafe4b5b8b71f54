import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { UnreadableItem, VaultStatusView } from '../../../electron/shared/auth'
import { client, unwrap } from '../api/client'
import { toUiError } from '../lib/errors'
import { useAuthStore } from './auth'
import { useProfilesStore } from './profiles'
import { useUiStore } from './ui'
import { useWorkbenchStore } from './workbench'

/**
 * Stored secrets, tokens and tab snapshots main could not decrypt. Main keeps their ciphertext;
 * the user can try again (after unlocking the keyring) or forget them. The status itself lives
 * in the auth store (`auth.vault`), which the token view also reads.
 */
export const useVaultStore = defineStore('vault', () => {
  const auth = useAuthStore()
  const busy = ref(false)

  const items = computed<UnreadableItem[]>(() => auth.vault?.unreadable ?? [])

  /** The unreadable item for one profile's secret field, if any. */
  function itemFor(profileId: string, field: 'apiSecret' | 'password'): UnreadableItem | undefined {
    return items.value.find((i) => i.profileId === profileId && i.field === field)
  }

  /** What changed for the user: profiles' secret facts, token states, reopened tabs. */
  async function reloadAfter(status: VaultStatusView): Promise<void> {
    auth.vault = status
    const profiles = useProfilesStore()
    await profiles.load()
    for (const p of profiles.profiles) void auth.loadState(p.id)
    await useWorkbenchStore().reopenKept()
  }

  async function act(work: () => Promise<VaultStatusView>): Promise<VaultStatusView | null> {
    if (busy.value) return null
    busy.value = true
    try {
      const status = await work()
      await reloadAfter(status)
      return status
    } catch (e) {
      useUiStore().toast('error', 'The stored items could not be updated.', toUiError(e))
      return null
    } finally {
      busy.value = false
    }
  }

  /** Tries to decrypt every kept item again; says what is readable now and what is not. */
  async function retry(): Promise<void> {
    const before = items.value.length
    const status = await act(async () => unwrap(await client().vaultRetry()))
    if (!status) return
    const left = status.unreadable.length
    useUiStore().toast(
      left ? 'warning' : 'success',
      left
        ? `Still cannot be decrypted: ${status.unreadable.map((i) => i.label).join(', ')}. Unlock the OS keyring, then try again.`
        : `Decrypted again: ${before === 1 ? 'the item is' : 'all items are'} back.`,
    )
  }

  /** Forgets one kept item for good. */
  async function forget(item: UnreadableItem): Promise<void> {
    const status = await act(async () => unwrap(await client().vaultForget({ key: item.key })))
    if (status) useUiStore().toast('info', `Forgotten: ${item.label}.`)
  }

  /** Reads the status again (after the tabs were loaded, which may find an unreadable snapshot). */
  const refresh = (): Promise<void> => auth.loadVault()

  // A new token, or a secret typed again in the profile, replaces what could not be decrypted:
  // read the status again so the notice goes away.
  watch(
    () => [auth.states, useProfilesStore().profiles],
    () => {
      if (items.value.length && !busy.value) void refresh()
    },
    { deep: true },
  )

  return { busy, items, itemFor, retry, forget, refresh }
})
