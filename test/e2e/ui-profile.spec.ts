import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { SecretWatch } from './ui-helpers'

test('create a profile with inline validation, find the business unit id, get a token, export and import', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('new-profile').click()
  const editor = app.getByTestId('profile-editor')
  await expect(editor).toContainText('New profile')
  await app.getByTestId('input-name').fill('Support demo')
  await app.getByTestId('env-sandbox').check({ force: true })
  await app.getByTestId('input-apiKey').fill(SANDBOX_DEFAULTS.apiKey)
  await app.getByTestId('input-apiSecret').fill(SANDBOX_DEFAULTS.apiSecret)
  await app.getByTestId('input-username').fill(SANDBOX_DEFAULTS.username)
  await app.getByTestId('input-password').fill(SANDBOX_DEFAULTS.password)

  // Inline validation: Trustpilot (and the sandbox) only accept an https redirect URI.
  await app.getByTestId('input-redirectUri').fill('http://tp-explorer.example/oauth/callback')
  await expect(app.getByTestId('msg-redirectUri')).toHaveText(/only accepts an https redirect URI/)
  await expect(app.getByTestId('save-profile')).toBeDisabled()
  await app.getByTestId('input-redirectUri').fill('not a url')
  await expect(app.getByTestId('msg-redirectUri')).toHaveText(/not a valid URL/)
  await app.getByTestId('input-redirectUri').fill(SANDBOX_DEFAULTS.redirectUri)
  await expect(app.getByTestId('msg-redirectUri')).toHaveCount(0)
  await watch.assertClean('typed secrets')

  await app.getByTestId('save-profile').click()
  await expect(editor).toContainText('Profile: Support demo')
  await expect(app.getByTestId('profile-Support demo')).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByTestId('masked-apiSecret')).toHaveValue('••••cret')
  await expect(app.getByTestId('sb-profile')).toContainText('Support demo')
  await watch.assertClean('saved profile')

  // Reveal is explicit and temporary; copy goes through main.
  await app.getByTestId('copy-apiSecret').click()
  await expect.poll(() => host.clipboard.text).toBe(SANDBOX_DEFAULTS.apiSecret)
  await app.getByTestId('reveal-apiSecret').click()
  await expect(app.getByTestId('secret-revealed')).toHaveValue(SANDBOX_DEFAULTS.apiSecret)
  await app.getByTestId('input-name').focus()
  await expect(app.getByTestId('secret-revealed')).toHaveCount(0)
  await watch.assertClean('after reveal')

  // "Find my business unit id" asks the public API and fills the field.
  await app.getByTestId('bu-domain').fill('sandbox-shop.example')
  await app.getByTestId('bu-find').click()
  await expect(app.getByTestId('bu-result')).toContainText(SANDBOX_DEFAULTS.businessUnitId)
  await expect(app.getByTestId('input-businessUnitId')).toHaveValue(SANDBOX_DEFAULTS.businessUnitId)
  await app.getByTestId('save-profile').click()
  await expect(editor).not.toContainText('Unsaved changes')

  // A token with the new profile.
  await app.getByTestId('nav-token').click()
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await watch.assertClean('token for the new profile')

  // Export (no secrets) and import it back.
  await app.getByTestId('open-transfer').click()
  await app.getByTestId('do-export').click()
  const exported = await app.getByTestId('export-text').inputValue()
  expect(exported).toContain('"name": "Support demo"')
  expect(exported).not.toContain(SANDBOX_DEFAULTS.apiSecret)
  expect(exported).not.toContain(SANDBOX_DEFAULTS.password)
  await app.getByTestId('import-text').fill(exported)
  await app.getByTestId('do-import').click()
  await expect(app.getByTestId('transfer-dialog')).toBeHidden()
  await expect(app.getByTestId('profile-Support demo (2)')).toBeVisible()
  await watch.assertClean('export and import')
})

test('the grant picker highlights missing fields and links to them', async ({ app, host }) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('new-profile').click()
  await app.getByTestId('input-name').fill('Half done')
  await app.getByTestId('env-sandbox').check({ force: true })
  await app.getByTestId('input-apiKey').fill(SANDBOX_DEFAULTS.apiKey)
  await app.getByTestId('save-profile').click()
  await expect(app.getByTestId('profile-editor')).toContainText('Profile: Half done')

  await app.getByTestId('nav-token').click()
  await app.getByTestId('grant-password').click()
  await expect(app.getByTestId('run-grant')).toBeDisabled()
  await expect(app.getByTestId('missing-username')).toBeVisible()
  await expect(app.getByTestId('missing-password')).toBeVisible()
  await app.getByTestId('missing-username').click()
  await expect(app.getByTestId('input-username')).toBeFocused()
  await watch.assertClean('missing fields')
})

test('keyboard: help overlay with ? and Esc, search with Ctrl+K, theme switch', async ({ app }) => {
  await app.locator('body').press('?')
  const help = app.getByTestId('shortcuts-help')
  await expect(help).toBeVisible()
  await expect(help.getByRole('dialog')).toContainText('Refresh the token now')
  await expect(app.getByTestId('close-help')).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(help).toBeHidden()

  await app.keyboard.press('Control+k')
  await expect(app.getByTestId('search')).toBeFocused()
  await app.keyboard.type('nothing like this')
  await expect(app.getByText('No profile matches.')).toBeVisible()

  await app.getByTestId('theme-toggle').click()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light')
  await app.getByTestId('theme-toggle').click()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark')
})
