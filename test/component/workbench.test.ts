import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { language } from '@codemirror/language'
import { EditorView } from '@codemirror/view'
import { createPinia, setActivePinia } from 'pinia'
import { endpointById } from '../../electron/shared/catalogue'
import type {
  HistorySummary,
  ResponseSummary,
  SnippetResult,
} from '../../electron/shared/workbench'
import { setClient } from '../../renderer/src/api/client'
import RequestBuilder from '../../renderer/src/components/workbench/RequestBuilder.vue'
import BodyView from '../../renderer/src/components/workbench/BodyView.vue'
import HistoryPanel from '../../renderer/src/components/workbench/HistoryPanel.vue'
import ResponseViewer from '../../renderer/src/components/workbench/ResponseViewer.vue'
import SnippetDialog from '../../renderer/src/components/workbench/SnippetDialog.vue'
import { LineBreaker } from '../../renderer/src/lib/body-loader'
import { jsonProblem, parseSavedTabs, urlProblem } from '../../renderer/src/lib/request-draft'
import { useAppStore } from '../../renderer/src/stores/app'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useUiStore } from '../../renderer/src/stores/ui'
import { blankDraft } from '../../renderer/src/lib/tab-draft'
import { TABS_KEY, useWorkbenchStore } from '../../renderer/src/stores/workbench'
import { fakeClient } from './fake-client'
import { ACCESS, profileView } from './fixtures'

const API = 'http://127.0.0.1:4010/v1'

function seed(): void {
  const profiles = useProfilesStore()
  profiles.profiles = [profileView({ businessUnitId: 'bu-1', businessUserId: 'user-1' })]
  profiles.activeId = 'p1'
  profiles.loaded = true
  useAppStore().sandbox = { running: true, apiBase: API, invitationsBase: `${API}-inv` }
}

function summary(over: Partial<ResponseSummary> = {}): ResponseSummary {
  return {
    requestId: 'r1',
    responseId: 'resp1',
    historyId: 'h1',
    request: { method: 'GET', url: `${API}/x`, headers: { Authorization: 'Bearer tpa-••••1234' } },
    status: 200,
    statusText: 'OK',
    meaning: 'OK: the call worked.',
    headers: { 'content-type': 'application/json' },
    contentType: 'application/json',
    kind: 'json',
    size: 17,
    timing: { startedAt: 0, totalMs: 42.4, ttfbMs: 30.1 },
    retried: false,
    tokenAttached: true,
    notes: ['Authorization: Bearer attached (client-credentials token).'],
    warnings: [],
    body: '{"hello":"world"}',
    large: false,
    prettyAvailable: true,
    ...over,
  }
}

describe('request checks', () => {
  const values = { apiBase: API, businessUnitId: 'bu-1' }
  it('flags bad URLs in one sentence and accepts variables', () => {
    expect(
      urlProblem('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews', values),
    ).toBe(null)
    expect(urlProblem('', values)).toMatch(/empty/)
    expect(urlProblem('api.trustpilot.com/v1/x', values)).toMatch(/no scheme/)
    expect(urlProblem('ftp://x.example/a', values)).toMatch(/Only http and https/)
    expect(urlProblem('{{apiBase}}/a b', values)).toMatch(/spaces/)
    expect(urlProblem('{{nope}}/x', values)).toMatch(/Unknown variable \{\{nope\}\}/)
    expect(urlProblem('{{apiBase}}/private/reviews/{reviewId}', values)).toMatch(/\{reviewId\}/)
  })

  it('finds the first JSON problem with line and column; variables are fine anywhere', () => {
    expect(jsonProblem('{"a": "{{businessUserId}}", "n": {{count}}}')).toBe(null)
    expect(jsonProblem('')).toBe(null)
    const p = jsonProblem('{\n  "a": 1,\n}')
    expect(p).not.toBe(null)
    expect(p!.line).toBe(3)
  })

  it('breaks very long lines for display only, keeping the column across slices', () => {
    const b = new LineBreaker(4)
    expect(b.feed('abcdef') + b.feed('gh\nij')).toBe('abcd\nefgh\nij')
  })

  it('refuses damaged saved tabs', () => {
    expect(() => parseSavedTabs('{nope')).toThrow(/not JSON/)
    expect(() => parseSavedTabs('{"version":1,"tabs":[{"id":"a"}]}')).toThrow(/damaged/)
  })
})

describe('workbench store', () => {
  /** Main's side of `tabs:load` / `tabs:save`, kept in memory across "restarts". */
  function tabsMain(initial: string | null = null) {
    const main = { json: initial, saves: [] as string[], failSaves: false, loadDelay: 0 }
    const fake = fakeClient({
      'tabs:load': async () => {
        if (main.loadDelay) await new Promise((r) => setTimeout(r, main.loadDelay))
        return { ok: true, value: { json: main.json } }
      },
      'tabs:save': ({ json }) => {
        if (main.failSaves) return { ok: false, error: { code: 'failed', message: 'disk full' } }
        main.saves.push(json)
        main.json = json === '' ? null : json
        return { ok: true, value: null }
      },
    })
    setClient(fake.api)
    return main
  }

  it('saves open tabs to main (debounced) and restores them on the next start', async () => {
    vi.useFakeTimers()
    seed()
    const main = tabsMain()
    const wb = useWorkbenchStore()
    await wb.whenRestored()
    const tab = wb.openEndpoint(endpointById('private.reviews.get')!)
    expect(useUiStore().view).toBe('workbench')
    expect(wb.pending[tab.id]).toEqual(['reviewId'])
    wb.update(tab.id, (d) => {
      d.url = d.url.replace('{reviewId}', 'abc')
      d.headers.push({ name: 'Authorization', value: 'Bearer typed-by-hand', enabled: true })
    })
    await flushPromises()
    expect(main.saves).toEqual([])
    await vi.advanceTimersByTimeAsync(500)
    expect(main.saves).toHaveLength(1)
    expect(main.json).toContain('/private/reviews/abc')
    expect(main.json).not.toContain('"profileId"')
    expect(localStorage.getItem(TABS_KEY)).toBe(null)

    setActivePinia(createPinia())
    const again = useWorkbenchStore()
    await again.whenRestored()
    expect(again.tabs).toHaveLength(1)
    expect(again.active?.draft.url).toBe('{{apiBase}}/private/reviews/abc')
    expect(again.active?.draft.headers.at(-1)?.value).toBe('Bearer typed-by-hand')
    expect(again.active?.title).toBe(endpointById('private.reviews.get')!.name)
    expect(main.saves).toHaveLength(1) // read back unchanged: not written again
  })

  it('a tab opened before the last session is back lands after it, and nothing is overwritten meanwhile', async () => {
    vi.useFakeTimers()
    seed()
    const main = tabsMain()
    const first = useWorkbenchStore()
    await first.whenRestored()
    first.openEndpoint(endpointById('private.reviews.list')!)
    await first.saveNow()
    const before = main.json

    setActivePinia(createPinia())
    main.loadDelay = 1000
    const wb = useWorkbenchStore()
    wb.openEndpoint(endpointById('private.reviews.get')!)
    await vi.advanceTimersByTimeAsync(500) // the save delay passes while the load is pending
    expect(main.json).toBe(before)
    await vi.advanceTimersByTimeAsync(600)
    await wb.whenRestored()
    expect(wb.tabs.map((t) => t.title)).toEqual([
      endpointById('private.reviews.list')!.name,
      endpointById('private.reviews.get')!.name,
    ])
    expect(wb.active?.title).toBe(endpointById('private.reviews.get')!.name)
    expect(JSON.parse(main.json!).tabs).toHaveLength(2)
  })

  it('drops a damaged snapshot with a toast, never a crash, and forgets it in main', async () => {
    const main = tabsMain('{"version":1,"tabs":[{"id":1}]}')
    const wb = useWorkbenchStore()
    await wb.whenRestored()
    expect(wb.tabs).toEqual([])
    const toasts = useUiStore().toasts
    expect(toasts[0]?.level).toBe('warning')
    expect(toasts[0]?.message).toMatch(/could not be restored \(a saved tab is damaged\)/)
    expect(main.saves).toEqual([''])
    expect(main.json).toBe(null)
  })

  it('moves tabs an earlier version kept in localStorage to main, once', async () => {
    const legacy = JSON.stringify({
      version: 1,
      activeId: 'old',
      tabs: [{ id: 'old', title: 'Kept', draft: { ...blankDraft(), url: '{{apiBase}}/old' } }],
    })
    localStorage.setItem(TABS_KEY, legacy)
    const main = tabsMain()
    const wb = useWorkbenchStore()
    await wb.whenRestored()
    expect(wb.active?.title).toBe('Kept')
    expect(main.saves).toHaveLength(1)
    expect(JSON.parse(main.json!).tabs[0].draft.url).toBe('{{apiBase}}/old')
    expect(localStorage.getItem(TABS_KEY)).toBe(null)
  })

  it('keeps the localStorage copy and says so once when main cannot save', async () => {
    vi.useFakeTimers()
    localStorage.setItem(
      TABS_KEY,
      JSON.stringify({
        version: 1,
        activeId: null,
        tabs: [{ id: 'a', title: 'A', draft: blankDraft() }],
      }),
    )
    const main = tabsMain()
    main.failSaves = true
    const wb = useWorkbenchStore()
    await wb.whenRestored()
    expect(localStorage.getItem(TABS_KEY)).not.toBe(null)
    wb.update(wb.tabs[0]!.id, (d) => (d.url = 'https://example.com/1'))
    await vi.advanceTimersByTimeAsync(500)
    wb.update(wb.tabs[0]!.id, (d) => (d.url = 'https://example.com/2'))
    await vi.advanceTimersByTimeAsync(500)
    const warnings = useUiStore().toasts.filter((t) => /could not be saved/.test(t.message))
    expect(warnings).toHaveLength(1)
    main.failSaves = false
    wb.update(wb.tabs[0]!.id, (d) => (d.url = 'https://example.com/3'))
    await vi.advanceTimersByTimeAsync(500)
    expect(main.json).toContain('https://example.com/3')
  })

  it('sends with a request id, keeps progress per tab, and cancels through main', async () => {
    seed()
    let release: (v: unknown) => void = () => {}
    const fake = fakeClient({
      'http:send': (arg) =>
        new Promise((r) => {
          release = () => r({ ok: true, value: summary({ requestId: arg.requestId! }) })
        }),
      'http:cancel': () => ({ ok: true, value: { cancelled: true } }),
      'history:list': () => ({ ok: true, value: { entries: [], total: 0, damaged: 0 } }),
    })
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.openEndpoint(endpointById('private.reviews.list')!)
    const sending = wb.send(tab.id)
    await flushPromises()
    const run = wb.runs[tab.id]
    expect(run).toBeDefined()
    await wb.cancel(tab.id)
    expect(fake.calls.find(([c]) => c === 'http:cancel')?.[1]).toEqual({
      requestId: run!.requestId,
    })
    release(null)
    await sending
    expect(wb.runs[tab.id]).toBeUndefined()
    expect(wb.responses[tab.id]?.status).toBe(200)
    const sent = fake.calls.find(([c]) => c === 'http:send')![1] as Record<string, unknown>
    expect(sent['profileId']).toBe('p1')
    expect(sent['url']).toBe('{{apiBase}}/private/business-units/{{businessUnitId}}/reviews')
  })
})

describe('RequestBuilder', () => {
  it('flags a bad URL and bad JSON in place and sends nothing', async () => {
    seed()
    const fake = fakeClient({})
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.openEndpoint(endpointById('private.reviews.reply')!)
    const w = mount(RequestBuilder, { props: { tabId: tab.id }, attachTo: document.body })
    expect(w.get('[data-testid="url-problem"]').text()).toContain('{reviewId}')
    await w.get('[data-testid="path-reviewId"]').setValue('rev-1')
    expect(w.find('[data-testid="url-problem"]').exists()).toBe(false)
    expect(w.get('[data-testid="url-preview"]').text()).toContain(`${API}/private/reviews/rev-1`)

    await w.get('[data-testid="url"]').setValue('not a url')
    expect(w.get('[data-testid="url-problem"]').text()).toMatch(/not a valid URL|spaces/)
    expect(w.get('[data-testid="url"]').attributes('aria-invalid')).toBe('true')
    await w.get('[data-testid="send"]').trigger('click')
    await flushPromises()
    expect(fake.calls).toEqual([])

    await w.get('[data-testid="url"]').setValue('{{apiBase}}/private/reviews/rev-1/reply')
    wb.update(tab.id, (d) => {
      d.body.text = '{"message": "hi",'
    })
    await flushPromises()
    await w.get('[data-testid="section-body"]').trigger('click')
    expect(w.get('[data-testid="json-problem"]').text()).toMatch(/JSON error at line 1/)
    await w.get('[data-testid="send"]').trigger('click')
    await flushPromises()
    expect(fake.calls).toEqual([])
    w.unmount()
  })

  it('takes a timeout in seconds, flags a bad one in place, and sends it in milliseconds', async () => {
    seed()
    const fake = fakeClient({
      'http:send': (arg) => ({ ok: true, value: summary({ requestId: arg.requestId! }) }),
      'history:list': () => ({ ok: true, value: { entries: [], total: 0, damaged: 0 } }),
    })
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.openEndpoint(endpointById('private.reviews.list')!)
    const w = mount(RequestBuilder, { props: { tabId: tab.id }, attachTo: document.body })
    await w.get('[data-testid="section-options"]').trigger('click')
    expect(w.get('[data-testid="timeout"]').attributes('placeholder')).toBe('30')

    await w.get('[data-testid="timeout"]').setValue('0')
    expect(w.get('[data-testid="timeout-problem"]').text()).toContain('positive number of seconds')
    await w.get('[data-testid="timeout"]').setValue('601')
    expect(w.get('[data-testid="timeout-problem"]').text()).toContain('at most 10 minutes')
    await w.get('[data-testid="send"]').trigger('click')
    await flushPromises()
    expect(fake.calls.filter(([c]) => c === 'http:send')).toEqual([])

    await w.get('[data-testid="timeout"]').setValue('2.5')
    expect(w.find('[data-testid="timeout-problem"]').exists()).toBe(false)
    await w.get('[data-testid="send"]').trigger('click')
    await flushPromises()
    const sent = fake.calls.find(([c]) => c === 'http:send')![1] as Record<string, unknown>
    expect(sent['timeoutMs']).toBe(2500)

    await w.get('[data-testid="timeout"]').setValue('')
    expect(wb.tabs[0]!.draft.timeoutMs).toBeUndefined()
    w.unmount()
  })
})

describe('BodyView', () => {
  /** The language CodeMirror parses the shown body with (undefined: plain text). */
  const languageOf = (w: VueWrapper): string | undefined =>
    EditorView.findFromDOM(w.get('.cm-editor').element as HTMLElement)?.state.facet(language)?.name

  it('highlights an HTML body (an error page where JSON was expected) once its language loads', async () => {
    const page = '<!doctype html><html><body><h1 class="x">502 Bad Gateway</h1></body></html>'
    const w = mount(BodyView, {
      props: {
        summary: summary({
          kind: 'html',
          contentType: 'text/html',
          body: page,
          prettyAvailable: false,
        }),
        mode: 'raw',
      },
      attachTo: document.body,
    })
    await flushPromises()
    expect(w.text()).toContain('502 Bad Gateway') // shown as text first, highlighted once loaded
    await vi.waitFor(() => expect(languageOf(w)).toBe('html'))
    w.unmount()

    const json = mount(BodyView, {
      props: { summary: summary(), mode: 'pretty' },
      attachTo: document.body,
    })
    await flushPromises()
    expect(languageOf(json)).toBe('json')
    json.unmount()
    const text = mount(BodyView, {
      props: {
        summary: summary({ kind: 'text', contentType: 'text/plain', body: 'hi' }),
        mode: 'raw',
      },
      attachTo: document.body,
    })
    await flushPromises()
    expect(languageOf(text)).toBeUndefined()
    text.unmount()
  })
})

describe('ResponseViewer', () => {
  it('shows status, meaning, timing, size and what main did (retry, foreign host)', async () => {
    seed()
    setClient(fakeClient({}).api)
    const wb = useWorkbenchStore()
    const tab = wb.newTab()
    wb.responses[tab.id] = summary({
      retried: true,
      notes: [
        'Authorization: Bearer attached (client-credentials token).',
        'The first answer rejected the token: a new token was obtained and the call was sent again, once.',
      ],
      warnings: ['This endpoint acts as a business user.'],
    })
    const w = mount(ResponseViewer, { props: { tabId: tab.id }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="response-status"]').text()).toBe('200 OK')
    expect(w.get('[data-testid="response-meaning"]').text()).toContain('the call worked')
    expect(w.get('[data-testid="response-time"]').text()).toContain('42 ms')
    expect(w.get('[data-testid="response-ttfb"]').text()).toContain('30 ms')
    expect(w.get('[data-testid="response-size"]').text()).toContain('17 B')
    expect(w.get('[data-testid="chip-retried"]').text()).toContain('Retried after 401')
    expect(w.get('[data-testid="response-warning"]').text()).toContain('business user')
    expect(w.get('[data-testid="body-view"]').text()).toContain('"hello"')

    wb.responses[tab.id] = summary({
      responseId: 'resp2',
      tokenAttached: false,
      notes: ['No token attached: example.com is not a host of this profile’s environment.'],
    })
    await flushPromises()
    expect(w.find('[data-testid="chip-token"]').exists()).toBe(false)
    expect(w.get('[data-testid="response-notes"] .foreign').text()).toContain('No token attached')
    w.unmount()
  })

  it('offers view, save or copy for a body over 100 MB and loads nothing until asked', async () => {
    seed()
    const fake = fakeClient({
      'http:save-body': () => ({ ok: true, value: { saved: true, path: '/tmp/x.json', bytes: 9 } }),
      'http:copy-body': () => ({ ok: true, value: { chars: 9 } }),
      'http:body': (arg) => ({
        ok: true,
        value: {
          responseId: arg.responseId,
          view: arg.view,
          offset: arg.offset,
          text: arg.offset === 0 ? 'aaaa' : '',
          total: 4,
          done: true,
        },
      }),
    })
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.newTab()
    const { body: _drop, ...rest } = summary()
    void _drop
    wb.responses[tab.id] = { ...rest, size: 120 * 1024 * 1024, large: true, prettyAvailable: false }
    const w = mount(ResponseViewer, { props: { tabId: tab.id }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="large-choice"]').text()).toContain('120.0 MB')
    expect(fake.calls).toEqual([])
    await w.get('[data-testid="large-save"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toEqual(['http:save-body'])
    await w.get('[data-testid="large-copy"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toEqual(['http:save-body', 'http:copy-body'])
    await w.get('[data-testid="large-view"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toContain('http:body')
    expect(w.get('[data-testid="body-view"]').text()).toContain('aaaa')
    w.unmount()
  })
})

describe('SnippetDialog', () => {
  it('shows only $TP_ references; "include secrets" warns and copies without showing them', async () => {
    seed()
    const snippets = (secret: boolean): SnippetResult => ({
      snippets: [
        {
          language: 'curl',
          code: `curl -sS 'x' -H "Authorization: Bearer ${secret ? ACCESS : '$TP_ACCESS_TOKEN'}"`,
        },
        { language: 'fetch', code: 'await fetch(url)' },
        { language: 'python', code: 'requests.get(url)' },
      ],
      envVars: secret ? [] : ['TP_ACCESS_TOKEN'],
      notes: [],
    })
    const fake = fakeClient({
      'snippets:generate': (arg) => ({ ok: true, value: snippets(arg.includeSecrets) }),
      'clipboard:write-text': () => ({ ok: true, value: null }),
    })
    setClient(fake.api)
    const wb = useWorkbenchStore()
    const tab = wb.openEndpoint(endpointById('private.reviews.list')!)
    const w = mount(SnippetDialog, { props: { tabId: tab.id }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="snippet-code"]').text()).toContain('$TP_ACCESS_TOKEN')
    expect(w.get('[data-testid="snippet-env"]').text()).toContain('TP_ACCESS_TOKEN')
    expect(w.find('[data-testid="secrets-warning"]').exists()).toBe(false)

    await w.get('[data-testid="copy-snippet"]').trigger('click')
    await flushPromises()
    const copies = () => fake.calls.filter(([c]) => c === 'clipboard:write-text')
    expect((copies()[0]![1] as { text: string }).text).toContain('$TP_ACCESS_TOKEN')

    await w.get('[data-testid="include-secrets"]').setValue(true)
    expect(w.get('[data-testid="secrets-warning"]').text()).toContain('live credentials')
    await w.get('[data-testid="copy-snippet"]').trigger('click')
    await flushPromises()
    expect((copies()[1]![1] as { text: string }).text).toContain(ACCESS)
    expect(w.html()).not.toContain(ACCESS)
    await w.get('[data-testid="snippet-python"]').trigger('click')
    expect(w.get('[data-testid="snippet-code"]').text()).toContain('requests')
    w.unmount()
  })
})

describe('HistoryPanel', () => {
  it('shows the newest 50 and pages back through older ones; a new search starts again at 50', async () => {
    const all: HistorySummary[] = Array.from({ length: 120 }, (_, i) => ({
      id: `h${i}`,
      at: 1_700_000_000_000 - i * 1000,
      profileId: 'p1',
      method: i % 2 ? 'GET' : 'POST',
      url: `${API}/private/thing/${i}`,
      status: 200,
    }))
    const fake = fakeClient({
      'history:list': ({ query, offset = 0, limit = 50 }) => {
        const matches = all.filter((h) => !query || h.method === query)
        return {
          ok: true,
          value: {
            entries: matches.slice(offset, offset + limit),
            total: matches.length,
            damaged: 0,
          },
        }
      },
    })
    setClient(fake.api)
    const w = mount(HistoryPanel, { attachTo: document.body })
    await flushPromises()
    expect(w.findAll('[data-testid="history-entry"]')).toHaveLength(50)
    const more = () => w.find('[data-testid="history-more"]')
    expect(more().text()).toContain('Show 50 older (50 of 120 shown)')

    await more().trigger('click')
    await flushPromises()
    expect(w.findAll('[data-testid="history-entry"]')).toHaveLength(100)
    expect(more().text()).toContain('Show 20 older (100 of 120 shown)')

    await more().trigger('click')
    await flushPromises()
    const rows = w.findAll('[data-testid="history-entry"]')
    expect(rows).toHaveLength(120)
    expect(rows.at(-1)!.text()).toContain('/private/thing/119')
    expect(more().exists()).toBe(false)

    vi.useFakeTimers()
    await w.find('[data-testid="history-search"]').setValue('GET')
    await vi.advanceTimersByTimeAsync(250)
    vi.useRealTimers()
    await flushPromises()
    expect(w.findAll('[data-testid="history-entry"]')).toHaveLength(50)
    expect(more().text()).toContain('(50 of 60 shown)')
    expect(fake.calls.filter(([c]) => c === 'history:list').map(([, a]) => a)).toEqual([
      { limit: 50 },
      { limit: 100 },
      { limit: 150 },
      { query: 'GET', limit: 50 },
    ])
    w.unmount()
  })
})
