import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { ImportPreview } from '../../electron/shared/import'
import { setClient } from '../../renderer/src/api/client'
import TransferDialog from '../../renderer/src/components/TransferDialog.vue'
import RequestBuilder from '../../renderer/src/components/workbench/RequestBuilder.vue'
import { useAppStore } from '../../renderer/src/stores/app'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useUiStore } from '../../renderer/src/stores/ui'
import { blankDraft } from '../../renderer/src/lib/tab-draft'
import { useWorkbenchStore } from '../../renderer/src/stores/workbench'
import { fakeClient } from './fake-client'
import { profileView } from './fixtures'

const API = 'http://127.0.0.1:4010/v1'

function seed(): void {
  const profiles = useProfilesStore()
  profiles.profiles = [profileView()]
  profiles.activeId = 'p1'
  profiles.loaded = true
  useAppStore().sandbox = { running: true, apiBase: API, invitationsBase: `${API}-inv` }
}

const preview: ImportPreview = {
  previewId: 'pv1',
  format: 'bruno',
  formatLabel: 'Bruno collection',
  name: 'Team calls',
  counts: { requests: 2, folders: 1, environments: 2, variables: 3, scripts: 1 },
  requests: [
    {
      name: 'List reviews',
      folder: 'Reviews',
      method: 'GET',
      url: '{{apiBase}}/r',
      auth: 'profile-token',
    },
    { name: 'Find', folder: '', method: 'GET', url: '{{apiBase}}/f', auth: 'profile-apikey' },
  ],
  scripts: ['“Find”: tests'],
  skipped: [{ what: 'request “Tokens / Get Access Token”', why: 'the app gets tokens itself' }],
  notes: ['The collection’s own token script is not needed.'],
  environments: [
    { name: 'Sandbox', variables: ['reviewId'] },
    { name: 'Production', variables: ['reviewId'] },
  ],
}

describe('Import dialog', () => {
  it('shows the summary before anything is written, confirms with the chosen environment, opens a request', async () => {
    seed()
    const fake = fakeClient({
      'import:text': () => ({ ok: true, value: { kind: 'collection', preview } }),
      'import:confirm': () => ({
        ok: true,
        value: {
          id: 'c1',
          name: 'Team calls',
          notes: [],
          requests: [
            {
              ...preview.requests[0]!,
              draft: { method: 'GET', url: '{{apiBase}}/r', query: [], headers: [], auth: 'token' },
            },
          ],
        },
      }),
    })
    setClient(fake.api)
    useUiStore().transferOpen = true
    const w = mount(TransferDialog, { attachTo: document.body })
    await w.get('[data-testid="import-text"]').setValue('{"info":{},"item":[]}')
    await w.get('[data-testid="do-import"]').trigger('click')
    await flushPromises()
    expect(fake.calls).toEqual([['import:text', { text: '{"info":{},"item":[]}' }]])
    const summary = w.get('[data-testid="import-summary"]')
    expect(summary.text()).toContain('Bruno collection: “Team calls”')
    expect(w.get('[data-testid="import-counts"]').text()).toBe(
      '2 requests1 folder2 environments3 variables1 script',
    )
    expect(w.get('[data-testid="import-skipped"]').text()).toContain('the app gets tokens itself')
    expect(w.get('[data-testid="import-scripts"]').text()).toContain('“Find”: tests')
    await w.get('[data-testid="import-environment"]').setValue('Production')
    await w.get('[data-testid="import-confirm"]').trigger('click')
    await flushPromises()
    expect(fake.calls[1]).toEqual([
      'import:confirm',
      { previewId: 'pv1', environment: 'Production' },
    ])
    await w.get('[data-testid="open-imported-0"]').trigger('click')
    const wb = useWorkbenchStore()
    expect(wb.tabs.at(-1)).toMatchObject({
      title: 'List reviews',
      draft: { url: '{{apiBase}}/r', auth: 'token' },
    })
    expect(useUiStore().transferOpen).toBe(false)
    w.unmount()
  })

  it('Cancel tells main to forget the summary and writes nothing', async () => {
    seed()
    const fake = fakeClient({
      'import:text': () => ({ ok: true, value: { kind: 'collection', preview } }),
      'import:cancel': () => ({ ok: true, value: null }),
    })
    setClient(fake.api)
    const w = mount(TransferDialog, { attachTo: document.body })
    await w.get('[data-testid="import-text"]').setValue('x')
    await w.get('[data-testid="do-import"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="import-cancel"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toEqual(['import:text', 'import:cancel'])
    expect(w.find('[data-testid="import-summary"]').exists()).toBe(false)
    w.unmount()
  })
})

describe('a cURL command pasted into the URL box', () => {
  it('becomes the tab’s request through main, not text in the URL', async () => {
    seed()
    const line = `curl '${API}/private/reviews/r1' -H 'Authorization: Bearer tpa-x'`
    const fake = fakeClient({
      'import:curl': () => ({
        ok: true,
        value: {
          draft: {
            method: 'DELETE',
            url: `${API}/private/reviews/r1`,
            query: [],
            headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
            auth: 'token',
          },
          notes: ['The bearer token in the line was not kept.'],
        },
      }),
    })
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.openDraft(blankDraft(), 'New request')
    const w = mount(RequestBuilder, { props: { tabId: tab.id }, attachTo: document.body })
    await w.get('[data-testid="url"]').trigger('paste', { clipboardData: { getData: () => line } })
    await flushPromises()
    expect(fake.calls).toEqual([['import:curl', { profileId: 'p1', text: line }]])
    expect(tab.draft).toMatchObject({
      method: 'DELETE',
      url: `${API}/private/reviews/r1`,
      auth: 'token',
    })
    expect(wb.tabs.find((t) => t.id === tab.id)!.title).toBe(`DELETE ${API}/private/reviews/r1`)
    expect(useUiStore().toasts.at(-1)?.message).toContain(
      'The bearer token in the line was not kept.',
    )
    w.unmount()
  })

  it('leaves an ordinary URL paste alone', async () => {
    seed()
    const fake = fakeClient({})
    setClient(fake.api)
    const tab = useWorkbenchStore().openDraft(blankDraft(), 'New request')
    const w = mount(RequestBuilder, { props: { tabId: tab.id }, attachTo: document.body })
    await w
      .get('[data-testid="url"]')
      .trigger('paste', { clipboardData: { getData: () => `${API}/x` } })
    await flushPromises()
    expect(fake.calls).toEqual([])
    w.unmount()
  })
})
