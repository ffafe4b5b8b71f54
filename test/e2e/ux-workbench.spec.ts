import { test, expect } from './fixtures'
import { sandboxControl } from './ui-helpers'
import { addOfflineProfile, openEndpoint } from './ux-helpers'

test('a new send clears the last response; each response names its profile and host', async ({
  app,
  host,
}) => {
  await addOfflineProfile(app, host)
  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'html', status: 502 })
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toHaveText('502 Bad Gateway')
  const sandboxHost = new URL(host.services.sandbox.current()!.apiBase!).host
  await expect(app.getByTestId('response-source')).toContainText(`From Sandbox · ${sandboxHost}`)

  // The same tab on a profile whose token endpoint cannot be reached: only the new failure shows.
  await app.getByTestId('profile-Production').click()
  await expect(app.getByTestId('profile-Production')).toHaveAttribute('aria-selected', 'true')
  await app.getByTestId('nav-workbench').click()
  await app.getByTestId('send').click()
  await expect(app.getByTestId('error-panel')).toBeVisible()
  await expect(app.getByTestId('response-status')).toHaveCount(0)
  await expect(app.getByTestId('chip-token')).toHaveCount(0)
})

test('after Esc cancels a slow call, no earlier response sits under "Cancelled"', async ({
  app,
  host,
}) => {
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')

  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'delay', delayMs: 5000 })
  await app.getByTestId('send').click()
  await expect(app.getByTestId('send-progress')).toBeVisible()
  await app.getByTestId('url').press('Escape')
  await expect(app.getByTestId('error-panel')).toContainText('Cancelled')
  await expect(app.getByTestId('response-status')).toHaveCount(0)
})

test('invalid JSON: Send says why in its tooltip and takes the user to the whole, uncut error', async ({
  app,
}) => {
  await app.getByTestId('nav-workbench').click()
  await app.getByTestId('new-request').click()
  await app.getByTestId('method').selectOption('POST')
  await app.getByTestId('section-body').click()
  await app.getByTestId('body-kind-json').check()
  await app.getByTestId('body-editor').locator('.cm-content').click()
  await app.keyboard.type('{"stars": 5,, "x": 1')
  await app.getByTestId('section-headers').click()

  const send = app.getByTestId('send')
  await expect(send).toHaveAttribute('title', /^Not sent: JSON error at line 1/)
  await send.click()
  await expect(app.getByTestId('section-body')).toHaveAttribute('aria-selected', 'true')
  const problem = app.getByTestId('json-problem')
  await expect(problem).toContainText('Nothing will be sent until it is fixed.')
  await expect(problem).toBeInViewport({ ratio: 1 })
  await expect(app.getByTestId('send-progress')).toHaveCount(0)
})

test('a send held up by a 429 on its token request says so, counting down, then answers', async ({
  app,
  host,
}) => {
  await sandboxControl(host, '/faults', { target: 'token', count: 1, status: 429, retryAfter: '3' })
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('sb-wait')).toHaveText(
    /^Trustpilot answered 429 \(too many token requests\); retrying in [23] s$/,
  )
  await expect(app.getByTestId('response-status')).toHaveText('200 OK', { timeout: 10_000 })
  await expect(app.getByTestId('sb-wait')).toHaveCount(0)
})
