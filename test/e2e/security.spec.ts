import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { NodeCryptoCipher, type Cipher } from '../../electron/core/vault/cipher'
import { restartableApp } from './harness/restartable'
import { SecretWatch } from './ui-helpers'

test('a login caught without state is not used when the user says no', async ({ app, host }) => {
  await app.getByTestId('grant-authorization_code').click()
  await app.getByTestId('run-grant').click()
  const login = await host.login.nextPage()
  await login.fill('#username', SANDBOX_DEFAULTS.username)
  await login.fill('#password', SANDBOX_DEFAULTS.password)
  await login.getByRole('button', { name: 'Continue with Google' }).click()
  await expect(app.getByTestId('confirm-missing-state')).toContainText('cannot prove')
  await app.getByRole('button', { name: 'No, cancel' }).click()
  await expect(app.getByTestId('confirm-missing-state')).toBeHidden()
  await expect(app.getByTestId('no-token')).toBeVisible()
  // Nothing was exchanged: the sandbox issued no token, and main holds none.
  expect((await host.services.auth.state(host.services.profiles.activeId()!)).status).toBe('none')
})

test('the secret watch sees values typed into fields, not only the HTML', async ({ app, host }) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('nav-workbench').click()
  await app.getByTestId('endpoint-private.reviews.list').click()
  await app.getByTestId('section-headers').click()
  await app.getByTestId('header-add').click()
  await app
    .getByTestId(/^header-name-\d+$/)
    .last()
    .fill('X-Typed')
  await watch.assertClean('before')
  // A value typed into an input is a DOM property: page.content() alone never shows it.
  const value = app.getByTestId('header-value-X-Typed')
  await value.fill(SANDBOX_DEFAULTS.apiSecret)
  expect(await app.content()).not.toContain(SANDBOX_DEFAULTS.apiSecret)
  await expect(watch.assertClean('typed')).rejects.toThrow(/shows a secret/)
  // And in an encoding (base64, as in a Basic header).
  await value.fill(`Basic ${Buffer.from(`key:${SANDBOX_DEFAULTS.apiSecret}`).toString('base64')}`)
  await expect(watch.assertClean('base64')).rejects.toThrow(/shows a secret/)
  await value.fill('nothing secret')
  await watch.assertClean('after')
})

/** A cipher whose key can change while the app runs: a locked OS keyring, then unlocked. */
function keyring(key: Uint8Array): Cipher & { unlock(k: Uint8Array): void } {
  let current = key
  return {
    backend: 'node-crypto',
    protects: true,
    encrypt: (p) => new NodeCryptoCipher({ key: current }).encrypt(p),
    decrypt: (d) => new NodeCryptoCipher({ key: current }).decrypt(d),
    unlock: (k) => (current = k),
  }
}

base(
  'secrets and tabs that cannot be decrypted are named, kept, and come back with Try again',
  async ({ browser }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tp-explorer-locked-'))
    const key = randomBytes(32)
    const app = await restartableApp(browser, { dataDir, cipher: new NodeCryptoCipher({ key }) })
    const { start, errors } = app
    try {
      // First run: the default profile's secrets are stored, and one request is left open.
      let { host, page } = await start(new NodeCryptoCipher({ key }))
      await page.getByTestId('nav-workbench').click()
      await page.getByTestId('endpoint-private.reviews.get').click()
      await page.getByTestId('path-reviewId').fill('kept-review-id')
      await page.getByTestId('path-reviewId').blur()
      await expect
        .poll(() => host.services.tabs.load().then((t) => t.json ?? ''))
        .toContain('kept-review-id')
      await page.close({ runBeforeUnload: true })
      await host.close()

      // Second run with the keyring locked (another key): every item is named, nothing is lost.
      const locked = keyring(randomBytes(32))
      ;({ host, page } = await start(locked))
      const watch = new SecretWatch(page, host)
      const notice = page.getByTestId('unreadable')
      await expect(notice).toContainText('Sandbox — API secret could not be decrypted.')
      await expect(notice).toContainText('Sandbox — password could not be decrypted.')
      await expect(notice).toContainText('The requests open last time could not be decrypted.')
      await expect(notice).toContainText('unlock it and choose Try again')
      await expect(notice).not.toContainText('profile:')
      await expect(page.getByTestId('missing-apiSecret')).toHaveText(
        'API secret — could not be decrypted',
      )
      await page.getByTestId('nav-profile').click()
      await expect(page.getByTestId('unreadable-apiSecret')).toContainText('could not be decrypted')
      await watch.assertClean('locked')

      // Try again while still locked: still named, still kept.
      await notice.getByTestId('unreadable-retry').first().click()
      await expect(page.getByTestId('toasts')).toContainText('Still cannot be decrypted')
      await expect(page.getByTestId('unreadable-item')).toHaveCount(3)

      // The keyring is unlocked: Try again brings the secrets and the open request back.
      locked.unlock(key)
      await notice.getByTestId('unreadable-retry').first().click()
      await expect(page.getByTestId('unreadable')).toBeHidden()
      await expect(page.getByTestId('masked-apiSecret')).toBeVisible()
      await page.getByTestId('nav-workbench').click()
      await expect(page.getByTestId('request-tab')).toHaveCount(1)
      await expect(page.getByTestId('url')).toHaveValue(/kept-review-id/)
      await page.getByTestId('nav-token').click()
      await page.getByTestId('run-grant').click()
      await expect(page.getByTestId('token-status')).toHaveText('Valid')
      await watch.assertClean('unlocked')
      await host.close()
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  },
)
