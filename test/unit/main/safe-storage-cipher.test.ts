import { beforeEach, describe, expect, it } from 'vitest'
import { app, resetElectronMock, safeStorage } from '../mocks/electron'
import { SafeStorageCipher } from '../../../electron/main/safe-storage-cipher'
import { appInfo } from '../../../electron/main/app-info'

describe('SafeStorageCipher', () => {
  beforeEach(() => resetElectronMock())

  it('uses the async safeStorage API and passes shouldReEncrypt through', async () => {
    const cipher = await SafeStorageCipher.create()
    expect(cipher.protects).toBe(true)
    const data = await cipher.encrypt('s3cret')
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('s3cret')
    await expect(cipher.decrypt(data)).resolves.toEqual({ plain: 's3cret', shouldReEncrypt: false })
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'x', shouldReEncrypt: true })
    await expect(cipher.decrypt(data)).resolves.toEqual({ plain: 'x', shouldReEncrypt: true })
  })

  it('reports basic_text (no keyring) as not protecting, in the cipher and in app:info', async () => {
    safeStorage.backend = 'basic_text'
    const cipher = await SafeStorageCipher.create()
    expect(cipher).toMatchObject({
      backend: process.platform === 'linux' ? 'basic_text' : cipher.backend,
    })
    if (process.platform === 'linux') {
      expect(cipher.protects).toBe(false)
      expect(appInfo()).toMatchObject({ safeStorageBackend: 'basic_text', secretsProtected: false })
    }
  })

  it('says the backend is not known before the app is ready', () => {
    app.ready = false
    expect(appInfo()).toMatchObject({ safeStorageBackend: 'not-ready', secretsProtected: false })
  })
})
