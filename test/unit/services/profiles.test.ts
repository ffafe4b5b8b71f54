import { describe, expect, it } from 'vitest'
import { ProfileRepository } from '../../../electron/core/profiles/profile-repository'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { MemoryStore } from '../../../electron/core/vault/kv-store'
import { SecretVault } from '../../../electron/core/vault/secret-vault'
import { missingForGrant, type ProfileSaveInput } from '../../../electron/shared/profile'
import { HandlerError } from '../../../electron/shared/result'

function repo() {
  let n = 0
  const store = new MemoryStore()
  return {
    store,
    profiles: new ProfileRepository(
      store,
      new SecretVault(new MemoryStore(), new NodeCryptoCipher()),
      () => `p${++n}`,
    ),
  }
}

const base: ProfileSaveInput = {
  name: 'Acme production',
  environment: { kind: 'trustpilot' },
  apiKey: 'key-123',
  apiSecret: 'secret-abcdef',
  username: 'ops@acme.example',
  password: 'pa55word-xyz',
  redirectUri: 'https://acme.example/callback',
  businessUnitId: '5a1b2c3d4e5f60718293a4b5',
}

describe('ProfileRepository', () => {
  it('keeps secrets out of the profile and shows them as masked facts', async () => {
    const { profiles, store } = repo()
    const view = await profiles.save(base)
    expect(view.secrets).toEqual({
      apiSecret: { set: true, masked: '••••cdef' },
      password: { set: true, masked: '••••-xyz' },
    })
    expect(JSON.stringify(store.get('profiles'))).not.toMatch(/secret-abcdef|pa55word-xyz/)
    expect(await profiles.secret(view.id, 'apiSecret')).toBe('secret-abcdef')
    expect(profiles.activeId()).toBe(view.id)
  })

  it('keeps a secret when an update omits it, and removes it when given an empty string', async () => {
    const { profiles } = repo()
    const { id } = await profiles.save(base)
    const { apiSecret: _s, password: _p, ...fields } = base
    await profiles.save({ ...fields, id, name: 'Renamed' })
    expect(await profiles.secret(id, 'apiSecret')).toBe('secret-abcdef')
    const view = await profiles.save({ ...fields, id, password: '' })
    expect(view.secrets.password).toEqual({ set: false, masked: '' })
  })

  it('refuses bad fields with reasons', async () => {
    const { profiles } = repo()
    await expect(profiles.save({ ...base, name: '' })).rejects.toThrow(
      /name: a profile needs a name/,
    )
    await expect(
      profiles.save({ ...base, environment: { kind: 'custom', tokenUrl: 'not a url' } }),
    ).rejects.toThrow(/environment.tokenUrl: must be an absolute http\(s\) URL/)
    await expect(profiles.save({ ...base, surprise: 1 } as ProfileSaveInput)).rejects.toThrow(
      /unknown field/,
    )
  })

  it('exports without any secret or id, and imports it back under new ids and free names', async () => {
    const { profiles } = repo()
    await profiles.save(base)
    const json = profiles.exportJson()
    expect(json).not.toMatch(/secret-abcdef|pa55word-xyz|"id"/)
    const imported = await profiles.importJson(json)
    expect(imported).toHaveLength(1)
    expect(imported[0]).toMatchObject({ name: 'Acme production (2)', apiKey: 'key-123' })
    expect(imported[0]!.secrets.apiSecret.set).toBe(false)
    expect((await profiles.list()).map((p) => p.id)).toEqual(['p1', 'p2'])
  })

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['the wrong format', JSON.stringify({ format: 'postman', version: 1, profiles: [] }), /format/],
    [
      'an unknown field',
      JSON.stringify({
        format: 'tp-api-explorer/profiles',
        version: 1,
        profiles: [{ name: 'x', environment: { kind: 'sandbox' }, apiSecret: 's' }],
      }),
      /profiles\.0: unknown field\(s\) apiSecret/,
    ],
    [
      'a bad value',
      JSON.stringify({
        format: 'tp-api-explorer/profiles',
        version: 1,
        profiles: [{ name: 'x', environment: { kind: 'moon' } }],
      }),
      /profiles\.0\.environment/,
    ],
  ])(
    'refuses an import with %s, naming the reason, and imports nothing',
    async (_label, json, reason) => {
      const { profiles } = repo()
      const error = await profiles.importJson(json).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HandlerError)
      expect((error as HandlerError).code).toBe('invalid-import')
      expect((error as HandlerError).message).toMatch(reason)
      expect(await profiles.list()).toEqual([])
    },
  )

  it('skips and reports a damaged entry in the store file instead of failing', async () => {
    const { profiles, store } = repo()
    const saved = await profiles.save(base)
    store.set('profiles', [...(store.get('profiles') as unknown[]), { id: 'bad', name: 42 }])
    expect((await profiles.list()).map((p) => p.id)).toEqual([saved.id])
    expect(profiles.skipped.join(' ')).toMatch(/#1:/)
  })

  it('deleting the active profile moves the active one and removes its secrets', async () => {
    const { profiles } = repo()
    const a = await profiles.save(base)
    const b = await profiles.save({ ...base, name: 'Other' })
    await profiles.delete(a.id)
    expect(profiles.activeId()).toBe(b.id)
    expect(await profiles.secret(a.id, 'apiSecret')).toBeUndefined()
    await expect(profiles.delete('nope')).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('missingForGrant', () => {
  const profile = {
    apiKey: 'k',
    username: '',
    redirectUri: '',
    environment: { kind: 'trustpilot' as const },
  }
  it('names the fields each grant needs', () => {
    const none = { apiSecret: false, password: false }
    expect(missingForGrant(profile, none, 'client_credentials').map((m) => m.field)).toEqual([
      'apiSecret',
    ])
    expect(missingForGrant(profile, none, 'password').map((m) => m.field)).toEqual([
      'apiSecret',
      'username',
      'password',
    ])
    expect(missingForGrant(profile, none, 'implicit').map((m) => m.field)).toEqual(['redirectUri'])
  })
  it('wants an https redirect URI for Trustpilot but not for a Custom server', () => {
    const secrets = { apiSecret: true, password: true }
    const http = { ...profile, redirectUri: 'http://localhost/cb' }
    expect(missingForGrant(http, secrets, 'authorization_code')[0]?.message).toMatch(/https/)
    expect(
      missingForGrant(
        { ...http, environment: { kind: 'custom', tokenUrl: 'http://localhost/token' } },
        secrets,
        'authorization_code',
      ),
    ).toEqual([])
  })
})
