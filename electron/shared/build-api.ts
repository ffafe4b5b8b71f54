import { CHANNEL_NAMES, EVENT_NAMES } from './channel-list'
import type { Api } from './contract'
import { eventMethodName, methodName } from './names'

export type Invoke = (channel: string, arg: unknown) => Promise<unknown>
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void

/**
 * Builds `window.api` from the contract: one function per channel, one `onX` per event, nothing
 * else. The preload passes ipcRenderer-backed transports; tests pass their own.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNEL_NAMES) {
    api[methodName(channel)] = (arg?: unknown) => invoke(channel, arg)
  }
  for (const event of EVENT_NAMES) {
    api[eventMethodName(event)] = (callback: (payload: unknown) => void) => {
      if (typeof callback !== 'function') throw new TypeError('callback must be a function')
      return subscribe(event, callback)
    }
  }
  return Object.freeze(api) as Api
}
