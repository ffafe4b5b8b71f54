import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { CollectionView, StoredRequest } from '../../electron/shared/collections-api'
import { setClient } from '../../renderer/src/api/client'
import { useCollectionsStore } from '../../renderer/src/stores/collections'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useWorkbenchStore } from '../../renderer/src/stores/workbench'
import { fakeClient } from './fake-client'
import { profileView } from './fixtures'

const listReviews: StoredRequest = {
  type: 'request',
  path: 'reviews/list.yaml',
  name: 'List reviews',
  method: 'GET',
  url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
  query: [{ name: 'perPage', value: '{{perPage}}', enabled: true }],
  headers: [],
  auth: { kind: 'inherit' },
  variables: [{ name: 'who', value: 'request' }],
  captures: [{ variable: 'reviewId', from: 'body', path: 'reviews[0].id' }],
}

const collection: CollectionView = {
  id: 'c1',
  dir: '/data/collections/support',
  external: false,
  name: 'Support',
  variables: [
    { name: 'who', value: 'collection' },
    { name: 'perPage', value: '' }, // a blank placeholder: the profile's value wins
    { name: 'partnerKey', value: '', secret: true, set: true, masked: '••••9f3a' },
  ],
  items: [{ type: 'folder', name: 'Reviews', path: 'reviews', items: [listReviews] }],
  damaged: [],
}

function setup() {
  const fake = fakeClient({
    'collections:list': () => ({ ok: true, value: { collections: [collection], root: '/data' } }),
    'collections:profile-variables': () => ({
      ok: true,
      value: [
        { name: 'perPage', value: '7' },
        { name: 'who', value: 'profile' },
      ],
    }),
    'collections:save-request': (arg) => ({ ok: true, value: { path: arg.path ?? 'x.yaml' } }),
  })
  setClient(fake.api)
  const profiles = useProfilesStore()
  profiles.profiles = [profileView()]
  profiles.activeId = 'p1'
  return { fake, store: useCollectionsStore(), wb: useWorkbenchStore() }
}

describe('collections store', () => {
  it('shows where each variable resolves from; an empty value does not shadow; secrets only masked', async () => {
    const { store, wb } = setup()
    await store.load()
    await store.loadProfileVariables()
    store.openRequest('c1', listReviews)
    const tabId = wb.activeId!
    const sources = store.sourcesFor(tabId)
    expect(sources['who']).toEqual({ scope: 'request', shown: 'request', secret: false })
    expect(sources['perPage']).toEqual({ scope: 'profile', shown: '7', secret: false })
    expect(sources['partnerKey']).toEqual({ scope: 'collection', shown: '••••9f3a', secret: true })
    // A captured name is known (no problem flagged) even before the request that sets it ran.
    expect(store.userVariables(tabId)['reviewId']).toEqual({ scope: 'collection' })
  })

  it('opening an open saved request focuses its tab; an edit marks it unsaved; Ctrl+S saves over it', async () => {
    const { store, wb, fake } = setup()
    await store.load()
    store.openRequest('c1', listReviews)
    const first = wb.activeId!
    wb.newTab()
    store.openRequest('c1', listReviews)
    expect(wb.activeId).toBe(first)
    expect(wb.tabs).toHaveLength(2)
    expect(store.isDirty(first)).toBe(false)
    wb.update(first, (d) => (d.url = `${d.url}?x=1`))
    expect(store.isDirty(first)).toBe(true)
    await store.saveTab(first)
    await flushPromises()
    const saved = fake.calls.find(([c]) => c === 'collections:save-request')![1] as {
      path: string
      request: { url: string; auth: unknown; captures: unknown }
    }
    expect(saved.path).toBe('reviews/list.yaml')
    expect(saved.request.url).toContain('?x=1')
    // The saved auth kind and captures are kept.
    expect(saved.request.auth).toEqual({ kind: 'inherit' })
    expect(saved.request.captures).toEqual(listReviews.captures)
    expect(store.isDirty(first)).toBe(false)
  })

  it('the first save of a new tab asks for a name and folder', async () => {
    const { store, wb } = setup()
    await store.load()
    wb.newTab()
    await store.saveTab()
    expect(store.saveDialog).toEqual({ tabId: wb.activeId, mode: 'save' })
  })
})
