import type { Page } from '@playwright/test'
import { channelNames, eventNames, type Api } from '../../../electron/shared/contract'
import { eventMethodName, methodName } from '../../../electron/shared/names'
import type { HarnessHost } from './host'

declare global {
  interface Window {
    api?: Api
    __harnessInvoke?: (channel: string, arg: unknown) => Promise<unknown>
    __harnessEmit?: (event: string, payload: unknown) => void
  }
}

/**
 * Gives the page the same `window.api` the preload gives it in Electron (one function per channel,
 * one `onX` per event, frozen), with calls carried by a Playwright binding to the host's
 * dispatcher. The sender is the calling frame, so the main-frame and origin checks run for real.
 */
export async function bindApi(page: Page, host: HarnessHost): Promise<() => void> {
  await page.exposeBinding('__harnessInvoke', async (source, channel: string, arg: unknown) => {
    const frame = source.frame
    return host.dispatch(
      channel,
      { present: !frame.isDetached(), isMainFrame: frame.parentFrame() === null, url: frame.url() },
      arg,
    )
  })
  await page.addInitScript(
    ({ methods, events }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      const api: Record<string, unknown> = {}
      for (const [name, channel] of methods) {
        api[name] = (arg?: unknown) => window.__harnessInvoke!(channel, arg)
      }
      for (const [name, event] of events) {
        api[name] = (callback: (payload: unknown) => void) => {
          if (typeof callback !== 'function') throw new TypeError('callback must be a function')
          const set = listeners.get(event) ?? new Set()
          set.add(callback)
          listeners.set(event, set)
          return () => set.delete(callback)
        }
      }
      window.__harnessEmit = (event, payload) => {
        for (const cb of listeners.get(event) ?? []) cb(payload)
      }
      Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
    },
    {
      methods: channelNames.map((c) => [methodName(c), c] as const),
      events: eventNames.map((e) => [eventMethodName(e), e] as const),
    },
  )
  return host.addEventSink((event, payload) => {
    if (page.isClosed()) return
    page
      .evaluate(([e, p]) => window.__harnessEmit?.(e as string, p), [event, payload] as const)
      .catch(() => undefined)
  })
}
