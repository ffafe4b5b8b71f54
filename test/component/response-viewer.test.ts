import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { ResponseSummary } from '../../electron/shared/workbench'
import { setClient } from '../../renderer/src/api/client'
import ResponseViewer from '../../renderer/src/components/workbench/ResponseViewer.vue'
import { useWorkbenchStore } from '../../renderer/src/stores/workbench'
import { fakeClient } from './fake-client'

/** Waits for `check` to pass; generous, as the machine may be busy (no timing is asserted). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000 })

/** The response viewer's own controls: search count, word wrap, HTML preview, no-click loading. */

function summary(over: Partial<ResponseSummary> = {}): ResponseSummary {
  return {
    requestId: 'r1',
    responseId: 'resp1',
    historyId: 'h1',
    request: { method: 'GET', url: 'https://api.example.test/x', headers: {} },
    status: 200,
    statusText: 'OK',
    meaning: 'OK: the call worked.',
    headers: { 'content-type': 'application/json' },
    contentType: 'application/json',
    kind: 'json',
    size: 100,
    timing: { startedAt: 0, totalMs: 42, ttfbMs: 30 },
    retried: false,
    tokenAttached: false,
    notes: [],
    warnings: [],
    large: false,
    prettyAvailable: true,
    ...over,
  }
}

async function showResponse(s: ResponseSummary, impl = {}): Promise<VueWrapper> {
  setClient(fakeClient(impl).api)
  const wb = useWorkbenchStore()
  const tab = wb.newTab()
  wb.responses[tab.id] = s
  const w = mount(ResponseViewer, { props: { tabId: tab.id }, attachTo: document.body })
  await eventually(() => expect(w.find('[data-testid="body-view"] .cm-editor').exists()).toBe(true))
  await flushPromises()
  return w
}

describe('response viewer: search', () => {
  it('counts the matches and says which one is selected ("2 of 5"), wrapping at the end', async () => {
    const body = JSON.stringify({ items: [1, 2, 3, 4, 5].map((n) => ({ name: `Needle ${n}` })) })
    const w = await showResponse(summary({ body, size: body.length }))
    await w.get('[data-testid="search-body"]').trigger('click')
    await flushPromises()
    const input = w.get('[data-testid="find-input"]')
    await input.setValue('needle')
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('1 of 5'))
    await w.get('[data-testid="find-next"]').trigger('click')
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('2 of 5'))
    for (let i = 0; i < 3; i++) await input.trigger('keydown', { key: 'Enter' })
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('5 of 5'))
    await input.trigger('keydown', { key: 'Enter' })
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('1 of 5'))
    expect(w.get('[data-testid="find-msg"]').text()).toBe('Wrapped around')
    await w.get('[data-testid="find-prev"]').trigger('click')
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('5 of 5'))
    await input.setValue('no such text')
    await eventually(() => expect(w.get('[data-testid="find-count"]').text()).toBe('No matches'))
    w.unmount()
  })
})

describe('response viewer: word wrap', () => {
  it('wraps long lines when toggled on, and unwraps when toggled off', async () => {
    const body = 'x'.repeat(3000)
    const w = await showResponse(
      summary({ kind: 'text', contentType: 'text/plain', body, size: body.length }),
    )
    const content = () => w.get('[data-testid="body-view"] .cm-content').classes()
    const toggle = w.get('[data-testid="wrap-toggle"]')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    expect(content()).not.toContain('cm-lineWrapping')
    await toggle.trigger('click')
    await flushPromises()
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(content()).toContain('cm-lineWrapping')
    await toggle.trigger('click')
    await flushPromises()
    expect(content()).not.toContain('cm-lineWrapping')
    w.unmount()
  })
})

describe('response viewer: HTML preview', () => {
  it('renders HTML in an iframe with an empty sandbox and a CSP that allows no network', async () => {
    const page =
      '<!doctype html><h1>Service unavailable</h1><script>parent.alert(1)</script><img src="https://tracker.example/p.gif">'
    const w = await showResponse(
      summary({ kind: 'html', contentType: 'text/html', body: page, size: page.length }),
    )
    expect(w.find('[data-testid="html-preview"]').exists()).toBe(false) // source first
    await w.get('[data-testid="mode-preview"]').trigger('click')
    await eventually(() => expect(w.find('[data-testid="html-preview"]').exists()).toBe(true))
    const frame = w.get('[data-testid="html-preview"]').element as HTMLIFrameElement
    expect(frame.getAttribute('sandbox')).toBe('')
    const srcdoc = frame.getAttribute('srcdoc') ?? ''
    expect(srcdoc).toMatch(
      /^<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*">/,
    )
    expect(srcdoc).not.toMatch(/script-src|connect-src|img-src [^;]*http/)
    expect(srcdoc).toContain('<h1>Service unavailable</h1>')
    expect(w.get('[data-testid="search-body"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="mode-source"]').trigger('click')
    await eventually(() => expect(w.find('[data-testid="body-view"]').exists()).toBe(true))
    expect(w.find('[data-testid="html-preview"]').exists()).toBe(false)
    w.unmount()
  })
})

describe('response viewer: bodies kept in main', () => {
  const raw = JSON.stringify({ reviews: [{ id: 'r1', stars: 5 }], next: null })
  const slices = (calls: { offset: number; view: string }[]) => ({
    'http:body': (arg: { responseId: string; offset: number; length: number; view: string }) => {
      calls.push({ offset: arg.offset, view: arg.view })
      const text = raw.slice(arg.offset, arg.offset + Math.min(arg.length, 20))
      return {
        ok: true,
        value: {
          responseId: arg.responseId,
          view: arg.view,
          offset: arg.offset,
          text,
          total: raw.length,
          done: arg.offset + text.length >= raw.length,
        },
      }
    },
  })
  const shownText = (w: VueWrapper) =>
    w
      .findAll('[data-testid="body-view"] .cm-line')
      .map((l) => l.element.textContent)
      .join('\n')

  it('shows a 6 MB body at once, pretty-printed, with no click, loading it in slices', async () => {
    const calls: { offset: number; view: string }[] = []
    const w = await showResponse(
      summary({ size: 6 * 1024 * 1024, large: false, prettyAvailable: true }),
      slices(calls),
    )
    expect(w.find('[data-testid="large-choice"]').exists()).toBe(false)
    await eventually(() =>
      expect(w.get('[data-testid="body-view"]').attributes('data-loaded')).toBe('true'),
    )
    expect(calls[0]).toEqual({ offset: 0, view: 'raw' })
    expect(calls.length).toBeGreaterThan(1)
    expect(shownText(w)).toBe(JSON.stringify(JSON.parse(raw), null, 2))
    w.unmount()
  })

  it('shows a 60 MB JSON body at once too, raw, and says why', async () => {
    const w = await showResponse(
      summary({ size: 60 * 1024 * 1024, large: false, prettyAvailable: true }),
      slices([]),
    )
    expect(w.find('[data-testid="large-choice"]').exists()).toBe(false)
    await eventually(() =>
      expect(w.get('[data-testid="body-view"]').attributes('data-loaded')).toBe('true'),
    )
    expect(shownText(w)).toBe(raw)
    expect(w.get('[data-testid="body-note"]').text()).toContain('Shown raw')
    w.unmount()
  })
})

describe('line breaking for display', () => {
  it('breaks a long line after a comma or space near the limit, so a word stays whole', async () => {
    const { LineBreaker } = await import('../../renderer/src/lib/body-text')
    expect(new LineBreaker(12).feed('{"a":"one","b":"two"}')).toBe('{"a":"one",\n"b":"two"}')
    expect(new LineBreaker(4).feed('abcdefgh')).toBe('abcd\nefgh') // no comma: at the limit
  })
})
