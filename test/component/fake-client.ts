import { vi } from 'vitest'
import { buildApi } from '../../electron/shared/build-api'
import type {
  Api,
  ChannelName,
  ChannelResult,
  EventName,
  EventPayload,
  ParsedArgs,
} from '../../electron/shared/contract'
import type { IpcResult } from '../../electron/shared/result'

type Impl = {
  [C in ChannelName]?: (
    arg: ParsedArgs<C>,
  ) => IpcResult<ChannelResult<C>> | Promise<IpcResult<ChannelResult<C>>>
}

export interface FakeClient {
  api: Api
  /** Every call, in order: [channel, argument]. */
  calls: [string, unknown][]
  /** Pushes an event to the renderer, as main would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/**
 * What every renderer start asks for, answered quietly (and not recorded) unless a test fakes it:
 * the workbench store reads its saved tabs when it is created and saves them after edits.
 */
const quiet: Impl = {
  'tabs:load': () => ({ ok: true, value: { json: null } }),
  'tabs:save': () => ({ ok: true, value: null }),
  // Collections: the sidebar section lists them and the profile's variables on start.
  'collections:list': () => ({ ok: true, value: { collections: [], root: '/data/collections' } }),
  'collections:profile-variables': () => ({ ok: true, value: [] }),
}

/**
 * A stand-in for `window.api` with the contract's exact shape; channels not given answer with a
 * structured error, so a test notices a call it did not expect.
 */
export function fakeClient(impl: Impl): FakeClient {
  const calls: [string, unknown][] = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const api = buildApi(
    vi.fn(async (channel: string, arg: unknown) => {
      if (!impl[channel as ChannelName] && quiet[channel as ChannelName]) {
        return (quiet[channel as ChannelName] as (a: unknown) => unknown)(arg)
      }
      calls.push([channel, arg])
      const fn = impl[channel as ChannelName] as ((a: unknown) => unknown) | undefined
      if (!fn)
        return { ok: false, error: { code: 'not-faked', message: `${channel} is not faked` } }
      return fn(arg)
    }),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
  )
  return {
    api,
    calls,
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
  }
}
