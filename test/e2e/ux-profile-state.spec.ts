import { test, expect } from './fixtures'
import { addOfflineProfile, getSandboxToken } from './ux-helpers'

test('an error from one profile stays with that profile and never shows under another', async ({
  app,
  host,
}) => {
  await addOfflineProfile(app, host)
  await getSandboxToken(app)

  await app.getByTestId('profile-Production').click()
  await expect(app.getByTestId('profile-Production')).toHaveAttribute('aria-selected', 'true')
  await app.getByTestId('run-grant').click()
  const picker = app.getByTestId('grant-picker')
  await expect(picker.getByTestId('error-panel')).toBeVisible()

  await app.getByTestId('profile-Sandbox').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await expect(app.getByTestId('grant-picker').getByTestId('error-panel')).toHaveCount(0)

  // The production error is still there when the user goes back to it.
  await app.getByTestId('profile-Production').click()
  await expect(app.getByTestId('grant-picker').getByTestId('error-panel')).toBeVisible()
})
