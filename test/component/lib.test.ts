import { describe, expect, it } from 'vitest'
import { GRANT_FIELDS } from '../../electron/shared/profile'
import { GRANT_CHOICES, GRANT_INFO } from '../../renderer/src/lib/grants'
import { matchShortcut } from '../../renderer/src/lib/shortcuts'
import { checkDraft, draftFrom, saveInputOf } from '../../renderer/src/lib/profile-draft'
import { profileView } from './fixtures'

const key = (init: KeyboardEventInit, target?: EventTarget): KeyboardEvent => {
  const e = new KeyboardEvent('keydown', init)
  if (target) Object.defineProperty(e, 'target', { value: target })
  return e
}

describe('shortcuts', () => {
  it('maps the documented keys, and ignores plain keys while typing', () => {
    expect(matchShortcut(key({ key: 'Enter', ctrlKey: true }))).toBe('get-token')
    expect(matchShortcut(key({ key: 'r', metaKey: true }))).toBe('refresh')
    expect(matchShortcut(key({ key: 'k', ctrlKey: true }))).toBe('search')
    expect(matchShortcut(key({ key: 'F1' }))).toBe('help')
    expect(matchShortcut(key({ key: '?' }))).toBe('help')
    expect(matchShortcut(key({ key: 'Escape' }))).toBe('close')
    expect(matchShortcut(key({ key: '2', ctrlKey: true }))).toBe('view-2')
    const input = document.createElement('input')
    expect(matchShortcut(key({ key: '/' }, input))).toBeNull()
    expect(matchShortcut(key({ key: 'Enter', ctrlKey: true }, input))).toBe('get-token')
    expect(matchShortcut(key({ key: 'x' }))).toBeNull()
  })
})

describe('grant descriptions', () => {
  it('cover four grants plus refresh and revoke, with the shared field lists', () => {
    expect(GRANT_CHOICES).toHaveLength(6)
    for (const g of ['client_credentials', 'password', 'authorization_code', 'implicit'] as const) {
      expect(GRANT_INFO[g].fields).toEqual(GRANT_FIELDS[g])
      expect(GRANT_INFO[g].purpose.split('. ')).toHaveLength(1)
    }
    expect(GRANT_INFO.authorization_code.steps[0]).toContain('response_type=code')
    expect(GRANT_INFO.authorization_code.steps.at(-2)).toContain('grant_type=authorization_code')
    expect(GRANT_INFO.implicit.interactive).toBe(true)
    expect(GRANT_INFO.client_credentials.refreshToken).toMatch(/^No/)
  })
})

describe('profile draft', () => {
  it('round-trips a profile and sends secrets only when typed', () => {
    const p = profileView()
    const d = draftFrom(p)
    expect(saveInputOf(d, p.id)).not.toHaveProperty('apiSecret')
    d.apiSecret = 'new-secret'
    expect(saveInputOf(d, p.id)).toMatchObject({ id: 'p1', apiSecret: 'new-secret' })
    expect(checkDraft(d, p).valid).toBe(true)
  })

  it('uses the shared rules: https redirect for Trustpilot, not for a custom environment', () => {
    const d = draftFrom(profileView({ environment: { kind: 'trustpilot' } }))
    d.redirectUri = 'http://x.example/cb'
    expect(checkDraft(d, null).errors.redirectUri).toMatch(/https/)
    d.envKind = 'custom'
    d.custom.tokenUrl = 'http://127.0.0.1/token'
    expect(checkDraft(d, null).errors.redirectUri).toBeUndefined()
  })
})
