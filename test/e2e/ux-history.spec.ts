import { test, expect } from './fixtures'
import { sandboxControl } from './ui-helpers'
import { getSandboxToken, openEndpoint } from './ux-helpers'

/** The user's locale's time of day (Chromium here: en-US), the same wherever a time is shown. */
const TIME = /^\d{1,2}:\d{2}:\d{2}\s?(AM|PM)?$/

test('history: a sidebar tab away, each entry with profile, status and time; a cancelled call says cancelled', async ({
  app,
  host,
}) => {
  await getSandboxToken(app)
  await expect(app.getByTestId('token-obtained')).toHaveText(TIME)

  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'delay', delayMs: 5000 })
  await app.getByTestId('send').click()
  await expect(app.getByTestId('send-progress')).toBeVisible()
  await app.getByTestId('url').press('Escape')
  await expect(app.getByTestId('error-panel')).toContainText('Cancelled')

  await app.getByTestId('sidebar-tab-history').click()
  const entries = app.getByTestId('history-entry')
  await expect(entries).toHaveCount(2)
  await expect(entries.first()).toBeInViewport()
  await expect(entries.nth(0).getByTestId('history-status')).toHaveText('cancelled')
  await expect(entries.nth(1).getByTestId('history-status')).toHaveText('200')
  for (const i of [0, 1]) {
    await expect(entries.nth(i).getByTestId('history-profile')).toHaveText('Sandbox')
    await expect(entries.nth(i).getByTestId('history-time')).toHaveText(TIME)
  }

  // The endpoint list is one click back.
  await app.getByTestId('sidebar-tab-endpoints').click()
  await expect(app.getByTestId('endpoint-private.reviews.list')).toBeVisible()
})
