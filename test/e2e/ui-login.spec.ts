import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { SecretWatch } from './ui-helpers'

async function signIn(
  login: Page,
  button: 'Log in' | 'Continue with Google' | 'Cancel',
): Promise<void> {
  if (button === 'Log in') {
    await login.locator('#username').fill(SANDBOX_DEFAULTS.username)
    await login.locator('#password').fill(SANDBOX_DEFAULTS.password)
  }
  await login.getByRole('button', { name: button }).click()
}

test('authorization code through the login window: tokens, a refresh token, and a three-step trace', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('grant-authorization_code').click()
  await expect(app.getByTestId('run-browser')).toBeVisible()
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('progress')).toContainText('login window')
  await expect(app.getByTestId('cancel-login')).toBeVisible()
  const login = await host.login.nextPage()
  await signIn(login, 'Log in')

  await expect(app.getByTestId('token-grant')).toHaveText('Authorization code')
  await expect(app.getByTestId('refresh-masked')).toContainText('tpr-••••')
  await expect(app.getByTestId('progress')).toBeHidden()
  await expect(app.getByTestId('token-warnings')).toHaveCount(0)
  await watch.assertClean('authorization code')

  await app.getByTestId('nav-trace').click()
  const steps = app.getByTestId('trace-step')
  await expect(steps).toHaveCount(3)
  await expect(steps.nth(0)).toContainText('Open the login page')
  await expect(steps.nth(1)).toContainText('Catch the redirect')
  await expect(steps.nth(2)).toContainText('Exchange the authorization code')
  await steps.nth(2).getByText('Request and response').click()
  await expect(steps.nth(2)).toContainText('grant_type=authorization_code')
  await watch.assertClean('authorization code trace')
})

test('implicit through the login window with the missing-state button: confirmed by the user, and said so', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('grant-implicit').click()
  await expect(app.getByTestId('grant-purpose')).toContainText('directly in the redirect')
  await app.getByTestId('run-grant').click()
  const login = await host.login.nextPage()
  await signIn(login, 'Continue with Google')

  // Never accepted silently, even from the app's own window: the user is asked first.
  const confirm = app.getByTestId('confirm-missing-state')
  await expect(confirm).toContainText('the answer the login window caught')
  await expect(confirm).toContainText('cannot prove')
  await expect(confirm).not.toContainText('no other site')
  await expect(app.getByTestId('no-token')).toBeVisible()
  await watch.assertClean('confirm missing state (window)')
  await app.getByTestId('accept-missing-state').click()

  await expect(app.getByTestId('token-grant')).toHaveText('Implicit')
  await expect(app.getByTestId('token-warnings')).toContainText('without the state value')
  await expect(app.getByTestId('token-warnings')).toContainText('you confirmed')
  await expect(app.getByTestId('refresh-info-row')).toContainText('None')
  await watch.assertClean('implicit')

  await app.getByTestId('nav-trace').click()
  await expect(app.getByTestId('trace-flow')).toHaveText('Implicit')
  await expect(app.getByTestId('trace-step').nth(1)).toContainText('#access_token=tpa-••••')
  await watch.assertClean('implicit trace')
})

test('a login can be cancelled from the app, and a refusal on the login page is explained', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('grant-authorization_code').click()
  await app.getByTestId('run-grant').click()
  await host.login.nextPage()
  await app.getByTestId('cancel-login').click()
  await expect(app.getByTestId('error-panel')).toContainText('Stopped')
  await expect(app.getByTestId('progress')).toBeHidden()

  await app.getByTestId('run-grant').click()
  const login = await host.login.nextPage()
  await signIn(login, 'Cancel')
  await expect(app.getByTestId('error-message')).toContainText('access_denied')
  await expect(app.getByTestId('no-token')).toBeVisible()
  await watch.assertClean('cancelled logins')
})

test('system browser route: paste the address, confirm a missing state, get the token', async ({
  app,
  host,
  context,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('grant-authorization_code').click()
  await app.getByTestId('run-browser').click()
  await expect(app.getByTestId('paste-box')).toBeVisible()
  await expect.poll(() => host.opened.length).toBe(1)

  // Play the system browser: sign in with "Google" (drops state) and read where it lands.
  const browser = await context.newPage()
  const redirect = new URL(SANDBOX_DEFAULTS.redirectUri)
  await browser.route(
    (url) => url.host === redirect.host,
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'landed' }),
  )
  await browser.goto(host.opened[0]!)
  await browser.getByRole('button', { name: 'Continue with Google' }).click()
  await browser.waitForURL((url) => url.host === redirect.host)
  const landed = browser.url()
  await browser.close()
  // The code is in the user's own paste box until the login finishes; after that, nowhere.
  const code = new URL(landed).searchParams.get('code') ?? undefined

  // A wrong paste first: a specific message.
  await app.getByTestId('paste-input').fill('https://example.com/elsewhere?code=x')
  await app.getByTestId('paste-complete').click()
  await expect(app.getByTestId('error-message')).toContainText('not the registered redirect URI')

  await app.getByTestId('paste-input').fill(landed)
  await app.getByTestId('paste-complete').click()
  await expect(app.getByTestId('confirm-missing-state')).toContainText('no state value')
  await watch.assertClean('confirm missing state')
  await app.getByTestId('accept-missing-state').click()

  await expect(app.getByTestId('token-grant')).toHaveText('Authorization code')
  await expect(app.getByTestId('paste-box')).toBeHidden()
  watch.add(code)
  await expect(app.getByTestId('token-warnings')).toContainText('you confirmed')
  await watch.assertClean('system browser login')
})
