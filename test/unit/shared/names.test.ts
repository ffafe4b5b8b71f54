import { describe, expect, it, vi } from 'vitest'
import { eventMethodName, methodName } from '../../../electron/shared/names'
import { buildApi } from '../../../electron/shared/build-api'
import { channelNames, eventNames } from '../../../electron/shared/contract'

describe('channel names', () => {
  it('maps domain:action to camelCase functions and events to onX', () => {
    expect(methodName('app:info')).toBe('appInfo')
    expect(methodName('auth:get-token')).toBe('authGetToken')
    expect(methodName('profiles:save')).toBe('profilesSave')
    expect(eventMethodName('token:changed')).toBe('onTokenChanged')
  })

  it('rejects a name without a domain', () => {
    expect(() => methodName('info')).toThrow(/bad channel name/)
  })

  it('follows domain:action in kebab case for every channel and event', () => {
    for (const name of [...channelNames, ...eventNames]) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/)
    }
  })
})

describe('buildApi', () => {
  it('exposes one function per channel and one subscriber per event, and nothing else', () => {
    const api = buildApi(vi.fn(), vi.fn())
    const expected = [...channelNames.map(methodName), ...eventNames.map(eventMethodName)].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('routes calls to the channel and events to the subscriber', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: 42 }))
    const unsubscribe = vi.fn()
    const subscribe = vi.fn(() => unsubscribe)
    const api = buildApi(invoke, subscribe)
    await expect(api.appInfo()).resolves.toEqual({ ok: true, value: 42 })
    expect(invoke).toHaveBeenCalledWith('app:info', undefined)
    const cb = vi.fn()
    const off = api.onAppNotice(cb)
    expect(subscribe).toHaveBeenCalledWith('app:notice', cb)
    off()
    expect(unsubscribe).toHaveBeenCalled()
    expect(() => api.onAppNotice('nope' as never)).toThrow(TypeError)
  })
})
