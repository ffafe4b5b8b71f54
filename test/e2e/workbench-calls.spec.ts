import { execFile } from 'node:child_process'
import type { Page } from '@playwright/test'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { createSeedState } from '../../electron/sandbox/seed-data'
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import { test, expect } from './fixtures'
import type { HarnessHost } from './harness/host'
import { SecretWatch, sandboxControl, sandboxProfileId } from './ui-helpers'
import { sandboxControlHeaders } from '../../electron/shared/sandbox-control'

interface LogEntry {
  method: string
  path: string
  status: number
}

async function sandboxLog(host: HarnessHost): Promise<LogEntry[]> {
  const base = host.services.sandbox.current()!.controlBase
  const res = await fetch(`${base}/log`, { headers: sandboxControlHeaders() })
  return ((await res.json()) as { entries: LogEntry[] }).entries
}

async function openEndpoint(app: Page, id: string): Promise<void> {
  await app.getByTestId('catalogue-search').fill('')
  await app.getByTestId(`endpoint-${id}`).click()
  await expect(app.getByTestId('workbench')).toBeVisible()
}

/** The whole body, through the viewer's Copy button (the viewer itself renders only what shows). */
async function copiedBody(app: Page, host: HarnessHost): Promise<string> {
  host.clipboard.text = ''
  await app.getByTestId('copy-body').click()
  await expect.poll(() => host.clipboard.text).not.toBe('')
  return host.clipboard.text
}

async function send(app: Page): Promise<void> {
  const before = await app.getByTestId('response').getAttribute('data-response-id')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response')).not.toHaveAttribute('data-response-id', before ?? '')
  await expect(app.getByTestId('response-status')).toBeVisible()
}

const seed = createSeedState({
  businessUnitId: SANDBOX_DEFAULTS.businessUnitId,
  businessUserId: SANDBOX_DEFAULTS.businessUserId,
  username: SANDBOX_DEFAULTS.username,
})

test('private reviews from the catalogue: filter by stars and tag, page, see the right reviews', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('catalogue-search').fill('private reviews')
  await expect(app.getByTestId('endpoint-private.reviews.list')).toBeVisible()
  await app.getByTestId('endpoint-private.reviews.list').click()
  await expect(app.getByTestId('url')).toHaveValue(
    '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
  )
  await expect(app.getByTestId('url-preview')).toContainText(SANDBOX_DEFAULTS.businessUnitId)

  // stars=4&stars=5, tagGroup=generic, tagValue=delivery, page 2 of 4 per page.
  await app.getByTestId('query-value-stars').fill('4')
  await app.getByTestId('query-on-stars').check()
  await app.getByTestId('query-add').click()
  const rows = app.getByTestId('query-row')
  const last = (await rows.count()) - 1
  await app.getByTestId(`query-name-${last}`).fill('stars')
  await app.getByTestId('query-value-stars').nth(1).fill('5')
  await app.getByTestId('query-value-tagGroup').fill('generic')
  await app.getByTestId('query-on-tagGroup').check()
  await app.getByTestId('query-value-tagValue').fill('delivery')
  await app.getByTestId('query-on-tagValue').check()
  await app.getByTestId('query-value-page').fill('2')
  await app.getByTestId('query-value-perPage').fill('4')
  await send(app)

  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await expect(app.getByTestId('response-meaning')).toContainText('OK')
  await expect(app.getByTestId('chip-token')).toBeVisible()
  await expect(app.getByTestId('response-notes')).toContainText('Bearer attached')
  await expect(app.getByTestId('response-time')).toContainText('ms')
  await expect(app.getByTestId('response-ttfb')).toContainText('ms')

  const matching = seed.reviews.filter(
    (r) =>
      [4, 5].includes(r.stars) &&
      r.tags.some((t) => t.group === 'generic' && t.value === 'delivery'),
  )
  const expected = matching.slice(4, 8).map((r) => r.id)
  // The pretty view shows the first review at the top; Copy gives the whole body.
  const first = seed.reviews.find((r) => r.id === expected[0])!
  const pretty = app.getByTestId('body-view').locator('.cm-content')
  await expect(pretty).toContainText(`"id": "${first.id}"`)
  await expect(pretty).toContainText(first.consumer.displayName)
  await app.getByTestId('copy-body').click()
  await expect.poll(() => host.clipboard.text).toContain('"reviews"')
  const copied = JSON.parse(host.clipboard.text) as { reviews: { id: string }[] }
  expect(copied.reviews.map((r) => r.id)).toEqual(expected)
  // The request went out as built.
  await app.getByTestId('response-request-tab').click()
  await expect(app.getByTestId('request-echo')).toContainText(
    'reviews?stars=4&page=2&perPage=4&orderBy=createdat.desc&tagGroup=generic&tagValue=delivery&stars=5',
  )
  await expect(app.getByTestId('request-echo')).toContainText('Bearer tpa-••••')
  await watch.assertClean('reviews')

  // A bad URL or JSON is flagged in place and nothing is sent.
  const logBefore = (await sandboxLog(host)).length
  await app.getByTestId('url').fill('api.trustpilot.com/v1/x')
  await expect(app.getByTestId('url-problem')).toContainText('no scheme')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('url')).toHaveAttribute('aria-invalid', 'true')
  expect((await sandboxLog(host)).length).toBe(logBefore)
})

test('reply to a review and see the reply on the next read', async ({ app, host }) => {
  const watch = new SecretWatch(app, host)
  const review = seed.reviews.find((r) => !r.companyReply)!
  await openEndpoint(app, 'private.reviews.reply')
  await expect(app.getByTestId('url-problem')).toContainText('{reviewId}')
  await app.getByTestId('path-reviewId').fill(review.id)
  await app.getByTestId('path-reviewId').press('Enter')
  await expect(app.getByTestId('url')).toHaveValue(`{{apiBase}}/private/reviews/${review.id}/reply`)
  await app.getByTestId('section-body').click()

  // Break the JSON: flagged in place, nothing sent.
  const editor = app.getByTestId('body-editor').locator('.cm-content')
  await editor.click()
  await app.keyboard.press('ControlOrMeta+a')
  await app.keyboard.type('{"message": "Thanks for the review!", ')
  await expect(app.getByTestId('json-problem')).toBeVisible()
  await app.getByTestId('send').click()
  await expect(app.getByTestId('no-response')).toBeVisible()
  await editor.click()
  await app.keyboard.press('ControlOrMeta+a')
  await app.keyboard.type(
    '{"authorBusinessUserId": "{{businessUserId}}", "message": "Thanks for the review!"}',
  )
  await expect(app.getByTestId('json-problem')).toHaveCount(0)
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText(/^201/)

  await openEndpoint(app, 'private.reviews.get')
  await app.getByTestId('path-reviewId').fill(review.id)
  await app.getByTestId('path-reviewId').press('Enter')
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  expect(await copiedBody(app, host)).toContain('Thanks for the review!')
  await expect(app.getByTestId('request-tab')).toHaveCount(2)
  await watch.assertClean('reply')
})

test('email invitation with a client-credentials token, with and without a business user id', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await openEndpoint(app, 'private.invitations.email')
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText(/^20[0-2]/)
  await expect(app.getByTestId('response-notes')).toContainText(
    `x-business-user-id: ${SANDBOX_DEFAULTS.businessUserId} added`,
  )
  await expect(app.getByTestId('response-notes')).toContainText('client-credentials token')

  // Without: clear the profile's business user id; the sandbox refuses and the UI says why.
  await app.getByTestId('nav-profile').click()
  await app.getByTestId('input-businessUserId').fill('')
  await app.getByTestId('save-profile').click()
  await expect.poll(async () => (await host.services.profiles.list())[0]?.businessUserId).toBe('')
  await app.getByTestId('nav-workbench').click()
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText(/^400/)
  await expect(app.getByTestId('response-warning')).toContainText('x-business-user-id')
  expect(await copiedBody(app, host)).toContain('x-business-user-id')
  await watch.assertClean('invitations')
})

test('the status bar’s sandbox demos arrange what the next call meets, for a live demo', async ({
  app,
}) => {
  await app.getByTestId('sandbox-demos').click()
  await expect(app.getByTestId('demos-panel')).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('demos-panel')).toBeHidden()

  await openEndpoint(app, 'private.reviews.list')
  await send(app)
  await expect(app.getByTestId('chip-retried')).toBeHidden()

  await app.getByTestId('sandbox-demos').click()
  await app.getByTestId('demo-expire-tokens').click()
  await expect(app.getByTestId('demos-panel')).toBeHidden()
  await expect(app.getByText('every access token it issued has expired')).toBeVisible()
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await expect(app.getByTestId('chip-retried')).toContainText('Retried after 401')

  await app.getByTestId('sandbox-demos').click()
  await app.getByTestId('demo-html-error').click()
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('502 Bad Gateway')
})

test('an HTML error page where JSON was expected is shown as highlighted source, status explained', async ({
  app,
  host,
}) => {
  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'html', status: 502 })
  await openEndpoint(app, 'private.reviews.list')
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('502 Bad Gateway')
  await expect(app.getByTestId('response-meaning')).toContainText('a proxy got a bad answer')
  const body = app.getByTestId('response').locator('.cm-content')
  await expect(body).toContainText('<h1>502 Service Unavailable</h1>')
  // The HTML language is a chunk loaded on demand (under the app's CSP): its fold gutter shows.
  await expect(app.getByTestId('response').locator('.cm-foldGutter')).toBeVisible()
})

test('a slow answer past the tab’s own timeout is abandoned with a clear message and recorded; Esc cancels', async ({
  app,
  host,
}) => {
  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'delay', delayMs: 3000 })
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('section-options').click()
  await app.getByTestId('timeout').fill('0.5')
  const started = Date.now()
  await app.getByTestId('send').click()
  const panel = app.getByTestId('error-panel')
  await expect(panel).toContainText('The request was not sent or got no answer')
  await expect(app.getByTestId('error-message')).toContainText('within 500 ms')
  expect(Date.now() - started).toBeLessThan(2500)
  await expect(app.getByTestId('history-entry').first()).toContainText('failed')

  // The fault is used up: the same tab, timeout kept, now gets its answer.
  await expect(app.getByTestId('timeout')).toHaveValue('0.5')
  await app.getByTestId('timeout').fill('')
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')

  // Esc cancels a request still waiting (no overlay open).
  await sandboxControl(host, '/faults', { target: 'api', count: 1, kind: 'delay', delayMs: 5000 })
  await app.getByTestId('send').click()
  await expect(app.getByTestId('send-progress')).toBeVisible()
  await app.getByTestId('url').press('Escape')
  await expect(panel).toContainText('Cancelled')
  await expect(app.getByTestId('error-message')).toContainText('cancelled')
  await expect(app.getByTestId('send-progress')).toBeHidden()
})

test('a 401 turns into one token refresh and a successful retry, visibly', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
  await watch.collect()

  // A new client-credentials token from the sandbox supersedes the app's one.
  const sb = host.services.sandbox.current()!
  const res = await fetch(`${sb.apiBase}/oauth/oauth-business-users-for-applications/accesstoken`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${SANDBOX_DEFAULTS.apiKey}:${SANDBOX_DEFAULTS.apiSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  expect(res.status).toBe(200)
  watch.add(((await res.json()) as { access_token: string }).access_token)
  const before = await sandboxLog(host)

  await openEndpoint(app, 'private.reviews.list')
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await expect(app.getByTestId('chip-retried')).toContainText('Retried after 401')
  await expect(app.getByTestId('response-notes')).toContainText('rejected the token')
  const after = (await sandboxLog(host)).slice(before.length)
  expect(after.filter((e) => e.path.includes('/oauth/')).length).toBe(1)
  expect(after.map((e) => e.status)).toEqual([401, 200, 200])
  await watch.assertClean('401 retry')
})

test('Copy as code: the cURL holds no secret and works with the environment variables set', async ({
  app,
  host,
}) => {
  const watch = new SecretWatch(app, host)
  await openEndpoint(app, 'private.reviews.list')
  await app.getByTestId('query-value-perPage').fill('3')
  await send(app)
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await watch.collect()

  await app.getByTestId('open-snippets').click()
  await expect(app.getByTestId('snippet-code')).toContainText('curl')
  await expect(app.getByTestId('snippet-code')).toContainText('$TP_ACCESS_TOKEN')
  await app.getByTestId('snippet-python').click()
  await expect(app.getByTestId('snippet-code')).toContainText('requests')
  await app.getByTestId('snippet-fetch').click()
  await expect(app.getByTestId('snippet-code')).toContainText('fetch(')
  await app.getByTestId('include-secrets').check()
  await expect(app.getByTestId('secrets-warning')).toBeVisible()
  await app.getByTestId('include-secrets').uncheck()
  await app.getByTestId('snippet-curl').click()
  await app.getByTestId('copy-snippet').click()
  await expect.poll(() => host.clipboard.text).toContain('curl')
  const curl = host.clipboard.text
  await watch.assertClean('snippet dialog')

  const profileId = sandboxProfileId(host)
  const token = (await new VaultTokenStore(host.services.vault).load(profileId))!.accessToken
  expect(curl).not.toContain(token)
  expect(curl).not.toContain(SANDBOX_DEFAULTS.apiSecret)
  expect(curl).toContain('TP_ACCESS_TOKEN')

  const run = (env: Record<string, string>) =>
    new Promise<{ stdout: string; code: number }>((resolve) => {
      execFile(
        'bash',
        ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`],
        { env: { PATH: process.env['PATH'] ?? '', ...env } },
        (error, stdout) =>
          resolve({ stdout, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
      )
    })
  expect((await run({ TP_ACCESS_TOKEN: token })).stdout).toBe('200')
  expect((await run({ TP_ACCESS_TOKEN: 'tpa-wrong' })).stdout).toBe('401')
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('snippet-dialog')).toHaveCount(0)
})
