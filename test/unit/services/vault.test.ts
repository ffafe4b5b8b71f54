import { describe, expect, it } from 'vitest'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Conf from 'conf'
import { NodeCryptoCipher, type Cipher } from '../../../electron/core/vault/cipher'
import {
  MemoryStore,
  STORE_FILE_OPTIONS,
  setAsideIfCorrupt,
} from '../../../electron/core/vault/kv-store'
import { SecretVault } from '../../../electron/core/vault/secret-vault'
import { VaultTokenStore } from '../../../electron/core/vault/vault-token-store'
import { createTestApp } from '../helpers/app-services'
import { findSecretInDir } from '../helpers/files'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'

const tmp = () => mkdtempSync(join(tmpdir(), 'tp-vault-'))
const conf = (dir: string, name: string) =>
  new Conf<Record<string, unknown>>({ cwd: dir, configName: name, ...STORE_FILE_OPTIONS })

describe('SecretVault', () => {
  it('round-trips secrets through the cipher and keeps only versioned base64 ciphertext on disk', async () => {
    const dir = tmp()
    const store = conf(dir, 'secrets')
    const vault = new SecretVault(store, new NodeCryptoCipher())
    await vault.set('profile:a:apiSecret', 's3cret-value-1234')
    expect(await vault.get('profile:a:apiSecret')).toBe('s3cret-value-1234')
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as {
      secrets: Record<string, { v: number; data: string }>
    }
    expect(onDisk.secrets['profile:a:apiSecret']).toMatchObject({
      v: 1,
      data: expect.stringMatching(/^[A-Za-z0-9+/=]+$/),
    })
    expect(findSecretInDir(dir, 's3cret-value-1234')).toEqual([])
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
    await vault.delete('profile:a:apiSecret')
    expect(await vault.get('profile:a:apiSecret')).toBeUndefined()
  })

  it('re-encrypts a value when the cipher asks for it', async () => {
    const inner = new NodeCryptoCipher()
    let ask = true
    const cipher: Cipher = {
      backend: 'node-crypto',
      protects: true,
      encrypt: (p) => inner.encrypt(p),
      decrypt: async (d) => ({ ...(await inner.decrypt(d)), shouldReEncrypt: ask }),
    }
    const store = new MemoryStore()
    const vault = new SecretVault(store, cipher)
    await vault.set('x', 'value')
    const before = JSON.stringify(store.get('secrets'))
    expect(await vault.get('x')).toBe('value')
    ask = false
    expect(JSON.stringify(store.get('secrets'))).not.toBe(before)
    expect(await vault.get('x')).toBe('value')
  })

  it('keeps, and reports, a secret that cannot be decrypted; Try again reads it once the key is back', async () => {
    const store = new MemoryStore()
    const key = randomBytes(32)
    await new SecretVault(store, new NodeCryptoCipher({ key })).set('x', 'value')
    const before = JSON.stringify(store.get('secrets'))
    // A start with another key (a locked keyring, another backend): unreadable, but kept.
    let cipherKey: Uint8Array = randomBytes(32)
    const switching: Cipher = {
      backend: 'node-crypto',
      protects: true,
      encrypt: (p) => new NodeCryptoCipher({ key: cipherKey }).encrypt(p),
      decrypt: (d) => new NodeCryptoCipher({ key: cipherKey }).decrypt(d),
    }
    const vault = new SecretVault(store, switching)
    expect(await vault.get('x')).toBeUndefined()
    expect(vault.status().unreadable).toEqual(['x'])
    expect(JSON.stringify(store.get('secrets'))).toBe(before)
    expect(await vault.retry()).toEqual(['x'])
    // The keyring is unlocked: Try again reads it.
    cipherKey = key
    expect(await vault.retry()).toEqual([])
    expect(await vault.get('x')).toBe('value')
  })

  it('forgets an unreadable secret only when asked', async () => {
    const store = new MemoryStore()
    await new SecretVault(store, new NodeCryptoCipher()).set('x', 'value')
    const vault = new SecretVault(store, new NodeCryptoCipher())
    await vault.get('x')
    expect(vault.has('x')).toBe(true)
    await vault.delete('x')
    expect(vault.status().unreadable).toEqual([])
    expect(vault.has('x')).toBe(false)
  })

  it('a failed start then a good start: the API secret and token are still there', async () => {
    const key = randomBytes(32)
    const first = await createTestApp({
      cipher: new NodeCryptoCipher({ key }),
      autoStartSandbox: false,
    })
    const id = first.sandboxProfileId
    await first.services.dispose()

    // One start with another key: the profile shows the secret as unreadable, named, not missing.
    const locked = await createTestApp({
      dataDir: first.dataDir,
      cipher: new NodeCryptoCipher(),
      autoStartSandbox: false,
    })
    const [view] = await locked.services.profiles.list()
    expect(view?.secrets.apiSecret).toMatchObject({ set: false, unreadable: true })
    const status = locked.services.vaultStatus()
    expect(status.unreadable).toContainEqual(
      expect.objectContaining({
        kind: 'secret',
        profileId: id,
        field: 'apiSecret',
        label: 'Sandbox — API secret',
        advice: expect.stringMatching(/Try again.*Forget/),
      }),
    )
    expect(status.notices.join(' ')).toContain('Sandbox — API secret could not be decrypted.')
    expect(status.notices.join(' ')).not.toContain('profile:')
    // A save of the profile's other fields does not touch the kept secret.
    await locked.services.profiles.save({ ...locked.services.profiles.require(id), apiKey: 'k2' })
    await locked.services.dispose()

    // The next normal start reads it again.
    const good = await createTestApp({
      dataDir: first.dataDir,
      cipher: new NodeCryptoCipher({ key }),
      autoStartSandbox: false,
    })
    expect(await good.services.profiles.secret(id, 'apiSecret')).toBe(SANDBOX_DEFAULTS.apiSecret)
    expect(good.services.vaultStatus().unreadable).toEqual([])
    await good.services.dispose()
  })

  it('vault:retry and vault:forget through the app: named items, unknown keys refused', async () => {
    const first = await createTestApp({ autoStartSandbox: false })
    await first.services.dispose()
    const app = await createTestApp({ dataDir: first.dataDir, autoStartSandbox: false })
    await app.services.profiles.list()
    const keys = app.services.vaultStatus().unreadable.map((i) => i.label)
    expect(keys).toEqual(['Sandbox — API secret', 'Sandbox — password'])
    expect((await app.services.retryUnreadable()).unreadable).toHaveLength(2)
    await expect(app.services.forgetUnreadable('profile:nope:apiSecret')).rejects.toMatchObject({
      code: 'not-found',
    })
    const [first_] = app.services.vaultStatus().unreadable
    const after = await app.services.forgetUnreadable(first_!.key)
    expect(after.unreadable.map((i) => i.label)).toEqual(['Sandbox — password'])
    expect(app.services.vault.has(first_!.key)).toBe(false)
    await app.services.dispose()
  })

  it('with basic_text keeps secrets in memory until the user agrees, then persists them', async () => {
    const dir = tmp()
    const store = conf(dir, 'secrets')
    const vault = new SecretVault(store, new NodeCryptoCipher({ backend: 'basic_text' }))
    await vault.set('profile:a:password', 'hunter2-hunter2')
    expect(await vault.get('profile:a:password')).toBe('hunter2-hunter2')
    expect(vault.status()).toMatchObject({ protected: false, persisting: false, memoryOnly: 1 })
    expect(existsSync(store.path) ? readFileSync(store.path, 'utf8') : '').not.toContain(
      'profile:a:password',
    )
    await vault.allowUnprotectedPersistence()
    expect(vault.status()).toMatchObject({ persisting: true, memoryOnly: 0 })
    expect(readFileSync(store.path, 'utf8')).toContain('profile:a:password')
    expect(findSecretInDir(dir, 'hunter2-hunter2')).toEqual([])
  })
})

describe('store files', () => {
  it('sets a corrupt file aside with a timestamp and starts empty', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'profiles.json'), '{"profiles": [', { mode: 0o600 })
    const moved = setAsideIfCorrupt(dir, 'profiles', () => new Date('2026-11-28T10:00:00Z'))
    expect(moved).toMatchObject({ reason: expect.stringMatching(/not valid JSON/) })
    expect(moved?.movedTo).toMatch(/profiles\.corrupt-2026-11-28T10-00-00-000Z\.json$/)
    expect(readFileSync(moved!.movedTo, 'utf8')).toBe('{"profiles": [')
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false)
    expect(setAsideIfCorrupt(dir, 'profiles')).toBeNull()
  })

  it('leaves a healthy file alone and treats a non-object as corrupt', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'a.json'), '{"ok":true}')
    writeFileSync(join(dir, 'b.json'), '[1,2]')
    expect(setAsideIfCorrupt(dir, 'a')).toBeNull()
    expect(setAsideIfCorrupt(dir, 'b')?.reason).toMatch(/JSON object/)
  })

  it('the app starts on corrupt store files, tells the user, and has its Sandbox profile', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'profiles.json'), 'not json at all')
    writeFileSync(join(dir, 'secrets.json'), '\u0000\u0001garbage')
    const app = await createTestApp({ dataDir: dir })
    try {
      expect(app.services.notices.join('\n')).toMatch(/profiles\.json was damaged.*moved to/)
      expect(app.services.notices.join('\n')).toMatch(/secrets\.json was damaged/)
      const list = await app.services.profiles.list()
      expect(list.map((p) => p.name)).toEqual(['Sandbox'])
      expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(2)
    } finally {
      await app.services.dispose()
    }
  })
})

describe('secrets at rest in the app', () => {
  it('after saving a profile and getting a token, no secret appears in any file under the store folder', async () => {
    const app = await createTestApp()
    try {
      const { services, sandboxProfileId: id, dataDir } = app
      const saved = await services.profiles.save({
        ...services.profiles.require(id),
        apiSecret: SANDBOX_DEFAULTS.apiSecret,
        password: SANDBOX_DEFAULTS.password,
      })
      expect(saved.secrets.apiSecret).toEqual({ set: true, masked: expect.stringMatching(/^••••/) })
      await services.auth.getToken(id, 'password')
      const token = await new VaultTokenStore(services.vault).load(id)
      expect(token?.accessToken).toMatch(/^tpa-/)
      expect(token?.refreshToken).toMatch(/^tpr-/)
      for (const secret of [
        SANDBOX_DEFAULTS.apiSecret,
        SANDBOX_DEFAULTS.password,
        token!.accessToken,
        token!.refreshToken!,
      ]) {
        expect(findSecretInDir(dataDir, secret), `found ${secret.slice(0, 4)}… on disk`).toEqual([])
      }
      for (const file of readdirSync(dataDir))
        expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600)
    } finally {
      await app.services.dispose()
    }
  })

  it('tokens survive a restart with the same key, and are gone after deleting the profile', async () => {
    const key = Buffer.alloc(32, 7)
    const first = await createTestApp({ cipher: new NodeCryptoCipher({ key }) })
    const id = first.sandboxProfileId
    await first.services.auth.getToken(id, 'client_credentials')
    await first.services.dispose()
    const second = await createTestApp({
      dataDir: first.dataDir,
      cipher: new NodeCryptoCipher({ key }),
    })
    try {
      expect(second.sandboxProfileId).toBe(id)
      expect((await new VaultTokenStore(second.services.vault).load(id))?.accessToken).toMatch(
        /^tpa-/,
      )
      await second.services.profiles.delete(id)
      expect(await new VaultTokenStore(second.services.vault).load(id)).toBeNull()
      expect(second.services.vault.status().memoryOnly).toBe(0)
    } finally {
      await second.services.dispose()
    }
  })
})
