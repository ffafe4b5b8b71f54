import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import { SecretWatch } from './ui-helpers'

/**
 * Every grant for the default Sandbox profile, as a user gets it: pick the grant, press the
 * button, sign in on the sandbox's real login page when the grant needs it, read the token panel.
 * The API-level checks (each grant's `auth:get-token` result, masked) are unit tests:
 * test/unit/services/grants-api.test.ts.
 */
const LABELS = {
  client_credentials: 'Client credentials',
  password: 'Password',
  authorization_code: 'Authorization code',
  implicit: 'Implicit',
} as const

async function signIn(login: Page, button: 'Log in' | 'Continue with Google' = 'Log in') {
  await login.fill('#username', SANDBOX_DEFAULTS.username)
  await login.fill('#password', SANDBOX_DEFAULTS.password)
  await login.getByRole('button', { name: button }).click()
}

test.describe('every grant for the default Sandbox profile, through the UI', () => {
  for (const grant of [
    'client_credentials',
    'password',
    'authorization_code',
    'implicit',
  ] as const) {
    test(grant, async ({ app, host }) => {
      const watch = new SecretWatch(app, host)
      await app.getByTestId(`grant-${grant}`).click()
      await app.getByTestId('run-grant').click()
      if (grant === 'authorization_code' || grant === 'implicit') {
        // The sandbox's real login page, in the harness's login window (a second page).
        const login = await host.login.nextPage()
        await expect(login).toHaveURL(/response_type=(code|token)/)
        await signIn(login)
      }
      await expect(app.getByTestId('token-status')).toHaveText('Valid')
      await expect(app.getByTestId('token-grant')).toHaveText(LABELS[grant])
      await expect(app.getByTestId('access-masked')).toHaveText(/^tpa-••••.{4}$/)
      const hasRefresh = grant === 'password' || grant === 'authorization_code'
      if (hasRefresh) await expect(app.getByTestId('refresh-masked')).toContainText('tpr-••••')
      else await expect(app.getByTestId('refresh-info-row')).toContainText('None')
      const token = await new VaultTokenStore(host.services.vault).load(
        host.services.profiles.activeId()!,
      )
      expect(token?.accessToken).toMatch(/^tpa-/)
      await watch.assertClean(grant)
    })
  }

  test('the missing-state Google sign-in is used only after the user confirms it', async ({
    app,
    host,
  }) => {
    const watch = new SecretWatch(app, host)
    await app.getByTestId('grant-authorization_code').click()
    await app.getByTestId('run-grant').click()
    await signIn(await host.login.nextPage(), 'Continue with Google')
    await expect(app.getByTestId('confirm-missing-state')).toBeVisible()
    await app.getByTestId('accept-missing-state').click()
    await expect(app.getByTestId('token-status')).toHaveText('Valid')
    await expect(app.getByTestId('token-warnings')).toContainText('without the state value')
    await watch.assertClean('missing state confirmed')
  })

  test('Cancel on the login page ends the flow with access_denied', async ({ app, host }) => {
    await app.getByTestId('grant-implicit').click()
    await app.getByTestId('run-grant').click()
    const login = await host.login.nextPage()
    await login.getByRole('button', { name: 'Cancel' }).click()
    await expect(app.getByTestId('error-message')).toContainText('access_denied')
    await expect(app.getByTestId('no-token')).toBeVisible()
  })

  test('closing the login window cancels the flow', async ({ app, host }) => {
    await app.getByTestId('grant-authorization_code').click()
    await app.getByTestId('run-grant').click()
    await (await host.login.nextPage()).close()
    await expect(app.getByTestId('error-message')).toContainText('closed')
    await expect(app.getByTestId('progress')).toBeHidden()
    await expect(app.getByTestId('no-token')).toBeVisible()
  })
})
