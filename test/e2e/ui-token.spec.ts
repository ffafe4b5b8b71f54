import { test, expect } from './fixtures'
import { SecretWatch, sandboxControl } from './ui-helpers'

test('first run: a token with client credentials on the Sandbox profile, countdown, refresh, revoke, trace', async ({
  app,
  host,
}) => {
  // A fake clock in the page (time still flows) so the countdown can be fast-forwarded.
  await app.clock.install()
  await app.reload()
  const watch = new SecretWatch(app, host)

  await expect(app.getByTestId('first-run')).toBeVisible()
  await expect(app.getByTestId('sb-profile')).toContainText('Sandbox')
  await expect(app.getByTestId('grant-client_credentials')).toHaveAttribute('aria-checked', 'true')
  await expect(app.getByTestId('no-token')).toBeVisible()
  await watch.assertClean('start')

  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await expect(app.getByTestId('token-grant')).toHaveText('Client credentials')
  await expect(app.getByTestId('access-masked')).toContainText('tpa-••••')
  const first = (await app.getByTestId('access-countdown').textContent())?.trim() ?? ''
  expect(first).toMatch(/^(99 h 59 min|100 h 0 min)$/)
  await expect(app.getByTestId('sb-token')).toContainText('left')
  await watch.assertClean('client credentials token')

  // The raw response is shown with tokens masked.
  await app.getByText('Raw response (tokens masked)').click()
  await expect(app.getByTestId('raw-response')).toContainText('"access_token": "tpa-••••')
  await watch.assertClean('raw response')

  // The countdown and the status bar follow the clock.
  await app.clock.fastForward('02:00:00')
  await expect(app.getByTestId('access-countdown')).toHaveText(/^9[78] h \d+ min$/)
  await expect(app.getByTestId('sb-token')).toContainText(/9[78] h \d+ min left/)

  // Copy goes through main: the clipboard gets the real token, the page never does.
  await app.getByTestId('copy-access').click()
  await expect.poll(() => host.clipboard.text).toMatch(/^tpa-/)
  watch.add(host.clipboard.text)
  await watch.assertClean('copy')

  // Refresh now re-issues (client credentials has no refresh token): a different token.
  const before = await app.getByTestId('access-masked').textContent()
  await expect(app.getByTestId('refresh-warning')).toBeVisible()
  await app.getByTestId('refresh-now').click()
  await expect(app.getByTestId('access-masked')).not.toHaveText(before ?? '')
  await watch.assertClean('refresh')

  // The flow trace shows the last flow, step by step.
  await app.getByTestId('nav-trace').click()
  await expect(app.getByTestId('trace-outcome')).toHaveText('success')
  const steps = app.getByTestId('trace-step')
  await expect(steps).toHaveCount(1)
  await expect(steps.first()).toContainText('Request a token (client credentials)')
  await expect(steps.first()).toContainText('200')
  await steps.first().getByText('Request and response').click()
  await expect(steps.first()).toContainText('Basic base64(sandbox-demo-api-key:••••')
  await watch.assertClean('trace')

  // Revoke: the tokens are gone here, and the trace shows the revocation.
  await app.getByTestId('nav-token').click()
  await app.getByTestId('revoke').click()
  await expect(app.getByTestId('no-token')).toBeVisible()
  await expect(app.getByTestId('sb-token')).toContainText('no token')
  await app.getByTestId('nav-trace').click()
  await expect(app.getByTestId('trace-flow')).toHaveText('Revoke')
  await expect(app.getByTestId('trace-step').first()).toContainText('revoke')
  await watch.assertClean('revoke')
  expect(watch.size).toBeGreaterThanOrEqual(4)
})

test('password grant: a refresh token with its own countdown; refresh trades it for a new pair', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('grant-password').click()
  await expect(app.getByTestId('grant-purpose')).toContainText('business user')
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-grant')).toHaveText('Password')
  await expect(app.getByTestId('refresh-masked')).toContainText('tpr-••••')
  await expect(app.getByTestId('refresh-countdown')).toContainText(/expires in \d+ d \d+ h/)
  await watch.assertClean('password token')

  const before = await app.getByTestId('refresh-masked').textContent()
  await app.keyboard.press('Control+r')
  await expect(app.getByTestId('refresh-masked')).not.toHaveText(before ?? '')
  await watch.assertClean('refresh with the keyboard')

  await app.getByTestId('nav-trace').click()
  await expect(app.getByTestId('trace-flow')).toHaveText('Refresh')
  await expect(app.getByTestId('trace-step').first()).toContainText('Refresh the access token')
  await watch.assertClean('refresh trace')
})

test('a 429 from the token endpoint shows a specific message with the raw details one click away', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await sandboxControl(host, '/faults', {
    target: 'token',
    count: 5,
    status: 429,
    retryAfter: '3600',
  })
  await app.keyboard.press('Control+Enter')
  const panel = app.getByTestId('error-panel')
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('429')
  await expect(panel).toContainText('authenticates or refreshes too often')
  await expect(app.getByTestId('error-details')).toBeHidden()
  await panel.getByText('Details', { exact: true }).click()
  await expect(app.getByTestId('error-details')).toContainText('"code": "oauth:rate_limited"')
  await watch.assertClean('429')
  await app.getByTestId('nav-trace').click()
  await expect(app.getByTestId('trace-outcome')).toHaveText('error')
})
