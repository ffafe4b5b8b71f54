import { describe, expect, it } from 'vitest'
import { setClient } from '../../renderer/src/api/client'
import { useAuthStore } from '../../renderer/src/stores/auth'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useUiStore } from '../../renderer/src/stores/ui'
import { authState, noToken, profileView } from './fixtures'
import { fakeClient } from './fake-client'

const pending = {
  flowId: 'f1',
  profileId: 'p1',
  grant: 'authorization_code' as const,
  authorizeUrl: 'https://login.example/?client_id=key',
  redirectUri: 'https://app.example/cb',
}

describe('profiles store', () => {
  it('loads profiles and the active one, saves, and keeps an error from main', async () => {
    const fake = fakeClient({
      'profiles:list': () => ({
        ok: true,
        value: { profiles: [profileView()], activeId: 'p1', notices: ['a notice'] },
      }),
      'profiles:save': (arg) => ({ ok: true, value: profileView({ id: 'p2', name: arg.name }) }),
    })
    setClient(fake.api)
    const store = useProfilesStore()
    await store.load()
    expect(store.active?.name).toBe('Sandbox')
    expect(store.notices).toEqual(['a notice'])
    const saved = await store.save({ name: 'Second', environment: { kind: 'sandbox' } })
    expect(saved.id).toBe('p2')
    expect(store.profiles.map((p) => p.name)).toEqual(['Sandbox', 'Second'])

    setClient(
      fakeClient({
        'profiles:list': () => ({ ok: false, error: { code: 'failed', message: 'disk full' } }),
      }).api,
    )
    await store.load()
    expect(store.error).toEqual({ code: 'failed', message: 'disk full' })
  })
})

describe('auth store', () => {
  it('follows token:changed events, and reloads the trace of a profile it shows', async () => {
    const fake = fakeClient({ 'auth:trace': () => ({ ok: true, value: null }) })
    setClient(fake.api)
    const auth = useAuthStore()
    const off = auth.listen()
    fake.emit('token:changed', authState(1000))
    expect(auth.states['p1']?.status).toBe('valid')
    await auth.loadTrace('p1')
    fake.emit('token:changed', noToken())
    expect(auth.states['p1']?.status).toBe('none')
    expect(fake.calls.filter(([c]) => c === 'auth:trace')).toHaveLength(2)
    off()
    fake.emit('token:changed', authState(2000))
    expect(auth.states['p1']?.status).toBe('none')
  })

  it('keeps the error of a failed request with code and details, and clears it on the next try', async () => {
    let fail = true
    setClient(
      fakeClient({
        'auth:get-token': () =>
          fail
            ? {
                ok: false,
                error: {
                  code: 'oauth:rate_limited',
                  message: 'Too many token requests (429).',
                  details: { status: 429 },
                },
              }
            : { ok: true, value: authState(1000) },
        'auth:trace': () => ({ ok: true, value: null }),
      }).api,
    )
    const auth = useAuthStore()
    expect(await auth.getToken('p1', 'client_credentials')).toBeUndefined()
    expect(auth.errorFor('p1')).toEqual({
      code: 'oauth:rate_limited',
      message: 'Too many token requests (429).',
      details: { status: 429 },
    })
    expect(auth.busy).toBeNull()
    fail = false
    await auth.getToken('p1', 'client_credentials')
    expect(auth.errorFor('p1')).toBeNull()
    expect(auth.states['p1']?.accessTokenMasked).toBe('tpa-••••1234')
  })

  it('system-browser route: asks to confirm a missing state, then completes with acceptMissingState', async () => {
    const fake = fakeClient({
      'auth:get-token': () => ({ ok: true, value: pending }),
      'auth:complete-login': (arg) =>
        arg.acceptMissingState
          ? { ok: true, value: authState(1000, { grant: 'authorization_code' }) }
          : { ok: false, error: { code: 'confirm-missing-state', message: 'No state: confirm.' } },
      'auth:trace': () => ({ ok: true, value: null }),
    })
    setClient(fake.api)
    const auth = useAuthStore()
    await auth.getToken('p1', 'authorization_code', 'browser')
    expect(auth.pendingFor('p1')?.flowId).toBe('f1')
    await auth.completeLogin('p1', 'https://app.example/cb?code=abc')
    expect(auth.confirmFor('p1')?.message).toBe('No state: confirm.')
    expect(auth.errorFor('p1')).toBeNull()
    await auth.completeLogin('p1', 'https://app.example/cb?code=abc', true)
    expect(auth.pendingFor('p1')).toBeNull()
    expect(auth.confirmFor('p1')).toBeNull()
    expect(auth.states['p1']?.grant).toBe('authorization_code')
    const completes = fake.calls.filter(([c]) => c === 'auth:complete-login').map(([, a]) => a)
    expect(completes).toEqual([
      { flowId: 'f1', pasted: 'https://app.example/cb?code=abc' },
      { flowId: 'f1', pasted: 'https://app.example/cb?code=abc', acceptMissingState: true },
    ])
  })

  it.each(['implicit', 'client_credentials'] as const)(
    'makes a running %s token request cancellable, and cancels through main',
    async (grant) => {
      let release: (v: unknown) => void = () => undefined
      const fake = fakeClient({
        'auth:get-token': () =>
          new Promise((resolve) => {
            release = resolve as (v: unknown) => void
          }),
        'auth:cancel': () => {
          release({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } })
          return { ok: true, value: null }
        },
        'auth:trace': () => ({ ok: true, value: null }),
      })
      setClient(fake.api)
      const auth = useAuthStore()
      const running = auth.getToken('p1', grant)
      await Promise.resolve()
      expect(auth.busy?.cancellable).toBe(true)
      await auth.cancel()
      await running
      expect(fake.calls.map(([c]) => c)).toContain('auth:cancel')
      expect(auth.busy).toBeNull()
      expect(auth.errorFor('p1')?.code).toBe('cancelled')
    },
  )
})

describe('ui store', () => {
  it('cycles and remembers the theme, closes the topmost overlay, and routes field focus', async () => {
    const ui = useUiStore()
    expect(ui.theme).toBe('system')
    ui.cycleTheme()
    expect(ui.theme).toBe('light')
    ui.cycleTheme()
    await Promise.resolve()
    expect(localStorage.getItem('tp-explorer:theme')).toBe('dark')
    ui.helpOpen = true
    expect(ui.closeOverlay()).toBe(true)
    expect(ui.closeOverlay()).toBe(false)
    ui.focusField('apiKey')
    expect(ui.view).toBe('profile')
    expect(ui.focusRequest?.field).toBe('apiKey')
  })
})
