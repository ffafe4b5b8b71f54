import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { setClient } from '../../renderer/src/api/client'
import SecretField from '../../renderer/src/components/SecretField.vue'
import UnreadableNotice from '../../renderer/src/components/UnreadableNotice.vue'
import { useAuthStore } from '../../renderer/src/stores/auth'
import { useVaultStore } from '../../renderer/src/stores/vault'
import { useUiStore } from '../../renderer/src/stores/ui'
import { useWorkbenchStore } from '../../renderer/src/stores/workbench'
import type { UnreadableItem, VaultStatusView } from '../../electron/shared/auth'
import { fakeClient } from './fake-client'
import { profileView } from './fixtures'

const secretItem: UnreadableItem = {
  key: 'profile:p1:apiSecret',
  kind: 'secret',
  profileId: 'p1',
  field: 'apiSecret',
  label: 'Sandbox — API secret',
  advice: 'Unlock the keyring and choose Try again, or Forget it and enter it again.',
  afterForget: 'after forgetting it, enter the API secret again in the profile',
}
const tabsItem: UnreadableItem = {
  key: 'workbench:tabs:unreadable:1',
  kind: 'tabs',
  label: 'The requests open last time',
  advice: 'Unlock the keyring and choose Try again, or Forget them.',
  afterForget: 'forgetting them starts the workbench without them',
}

const status = (unreadable: UnreadableItem[]): VaultStatusView => ({
  backend: 'gnome_libsecret',
  protected: true,
  persisting: true,
  memoryOnly: 0,
  notices: [],
  unreadable,
})

const savedTabs = JSON.stringify({
  version: 1,
  activeId: 't-old',
  tabs: [
    {
      id: 't-old',
      title: 'Kept request',
      draft: {
        profileId: 'p1',
        method: 'GET',
        url: 'https://example.com/kept',
        query: [],
        headers: [],
        pathParams: {},
        body: { kind: 'none', text: '' },
        auth: 'token',
      },
    },
  ],
})

describe('items that could not be decrypted', () => {
  it('are named by profile and field, with Try again; readable ones come back, tabs reopen', async () => {
    let unreadable = [secretItem, tabsItem]
    const fake = fakeClient({
      'vault:retry': () => {
        unreadable = []
        return { ok: true, value: status(unreadable) }
      },
      'profiles:list': () => ({
        ok: true,
        value: { profiles: [profileView()], activeId: 'p1', notices: [] },
      }),
      'auth:state': () => ({ ok: false, error: { code: 'not-faked', message: 'n/a' } }),
      'tabs:load': () => ({ ok: true, value: { json: null, recovered: [savedTabs] } }),
    })
    setClient(fake.api)
    useAuthStore().vault = status(unreadable)
    const vault = useVaultStore()
    const w = mount(UnreadableNotice, { props: { items: vault.items } })
    const items = w.findAll('[data-testid="unreadable-item"]')
    expect(items).toHaveLength(2)
    expect(items[0]!.text()).toContain('Sandbox — API secret could not be decrypted.')
    expect(items[0]!.get('[data-testid="unreadable-forget"]').text()).toBe('Forget')
    expect(items[1]!.text()).toContain('The requests open last time could not be decrypted.')
    expect(w.text()).toMatch(/2 stored items could not be decrypted\. They are kept as they were/)
    expect(w.text()).toContain('unlock it and choose Try again')
    expect(w.text()).not.toContain('profile:p1') // never an internal id

    await w.get('[data-testid="unreadable-retry"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toContain('vault:retry')
    expect(vault.items).toEqual([])
    const workbench = useWorkbenchStore()
    expect(workbench.tabs.map((t) => t.title)).toContain('Kept request')
    expect(
      useUiStore()
        .toasts.map((t) => t.message)
        .join(' '),
    ).toMatch(/Reopened 1 request/)
  })

  it('Forget asks once more, then forgets that item only', async () => {
    const fake = fakeClient({
      'vault:forget': ({ key }) => ({
        ok: true,
        value: status([secretItem, tabsItem].filter((i) => i.key !== key)),
      }),
      'profiles:list': () => ({
        ok: true,
        value: { profiles: [profileView()], activeId: 'p1', notices: [] },
      }),
      'auth:state': () => ({ ok: false, error: { code: 'not-faked', message: 'n/a' } }),
    })
    setClient(fake.api)
    useAuthStore().vault = status([secretItem, tabsItem])
    const w = mount(UnreadableNotice, { props: { items: [secretItem, tabsItem] } })
    const forget = w.findAll('[data-testid="unreadable-forget"]')[1]!
    await forget.trigger('click')
    expect(fake.calls.map(([c]) => c)).not.toContain('vault:forget')
    expect(forget.text()).toBe('Forget it for good')
    expect(w.text()).toContain(
      'Press again to forget it for good (forgetting them starts the workbench without them).',
    )
    await forget.trigger('click')
    await flushPromises()
    expect(fake.calls).toContainEqual(['vault:forget', { key: tabsItem.key }])
    expect(useVaultStore().items).toEqual([secretItem])
  })

  it('the profile editor field says its stored secret could not be decrypted, not "missing"', async () => {
    setClient(fakeClient({}).api)
    useAuthStore().vault = status([secretItem])
    const w = mount(SecretField, {
      props: {
        id: 'f',
        secret: 'apiSecret',
        label: 'API secret',
        profileId: 'p1',
        fact: { set: false, masked: '', unreadable: true },
        modelValue: undefined,
      },
    })
    expect(w.get('[data-testid="unreadable-apiSecret"]').text()).toMatch(
      /could not be decrypted.*Try again/s,
    )
    expect(w.find('[data-testid="unreadable-retry-apiSecret"]').exists()).toBe(true)
  })
})
