import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { setClient } from '../../renderer/src/api/client'
import ErrorPanel from '../../renderer/src/components/ErrorPanel.vue'
import FlowTrace from '../../renderer/src/components/FlowTrace.vue'
import GrantPicker from '../../renderer/src/components/GrantPicker.vue'
import ProfileEditor from '../../renderer/src/components/ProfileEditor.vue'
import ShortcutsHelp from '../../renderer/src/components/ShortcutsHelp.vue'
import StatusBar from '../../renderer/src/components/StatusBar.vue'
import TokenInspector from '../../renderer/src/components/TokenInspector.vue'
import { useAuthStore } from '../../renderer/src/stores/auth'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useUiStore } from '../../renderer/src/stores/ui'
import { fakeClient } from './fake-client'
import { ACCESS, PASSWORD, SECRET, authState, profileView, trace } from './fixtures'

const H = 3_600_000
const NOW = Date.UTC(2026, 0, 1, 12)

function expectNoSecrets(html: string): void {
  for (const s of [SECRET, PASSWORD, ACCESS]) expect(html).not.toContain(s)
}

function seedProfiles(over: Parameters<typeof profileView>[0] = {}): void {
  const profiles = useProfilesStore()
  profiles.profiles = [profileView(over)]
  profiles.activeId = 'p1'
  profiles.loaded = true
}

describe('ErrorPanel', () => {
  it('shows the message up front, a hint for the code, and code and details behind a disclosure', async () => {
    const w = mount(ErrorPanel, {
      props: {
        error: {
          code: 'oauth:rate_limited',
          message: 'Too many token requests (429).',
          details: { status: 429, body: '{"error":"rate"}' },
        },
      },
    })
    expect(w.get('[role="alert"]').attributes('aria-live')).toBe('assertive')
    expect(w.get('[data-testid="error-message"]').text()).toBe('Too many token requests (429).')
    expect(w.text()).toContain('too often')
    const details = w.get('details')
    expect(details.element.open).toBe(false)
    expect(w.get('[data-testid="error-details"]').text()).toContain('"code": "oauth:rate_limited"')
    expect(w.get('[data-testid="error-details"]').text()).toContain('"status": 429')
    await w.get('button[aria-label="Dismiss"]').trigger('click')
    expect(w.emitted('dismiss')).toHaveLength(1)
  })

  it('links the fields of a missing-fields error to the profile editor', async () => {
    const w = mount(ErrorPanel, {
      props: {
        error: {
          code: 'missing-fields',
          message: 'API key is required for this grant.',
          details: { missing: [{ field: 'apiKey', message: 'x' }] },
        },
      },
    })
    await w.get('[data-testid="error-field-apiKey"]').trigger('click')
    expect(useUiStore().view).toBe('profile')
    expect(useUiStore().focusRequest?.field).toBe('apiKey')
  })
})

describe('ProfileEditor', () => {
  it('validates inline: required name, https redirect URI, custom URL syntax, fields for the default grant', async () => {
    seedProfiles({
      apiKey: '',
      username: '',
      secrets: { apiSecret: { set: false, masked: '' }, password: { set: false, masked: '' } },
    })
    setClient(fakeClient({}).api)
    const w = mount(ProfileEditor)
    const save = w.get('[data-testid="save-profile"]')
    expect(save.attributes('disabled')).toBeUndefined()
    // Missing fields for the default grant are warnings, not blockers.
    expect(w.text()).toContain('API key is required for the default grant.')
    expect(w.text()).toContain('API secret is required for the default grant.')

    await w.get('[data-testid="input-redirectUri"]').setValue('http://app.example/cb')
    expect(w.get('[data-testid="msg-redirectUri"]').text()).toBe(
      'Trustpilot only accepts an https redirect URI.',
    )
    expect(save.attributes('disabled')).toBeDefined()
    await w.get('[data-testid="input-redirectUri"]').setValue('https://app.example/cb')
    expect(w.find('[data-testid="msg-redirectUri"]').exists()).toBe(false)

    await w.get('[data-testid="input-name"]').setValue('')
    expect(w.text()).toContain('A profile needs a name')
    await w.get('[data-testid="input-name"]').setValue('Mine')

    await w.get('[data-testid="env-custom"]').setValue(true)
    expect(w.text()).toContain('The token URL is required for a custom environment.')
    await w.get('[data-testid="input-custom-tokenUrl"]').setValue('ftp://nope')
    expect(w.text()).toContain('Must be an absolute http(s) URL.')
    await w.get('[data-testid="input-custom-tokenUrl"]').setValue('http://127.0.0.1:9/token')
    // A custom environment may use an http redirect URI (no https rule outside Trustpilot).
    expect(save.attributes('disabled')).toBeUndefined()

    await w.get('[data-testid="input-defaultGrant"]').setValue('password')
    expect(w.text()).toContain('Username is required for the default grant.')
  })

  it('saves only the secrets the user typed, and never renders them', async () => {
    seedProfiles()
    const fake = fakeClient({
      'profiles:save': (arg) => ({ ok: true, value: profileView({ name: arg.name }) }),
      'auth:state': () => ({ ok: true, value: authState(NOW) }),
    })
    setClient(fake.api)
    const w = mount(ProfileEditor)
    expect((w.get('[data-testid="masked-apiSecret"]').element as HTMLInputElement).value).toBe(
      '••••alue',
    )
    await w.get('[data-testid="change-password"]').trigger('click')
    await w.get('[data-testid="input-password"]').setValue(PASSWORD)
    expect(w.get('[data-testid="input-password"]').attributes('type')).toBe('password')
    expectNoSecrets(w.html())
    await w.get('form').trigger('submit')
    await flushPromises()
    const [, arg] = fake.calls.find(([c]) => c === 'profiles:save')!
    expect(arg).toMatchObject({ id: 'p1', password: PASSWORD })
    expect(arg).not.toHaveProperty('apiSecret')
    expectNoSecrets(w.html())
  })

  it('reveals a secret only on click, and hides it again after a while', async () => {
    vi.useFakeTimers()
    seedProfiles()
    const fake = fakeClient({ 'secrets:reveal': () => ({ ok: true, value: { value: SECRET } }) })
    setClient(fake.api)
    const w = mount(ProfileEditor, { attachTo: document.body })
    expect(fake.calls.some(([c]) => c === 'secrets:reveal')).toBe(false)
    await w.get('[data-testid="reveal-apiSecret"]').trigger('click')
    await flushPromises()
    const revealed = w.get('[data-testid="secret-revealed"]').element as HTMLInputElement
    expect(revealed.value).toBe(SECRET)
    vi.advanceTimersByTime(15_000)
    await flushPromises()
    expect(w.find('[data-testid="secret-revealed"]').exists()).toBe(false)
    expectNoSecrets(w.html())
    w.unmount()
  })

  it('fills the business unit id from the public API', async () => {
    seedProfiles()
    setClient(
      fakeClient({
        'profiles:find-business-unit': (arg) => ({
          ok: true,
          value: { id: `bu-for-${arg.name}`, displayName: 'Shop' },
        }),
      }).api,
    )
    const w = mount(ProfileEditor)
    await w.get('[data-testid="bu-domain"]').setValue('shop.example')
    await w.get('[data-testid="bu-find"]').trigger('click')
    await flushPromises()
    expect((w.get('[data-testid="input-businessUnitId"]').element as HTMLInputElement).value).toBe(
      'bu-for-shop.example',
    )
    expect(w.get('[data-testid="bu-result"]').text()).toContain('Save to keep it')
  })
})

describe('GrantPicker', () => {
  it('explains each grant, highlights missing fields with links, and blocks the action', async () => {
    seedProfiles({
      username: '',
      secrets: { apiSecret: { set: true, masked: '••••' }, password: { set: false, masked: '' } },
    })
    setClient(fakeClient({}).api)
    const w = mount(GrantPicker, { props: { profile: useProfilesStore().active! } })
    expect(w.get('[data-testid="grant-purpose"]').text()).toContain('no user involved')
    expect(w.findAll('.steps li')).toHaveLength(3)
    expect(w.get('[data-testid="run-grant"]').attributes('disabled')).toBeUndefined()

    await w.get('[data-testid="grant-password"]').trigger('click')
    expect(w.text()).toContain('Yes (single-use')
    expect(w.get('[data-testid="run-grant"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="missing-password"]').trigger('click')
    expect(useUiStore().focusRequest?.field).toBe('password')
    expect(w.find('[data-testid="missing-username"]').exists()).toBe(true)

    await w.get('[data-testid="grant-authorization_code"]').trigger('click')
    expect(w.find('[data-testid="run-browser"]').exists()).toBe(true)
    expect(w.findAll('.steps li')).toHaveLength(6)
  })

  it('runs the chosen grant through main', async () => {
    seedProfiles()
    const fake = fakeClient({
      'auth:get-token': () => ({ ok: true, value: authState(NOW) }),
      'auth:trace': () => ({ ok: true, value: null }),
    })
    setClient(fake.api)
    const w = mount(GrantPicker, { props: { profile: useProfilesStore().active! } })
    await w.get('[data-testid="run-grant"]').trigger('click')
    await flushPromises()
    expect(fake.calls[0]).toEqual([
      'auth:get-token',
      { profileId: 'p1', grant: 'client_credentials', via: 'window' },
    ])
  })
})

describe('TokenInspector', () => {
  it('counts down live, from one clock, and the status bar with it', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
    seedProfiles()
    setClient(fakeClient({}).api)
    useAuthStore().states['p1'] = authState(NOW, { expiresAt: NOW + 4 * 60_000 + 12_000 })
    const w = mount(TokenInspector, { props: { profile: useProfilesStore().active! } })
    const bar = mount(StatusBar)
    expect(w.get('[data-testid="access-countdown"]').text()).toBe('4 min 12 s')
    expect(bar.get('[data-testid="sb-token"]').text()).toContain('4 min 12 s left')
    vi.advanceTimersByTime(2000)
    await flushPromises()
    expect(w.get('[data-testid="access-countdown"]').text()).toBe('4 min 10 s')
    expect(bar.get('[data-testid="sb-token"]').text()).toContain('4 min 10 s left')
    vi.advanceTimersByTime(7 * 60_000)
    await flushPromises()
    expect(w.get('[data-testid="access-countdown"]').text()).toBe('expired 2 min ago')
    expect(bar.get('[data-testid="sb-token"]').text()).toContain('token expired 2 min ago')
  })

  it('shows token facts masked, the refresh countdown, and follows token:changed', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
    seedProfiles()
    const fake = fakeClient({ 'auth:trace': () => ({ ok: true, value: null }) })
    setClient(fake.api)
    const auth = useAuthStore()
    auth.listen()
    fake.emit('token:changed', authState(NOW))
    const w = mount(TokenInspector, { props: { profile: useProfilesStore().active! } })
    expect(w.get('[data-testid="access-masked"]').text()).toBe('tpa-••••1234')
    expect(w.get('[data-testid="refresh-masked"]').text()).toBe('tpr-••••5678')
    expect(w.get('[data-testid="access-countdown"]').text()).toBe('100 h 0 min')
    expect(w.get('[data-testid="refresh-countdown"]').text()).toBe('expires in 90 d 0 h')
    expect(w.get('[data-testid="raw-response"]').text()).toContain('"access_token": "tpa-••••1234"')
    expect(w.get('[data-testid="refresh-warning"]').text()).toContain('429')
    expectNoSecrets(w.html())

    fake.emit(
      'token:changed',
      authState(NOW, { expiresAt: NOW + H, accessTokenMasked: 'tpa-••••9999' }),
    )
    await flushPromises()
    expect(w.get('[data-testid="access-masked"]').text()).toBe('tpa-••••9999')
    expect(w.get('[data-testid="access-countdown"]').text()).toBe('1 h 0 min')
  })

  it('warns about an accepted missing state and an unprotected keyring', async () => {
    seedProfiles()
    setClient(fakeClient({}).api)
    const auth = useAuthStore()
    auth.states['p1'] = authState(Date.now(), { warnings: ['Came back without the `state`.'] })
    auth.vault = {
      backend: 'basic_text',
      protected: false,
      persisting: false,
      memoryOnly: 2,
      notices: [],
      unreadable: [],
    }
    const w = mount(TokenInspector, { props: { profile: useProfilesStore().active! } })
    const warnings = w.get('[data-testid="token-warnings"]').text()
    expect(warnings).toContain('without the state.')
    expect(w.get('[data-testid="token-warnings"] code').text()).toBe('state')
    expect(warnings).toContain('No OS keyring')
    expect(w.text()).toContain('Store them on disk anyway')
  })

  it('copies through main and refreshes, revokes and forgets through the store', async () => {
    seedProfiles()
    const fake = fakeClient({
      'secrets:copy': () => ({ ok: true, value: null }),
      'auth:refresh': () => ({ ok: true, value: authState(Date.now()) }),
      'auth:sign-out': () => ({
        ok: true,
        value: {
          state: { ...authState(0), status: 'none', accessTokenMasked: undefined },
          errors: [],
        },
      }),
      'auth:forget-login': () => ({ ok: true, value: null }),
      'auth:trace': () => ({ ok: true, value: null }),
    })
    setClient(fake.api)
    useAuthStore().states['p1'] = authState(Date.now())
    const w = mount(TokenInspector, { props: { profile: useProfilesStore().active! } })
    await w.get('[data-testid="copy-access"]').trigger('click')
    await w.get('[data-testid="refresh-now"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="forget-login"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="revoke"]').trigger('click')
    await flushPromises()
    expect(fake.calls.map(([c]) => c).filter((c) => c !== 'auth:trace')).toEqual([
      'secrets:copy',
      'auth:refresh',
      'auth:forget-login',
      'auth:sign-out',
    ])
    expect(fake.calls[0]![1]).toEqual({ profileId: 'p1', secret: 'accessToken' })
    expect(w.find('[data-testid="no-token"]').exists()).toBe(true)
  })
})

describe('FlowTrace', () => {
  it('shows each step with its explanation, status and duration, and copies the masked text', async () => {
    seedProfiles()
    const writeText = vi.fn((_arg: { text: string }) => ({ ok: true as const, value: null }))
    setClient(fakeClient({ 'clipboard:write-text': writeText }).api)
    useAuthStore().traces['p1'] = trace(NOW)
    const w = mount(FlowTrace)
    const step = w.get('[data-testid="trace-step"]')
    expect(step.text()).toContain('Request a token (client credentials)')
    expect(step.text()).toContain('proves who it is')
    expect(step.text()).toContain('200')
    expect(step.text()).toContain('42 ms')
    expect(step.get('details').element.open).toBe(false)
    expect(step.text()).toContain('Basic base64(key-123:••••alue)')
    await w.get('[data-testid="copy-trace"]').trigger('click')
    await flushPromises()
    const text = writeText.mock.calls[0]![0].text
    expect(text).toContain('1. Request a token (client credentials) (42 ms)')
    expect(text).toContain('> POST http://127.0.0.1:1/v1/oauth/')
    expect(text).toContain('< 200')
  })

  it('says what will appear when there is no flow yet', () => {
    seedProfiles()
    setClient(fakeClient({}).api)
    const w = mount(FlowTrace)
    expect(w.find('[data-testid="no-trace"]').exists()).toBe(true)
  })
})

describe('ShortcutsHelp', () => {
  it('is a modal dialog listing the shortcuts, focused on open', async () => {
    const w = mount(ShortcutsHelp, { attachTo: document.body })
    await flushPromises()
    expect(w.get('[role="dialog"]').attributes('aria-modal')).toBe('true')
    expect(w.text()).toContain('Get a token with the chosen grant')
    expect(w.text()).toContain('Esc')
    expect(document.activeElement).toBe(w.get('[data-testid="close-help"]').element)
    w.unmount()
  })
})
