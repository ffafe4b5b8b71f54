import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import { NodeCryptoCipher } from '../../../electron/core/vault/cipher'
import { STORE_FILE_OPTIONS } from '../../../electron/core/vault/kv-store'
import { SecretVault } from '../../../electron/core/vault/secret-vault'
import { TabStore } from '../../../electron/core/workbench/tab-store'
import { createTestApp } from '../helpers/app-services'
import { allText, findSecretInDir } from '../helpers/files'

const TYPED = 'Bearer typed-by-hand-0123456789'
const snapshot = (url: string) =>
  JSON.stringify({
    version: 1,
    activeId: 't1',
    tabs: [
      {
        id: 't1',
        title: 'Mine',
        draft: { url, headers: [{ name: 'Authorization', value: TYPED }] },
      },
    ],
  })

const tmp = () => mkdtempSync(join(tmpdir(), 'tp-tabs-'))
const conf = (dir: string) =>
  new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'workbench-tabs',
    ...STORE_FILE_OPTIONS,
  })

describe('TabStore', () => {
  it('keeps the snapshot encrypted on disk, returns it as saved, and forgets it on an empty save', async () => {
    const dir = tmp()
    const key = randomBytes(32)
    const tabs = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key })))
    expect(await tabs.load()).toEqual({ json: null })
    await tabs.save(snapshot('https://example.com/a'))
    expect(findSecretInDir(dir, 'typed-by-hand')).toEqual([])
    expect(findSecretInDir(dir, 'example.com')).toEqual([])

    // A new run on the same folder and key reads it back.
    const again = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key })))
    expect(await again.load()).toEqual({ json: snapshot('https://example.com/a') })
    await again.save('')
    expect(await again.load()).toEqual({ json: null })
  })

  it('writes saves in order: the newest snapshot wins even when they overlap', async () => {
    const tabs = new TabStore(new SecretVault(conf(tmp()), new NodeCryptoCipher()))
    await Promise.all([1, 2, 3, 4, 5].map((n) => tabs.save(snapshot(`https://example.com/${n}`))))
    expect((await tabs.load()).json).toBe(snapshot('https://example.com/5'))
  })

  it('keeps a snapshot that cannot be decrypted aside, says so, and reopens it after Try again', async () => {
    const dir = tmp()
    const key = randomBytes(32)
    const good = () => new SecretVault(conf(dir), new NodeCryptoCipher({ key }))
    await new TabStore(good()).save(snapshot('https://example.com/old'))
    // A start under another key (a locked keyring): kept aside, said so, new tabs saved meanwhile.
    let cipherKey: Uint8Array = randomBytes(32)
    const locked = new TabStore(
      new SecretVault(conf(dir), {
        backend: 'node-crypto',
        protects: true,
        encrypt: (p) => new NodeCryptoCipher({ key: cipherKey }).encrypt(p),
        decrypt: (d) => new NodeCryptoCipher({ key: cipherKey }).decrypt(d),
      }),
    )
    const loaded = await locked.load()
    expect(loaded).toMatchObject({ json: null, unreadable: true })
    expect(loaded.note).toMatch(/could not be decrypted.*kept.*Try again.*Forget/s)
    expect(locked.unreadable()).toEqual([expect.stringMatching(/^workbench:tabs:unreadable:/)])
    await locked.save(snapshot('https://example.com/new'))
    expect(await locked.retry()).toBe(false)
    // The keyring is unlocked: Try again, and the next load hands the old tabs back.
    cipherKey = key
    expect(await locked.retry()).toBe(true)
    expect((await locked.load()).recovered).toEqual([snapshot('https://example.com/old')])
  })

  it('two failed starts in a row keep both snapshots; a good start reopens them', async () => {
    const dir = tmp()
    const key = randomBytes(32)
    await new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key }))).save(
      snapshot('https://example.com/first'),
    )
    const otherKey = randomBytes(32)
    const other = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key: otherKey })))
    expect((await other.load()).unreadable).toBe(true)
    await other.save(snapshot('https://example.com/second'))
    // Back to the first key: the second run's tabs are now the unreadable ones; both kept.
    const back = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key })))
    const loaded = await back.load()
    expect(loaded.recovered).toEqual([snapshot('https://example.com/first')])
    expect(loaded.unreadable).toBe(true)
    const again = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher({ key: otherKey })))
    expect((await again.load()).recovered).toEqual([snapshot('https://example.com/second')])
  })

  it('forgets a kept-aside snapshot only when asked', async () => {
    const dir = tmp()
    await new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher())).save(snapshot('x'))
    const other = new TabStore(new SecretVault(conf(dir), new NodeCryptoCipher()))
    expect((await other.load()).unreadable).toBe(true)
    expect((await other.load()).unreadable).toBe(true) // still kept at the next load
    for (const id of other.unreadable()) await other.forgetUnreadable(id)
    expect(await other.load()).toEqual({ json: null })
  })

  it('without an OS keyring keeps the tabs in memory until the user agrees, then writes them', async () => {
    const dir = tmp()
    const tabs = new TabStore(
      new SecretVault(conf(dir), new NodeCryptoCipher({ backend: 'basic_text' })),
    )
    await tabs.save(snapshot('https://example.com/kept-in-memory'))
    expect((await tabs.load()).json).toContain('kept-in-memory')
    expect(allText(dir)).not.toContain('v":1')
    await tabs.allowUnprotectedPersistence()
    expect(allText(dir)).toContain('"workbench:tabs"')
    expect(findSecretInDir(dir, 'typed-by-hand')).toEqual([])
  })
})

describe('tabs:save and tabs:load through the app', () => {
  it('survive a restart on the same data folder, the last save included; a wrong-shaped or oversized save is refused', async () => {
    const key = randomBytes(32)
    const sender = { present: true, isMainFrame: true, url: 'app://explorer/index.html' }
    const first = await createTestApp({ cipher: new NodeCryptoCipher({ key }) })
    const dispatch = createDispatcher(createHandlers(first.services), {
      allowedOrigins: ['app://explorer'],
    })
    expect(
      await dispatch('tabs:save', sender, { json: snapshot('https://example.com/r') }),
    ).toEqual({ ok: true, value: null })
    const bad = await dispatch('tabs:save', sender, { json: 42 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    const huge = await dispatch('tabs:save', sender, { json: 'x'.repeat(21 * 1024 * 1024) })
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    // The last save of a session, still being written when the app shuts down: dispose waits.
    const last = dispatch('tabs:save', sender, { json: snapshot('https://example.com/last') })
    await first.services.dispose()
    expect(await last).toEqual({ ok: true, value: null })
    expect(findSecretInDir(first.dataDir, 'typed-by-hand')).toEqual([])

    const second = await createTestApp({
      dataDir: first.dataDir,
      cipher: new NodeCryptoCipher({ key }),
    })
    try {
      const d2 = createDispatcher(createHandlers(second.services), {
        allowedOrigins: ['app://explorer'],
      })
      expect(await d2('tabs:load', sender, undefined)).toEqual({
        ok: true,
        value: { json: snapshot('https://example.com/last') },
      })
    } finally {
      await second.services.dispose()
    }
  })
})
