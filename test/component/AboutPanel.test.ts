import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AboutPanel from '../../renderer/src/components/AboutPanel.vue'
import { setClient } from '../../renderer/src/api/client'
import { fakeClient } from './fake-client'
import { useAppStore } from '../../renderer/src/stores/app'
import type { AppInfo } from '../../electron/shared/types'

const info: AppInfo = {
  name: 'Trustpilot API Explorer',
  version: '9.9.9',
  platform: 'linux',
  safeStorageBackend: 'basic_text',
  secretsProtected: false,
}

describe('AboutPanel', () => {
  it('loads app info through the client and shows it, warning about an unprotected keyring', async () => {
    const appInfo = vi.fn(async () => ({ ok: true as const, value: info }))
    setClient(fakeClient({ 'app:info': appInfo }).api)
    const wrapper = mount(AboutPanel)
    await wrapper.get('[data-testid="about-check-info"]').trigger('click')
    await flushPromises()
    expect(appInfo).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="app-version"]').text()).toBe('9.9.9')
    expect(wrapper.get('[data-testid="app-backend"]').text()).toBe('basic_text')
    expect(wrapper.text()).toContain('only be obfuscated')
  })

  it('shows the error message when main answers with an error', async () => {
    setClient(
      fakeClient({
        'app:info': async () => ({
          ok: false,
          error: { code: 'failed', message: 'main is unhappy' },
        }),
      }).api,
    )
    const wrapper = mount(AboutPanel)
    await useAppStore().loadInfo()
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('main is unhappy')
    expect(wrapper.find('[data-testid="app-info"]').exists()).toBe(false)
  })
})
