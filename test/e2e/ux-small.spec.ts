import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { openEndpoint } from './ux-helpers'

test('code spans in messages are shown as code, never as literal backticks', async ({
  app,
  host,
}) => {
  await app.getByTestId('grant-implicit').click()
  await app.getByTestId('run-grant').click()
  const login = await host.login.nextPage()
  await login.getByRole('button', { name: 'Continue with Google' }).click()
  // The confirmation names the missing value as code too, then the token panel does.
  const confirm = app.getByTestId('confirm-missing-state')
  await expect(confirm.locator('code', { hasText: 'state' }).first()).toBeVisible()
  await expect(confirm).not.toContainText('`')
  await app.getByTestId('accept-missing-state').click()
  const warnings = app.getByTestId('token-warnings')
  await expect(warnings).toContainText('without the state value')
  await expect(warnings).not.toContainText('`')
  await expect(warnings.locator('code', { hasText: 'state' }).first()).toBeVisible()
})

test('the default badge stays inside its grant button when a warning dot shows', async ({
  app,
  host,
}) => {
  await app.setViewportSize({ width: 900, height: 600 })
  await host.services.profiles.save({
    name: 'No secret',
    environment: { kind: 'sandbox' },
    apiKey: SANDBOX_DEFAULTS.apiKey,
    defaultGrant: 'client_credentials',
  })
  await app.reload()
  await app.getByTestId('profile-No secret').click()
  const option = app.getByTestId('grant-client_credentials')
  await expect(option.locator('.dot.warn')).toBeVisible()
  const button = (await option.boundingBox())!
  const badge = (await option.locator('.badge').boundingBox())!
  expect(badge.x + badge.width).toBeLessThanOrEqual(button.x + button.width)
  const name = (await option.locator('.grant-name').boundingBox())!
  expect(name.x + name.width, 'the name runs under the dot and badge').toBeLessThanOrEqual(
    (await option.locator('.dot.warn').boundingBox())!.x,
  )
})

test('a new profile opens at the top with nothing marked red until something is typed', async ({
  app,
}) => {
  await app.setViewportSize({ width: 900, height: 600 })
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await app.getByTestId('main').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await app.getByTestId('new-profile').click()
  const editor = app.getByTestId('profile-editor')
  await expect(editor).toContainText('New profile')
  expect(await app.getByTestId('main').evaluate((el) => el.scrollTop)).toBe(0)
  await expect(editor.locator('.invalid, .missing, .field-msg.error')).toHaveCount(0)

  await app.getByTestId('input-redirectUri').fill('not a url')
  await expect(app.getByTestId('msg-redirectUri')).toHaveText(/not a valid URL/)
  await expect(app.getByTestId('input-redirectUri')).toHaveClass(/invalid/)
  // Fields not typed in yet stay quiet.
  await expect(app.getByTestId('input-name')).not.toHaveClass(/invalid/)
})

test('the snippet dialog names the token panel’s Copy button as it is labelled', async ({
  app,
}) => {
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('copy-access')).toHaveText('Copy')
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('open-snippets').click()
  const dialog = app.getByTestId('snippet-dialog')
  await expect(dialog).toContainText('the “Copy” button beside it in the Token view')
  await expect(dialog).not.toContainText('Copy access token')
})

test('the native file picker follows the dark theme chosen in the app', async ({ app }) => {
  const toggle = app.getByTestId('theme-toggle')
  while (!((await toggle.textContent()) ?? '').includes('dark')) await toggle.click()
  await app.getByTestId('open-transfer').click()
  const file = app.getByTestId('transfer-dialog').locator('input[type="file"]')
  const colours = await file.evaluate((el) => {
    const picker = getComputedStyle(el, '::file-selector-button')
    const button = getComputedStyle(document.querySelector('[data-testid="do-export"]')!)
    return { picker: picker.backgroundColor, button: button.backgroundColor, text: picker.color }
  })
  expect(colours.picker).toBe(colours.button)
  expect(colours.text).toBe(
    await app.getByTestId('do-export').evaluate((el) => getComputedStyle(el).color),
  )
})

test('a path parameter typed just before Ctrl+Enter is sent, no blur needed', async ({ app }) => {
  await openEndpoint(app, 'private.reviews.get')
  await app.getByTestId('path-reviewId').fill('typed-then-sent')
  await app.keyboard.press('Control+Enter')
  await expect(app.getByTestId('response-status')).toBeVisible()
  await app.getByTestId('response-request-tab').click()
  await expect(app.getByTestId('request-echo')).toContainText('/private/reviews/typed-then-sent')
  await expect(app.getByTestId('path-reviewId')).toHaveValue('typed-then-sent')
})
