import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { ProfileRepository } from '../../../electron/core/profiles/profile-repository'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { MemoryStore, STORE_FILE_OPTIONS } from '../../../electron/core/vault/kv-store'
import { SecretVault } from '../../../electron/core/vault/secret-vault'
import type { ProfileSaveInput } from '../../../electron/shared/profile'
import { createAppServices } from '../../../electron/core/services/app-services'
import { testSandboxPort, unusedLoginWindow } from '../helpers/app-services'

/** A profiles file on disk, as a run of the app (or a newer version of it) left it. */
function onDisk(profiles: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'tp-profiles-'))
  const file = join(dir, 'profiles.json')
  writeFileSync(file, JSON.stringify({ profiles, activeProfileId: 'a1' }))
  let n = 0
  const repo = () =>
    new ProfileRepository(
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: 'profiles',
        ...STORE_FILE_OPTIONS,
      }),
      new SecretVault(new MemoryStore(), new NodeCryptoCipher()),
      () => `new${++n}`,
    )
  const read = () => JSON.parse(readFileSync(file, 'utf8')) as { profiles: unknown }
  return { dir, file, repo, read }
}

const stored = (id: string, name: string) => ({
  id,
  name,
  environment: { kind: 'trustpilot' },
  apiKey: 'key',
  username: '',
  redirectUri: '',
  businessUnitId: '',
  businessUserId: '',
  clientAuth: 'basic',
  defaultGrant: 'client_credentials',
  rememberLogin: false,
})

const another: ProfileSaveInput = { name: 'Another', environment: { kind: 'sandbox' } }

describe('profiles the app cannot read are never erased', () => {
  it('keeps an entry the schema refuses, as it is, through saves and deletes', async () => {
    const broken = { id: 'b1', name: 42, environment: { kind: 'mars' } }
    const { repo, read } = onDisk([stored('a1', 'Acme'), broken])
    const profiles = repo()
    expect((await profiles.list()).map((p) => p.name)).toEqual(['Acme'])
    expect(profiles.skipped.join(' ')).toMatch(/#1: .*name/)
    await profiles.save(another)
    await profiles.save({ ...profiles.require('a1'), name: 'Acme renamed' })
    expect(read().profiles).toContainEqual(broken)
    await profiles.delete('new1')
    expect(read().profiles).toEqual([{ ...stored('a1', 'Acme renamed') }, broken])
  })

  it('tolerates fields a newer version added, and writes them back unchanged', async () => {
    const newer = {
      ...stored('a1', 'From the future'),
      colour: 'teal',
      environment: { kind: 'trustpilot', region: 'eu' },
    }
    const { repo, read } = onDisk([newer])
    const profiles = repo()
    const [view] = await profiles.list()
    expect(view).toMatchObject({ id: 'a1', name: 'From the future' })
    expect(view).not.toHaveProperty('colour') // the renderer gets only what this version knows
    expect(profiles.skipped).toEqual([])
    await profiles.save({ ...profiles.require('a1'), apiKey: 'changed' })
    await profiles.save(another)
    const [written] = read().profiles as Record<string, unknown>[]
    expect(written).toMatchObject({
      id: 'a1',
      apiKey: 'changed',
      colour: 'teal',
      environment: { kind: 'trustpilot', region: 'eu' },
    })
  })

  it('says so when "profiles" is an object, keeps the file, and refuses to write over it', async () => {
    const odd = { a1: stored('a1', 'Acme') }
    const { repo, read, file } = onDisk(odd)
    const before = readFileSync(file, 'utf8')
    const profiles = repo()
    expect(await profiles.list()).toEqual([])
    expect(profiles.skipped.join(' ')).toMatch(/"profiles" is an object instead of a list/)
    await expect(profiles.save(another)).rejects.toMatchObject({
      code: 'profiles-unreadable',
      message: expect.stringMatching(/will not write over it/),
    })
    expect(read().profiles).toEqual(odd)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('at start-up, an object "profiles" gets a notice and no default profile written over it', async () => {
    const { dir, read } = onDisk({ a1: stored('a1', 'Acme') })
    const services = await createAppServices({
      dataDir: dir,
      openStore: (name) =>
        new Conf<Record<string, unknown>>({ cwd: dir, configName: name, ...STORE_FILE_OPTIONS }),
      cipher: new NodeCryptoCipher(),
      fetch: (input, init) => fetch(input, init),
      loginWindow: unusedLoginWindow,
      sandbox: testSandboxPort,
      openExternal: async () => undefined,
      writeClipboard: () => undefined,
      appInfo: () => ({
        name: 'test',
        version: '0',
        platform: process.platform,
        safeStorageBackend: 'node-crypto',
        secretsProtected: true,
      }),
      emit: () => undefined,
      autoStartSandbox: false,
    })
    try {
      expect(services.notices.join(' ')).toMatch(
        /profiles could not be read; they are kept.*"profiles" is an object instead of a list/,
      )
      expect(await services.profiles.list()).toEqual([])
      expect(read().profiles).toEqual({ a1: stored('a1', 'Acme') })
    } finally {
      await services.dispose()
    }
  })

  it('keeps one backup of the previous file before each write', async () => {
    const { repo, read, file } = onDisk([stored('a1', 'Acme')])
    const backup = file.replace(/\.json$/, '.backup.json')
    const profiles = repo()
    const original = readFileSync(file, 'utf8')
    await profiles.save(another)
    expect(readFileSync(backup, 'utf8')).toBe(original)
    expect(statSync(backup).mode & 0o777).toBe(0o600)
    const second = readFileSync(file, 'utf8')
    await profiles.save({ ...profiles.require('a1'), name: 'Acme 2' })
    expect(readFileSync(backup, 'utf8')).toBe(second)
    expect((read().profiles as { name: string }[])[0]?.name).toBe('Acme 2')
  })
})
