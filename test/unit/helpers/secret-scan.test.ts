import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resetElectronMock, safeStorage } from '../mocks/electron'
import { findSecret, findSecretInDir, secretEncodings } from './files'

const SECRET = 'tp-secret/Value+42 & ü%'

/** What a careless writer might put on disk, one encoding at a time, inside other text. */
const leaks: [string, (s: string) => Buffer | string][] = [
  ['plain', (s) => `{"apiSecret":"${s}"}`],
  ['URL-encoded', (s) => `https://x.example/cb?secret=${encodeURIComponent(s)}&a=1`],
  ['form-encoded', (s) => `grant_type=x&${new URLSearchParams({ client_secret: s })}`],
  ['JSON-escaped', (s) => JSON.stringify({ body: `line\n${s}` })],
  ['hex', (s) => `bytes=${Buffer.from(s).toString('hex')};`],
  ['base64 (offset 0)', (s) => `Basic ${Buffer.from(s).toString('base64')}`],
  ['base64 (offset 1)', (s) => `Basic ${Buffer.from(`a${s}`).toString('base64')}`],
  ['base64 (offset 2)', (s) => `Basic ${Buffer.from(`id${s}`).toString('base64')}`],
  ['base64url (offset 0)', (s) => Buffer.from(s).toString('base64url')],
  ['base64url (offset 2)', (s) => `x.${Buffer.from(`ab${s}`).toString('base64url')}.y`],
  ['UTF-16LE', (s) => Buffer.concat([Buffer.from('\ufeff', 'utf16le'), Buffer.from(s, 'utf16le')])],
]

describe('the "nothing secret on disk" scanner', () => {
  it.each(leaks)('finds a secret written %s', (name, write) => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-scan-'))
    writeFileSync(join(dir, 'leak.bin'), write(SECRET))
    expect(findSecretInDir(dir, SECRET)).toContain(name)
  })

  it('finds nothing in unrelated text, so a clean result means something', () => {
    expect(findSecret('{"apiSecret":"••••42 %"}', SECRET)).toEqual([])
    expect(secretEncodings(SECRET).length).toBeGreaterThanOrEqual(10)
  })

  it('the mocked safeStorage really encrypts: no encoding of the secret is in its output', async () => {
    resetElectronMock()
    const data = await safeStorage.encryptStringAsync(SECRET)
    expect(findSecret(data, SECRET)).toEqual([])
    expect(findSecret(data.toString('base64'), SECRET)).toEqual([])
    expect((await safeStorage.decryptStringAsync(data)).result).toBe(SECRET)
    safeStorage.rotateKey()
    await expect(safeStorage.decryptStringAsync(data)).rejects.toThrow()
  })
})
