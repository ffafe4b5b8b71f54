import type { Page } from '@playwright/test'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { sandboxControl } from './ui-helpers'
import { test, expect } from './fixtures'

/** An ordinary sign-in on the sandbox login page (it keeps `state`, so nothing to confirm). */
async function logIn(login: Page): Promise<void> {
  await login.fill('#username', SANDBOX_DEFAULTS.username)
  await login.fill('#password', SANDBOX_DEFAULTS.password)
  await login.getByRole('button', { name: 'Log in' }).click()
}

test('an implicit token offers Sign in again, no Refresh now and no auto-refresh, and stays Valid', async ({
  app,
  host,
}) => {
  await app.getByTestId('grant-implicit').click()
  await app.getByTestId('run-grant').click()
  await logIn(await host.login.nextPage())
  await expect(app.getByTestId('token-grant')).toHaveText('Implicit')
  const inspector = app.getByTestId('token-inspector')
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await expect(app.getByTestId('refresh-now')).toHaveCount(0)
  await expect(app.getByTestId('sign-in-again')).toBeVisible()
  await expect(inspector).not.toContainText('auto-refresh')

  // Ctrl+R ("refresh the token") has nothing to do here: the working token keeps its status.
  await app.locator('#token-title').click()
  await app.keyboard.press('Control+r')
  await app.getByTestId('grant-refresh').click()
  await expect(app.getByTestId('run-grant')).toBeDisabled()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')

  const before = await app.getByTestId('access-masked').textContent()
  await app.getByTestId('sign-in-again').click()
  await logIn(await host.login.nextPage())
  await expect(app.getByTestId('access-masked')).not.toHaveText(before ?? '')
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
})

test('a client-credentials token keeps Refresh now', async ({ app }) => {
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await expect(app.getByTestId('refresh-now')).toBeEnabled()
  await expect(app.getByTestId('sign-in-again')).toHaveCount(0)
})

test('a 429 wait says why, counts down live, and can be cancelled', async ({ app, host }) => {
  await sandboxControl(host, '/faults', {
    target: 'token',
    count: 1,
    status: 429,
    retryAfter: '4',
  })
  await app.getByTestId('run-grant').click()
  const wait = app.getByTestId('rate-limit-wait')
  await expect(wait).toHaveText(
    /^Trustpilot answered 429 \(too many token requests\); retrying in [34] s$/,
  )
  await expect(wait).toHaveText(/retrying in [12] s$/)
  await app.getByTestId('cancel-login').click()
  await expect(app.getByTestId('progress')).toBeHidden()
  await expect(app.getByTestId('grant-picker').getByTestId('error-panel')).toContainText('Stopped')
  await expect(app.getByTestId('no-token')).toBeVisible()
})
