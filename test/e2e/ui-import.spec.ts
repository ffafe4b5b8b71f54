import { join } from 'node:path'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { importFromPath, summarise } from '../../electron/core/import/index'
import { test, expect } from './fixtures'

const FIXTURES = join(import.meta.dirname, '../fixtures/import')

test('import the Bruno fixture through the UI: summary, confirm, open a bearer request, 200 from the sandbox', async ({
  app,
  host,
}) => {
  await app.getByTestId('open-transfer').click()
  await expect(app.getByTestId('import-accepts')).toContainText('Bruno collection folder')
  host.importPicks.push(join(FIXTURES, 'bruno-collection'))
  await app.getByTestId('import-pick-folder').click()

  // The summary: counts, what is left out and why, notes, scripts; nothing written yet.
  const summary = app.getByTestId('import-summary')
  await expect(summary).toContainText('Bruno collection: “Fixture API collection”')
  await expect(app.getByTestId('import-counts')).toContainText('7 requests')
  await expect(app.getByTestId('import-counts')).toContainText('2 folders')
  await expect(app.getByTestId('import-counts')).toContainText('2 scripts')
  await expect(app.getByTestId('import-skipped')).toContainText(
    'request “Tokens / Get Access Token” — the app gets, refreshes and revokes tokens itself',
  )
  await expect(app.getByTestId('import-notes')).toContainText(
    'The collection’s own token script is not needed',
  )
  await expect(app.getByTestId('import-notes')).toContainText('{{baseUrl}} → {{apiBase}}')
  await expect(app.getByTestId('import-scripts')).toContainText(
    '“Invitations / Create invitation”: tests',
  )
  await expect(app.getByTestId('import-requests')).toContainText('Reviews / List reviews')

  await app.getByTestId('import-confirm').click()
  await expect(app.getByTestId('import-done')).toContainText('Imported “Fixture API collection”')
  await expect(app.getByTestId('imported-requests').locator('li')).toHaveCount(7)

  // Export what was imported, then read it back: the same requests.
  const out = join(await mkdtemp(join(tmpdir(), 'ui-export-')), 'fixture.postman_collection.json')
  host.exportPicks.push(out)
  await app.getByTestId('export-postman').click()
  await expect(app.getByText(`Exported to ${out} (no secret values).`)).toBeVisible()
  const before = summarise(await importFromPath(join(FIXTURES, 'bruno-collection'))).requests
  expect(summarise(await importFromPath(out)).requests).toEqual(before)

  // "List reviews" is a bearer request: it becomes the profile's token.
  await app.getByTestId('open-imported-0').click()
  await expect(app.getByTestId('transfer-dialog')).toBeHidden()
  await expect(app.getByTestId('url')).toHaveValue(
    '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
  )
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toContainText('200')

  // It is a collection now, in the sidebar, with its folders.
  const collection = app.getByTestId('collection-Fixture API collection')
  await expect(collection).toBeVisible()
  await expect(app.getByTestId('coll-folder-Reviews')).toBeVisible()
})

test('a non-profile file is recognised and summarised, an unknown one says what it is and what was expected', async ({
  app,
}) => {
  await app.getByTestId('open-transfer').click()
  const postman = await readFile(join(FIXTURES, 'postman-v21.json'), 'utf8')
  await app.getByTestId('import-text').fill(postman)
  await app.getByTestId('do-import').click()
  await expect(app.getByTestId('import-summary')).toContainText(
    'Postman collection: “Fixture Postman collection”',
  )
  await expect(app.getByTestId('import-skipped')).toContainText('the literal password')
  await app.getByTestId('import-cancel').click()
  await expect(app.getByTestId('import-summary')).toBeHidden()

  await app.getByTestId('import-text').fill('{"log": {"version": "1.2", "entries": []}}')
  await app.getByTestId('do-import').click()
  const error = app.getByTestId('error-panel')
  await expect(error).toContainText('Nothing was imported')
  await expect(app.getByTestId('error-message')).toContainText(
    'is not something the app can import: it is a HAR file',
  )
  await expect(app.getByTestId('error-message')).toContainText(
    'The app expected a profile file exported by this app, a Postman collection',
  )
  await error.getByText('Details', { exact: true }).click()
  await expect(app.getByTestId('error-details')).toContainText('"code": "import:unknown-format"')
  await expect(app.getByTestId('error-details')).toContainText('"saw": "it is a HAR file')

  await app.getByTestId('import-text').fill('{"info": {"name": "Broken"}, "item": [,]}')
  await app.getByTestId('do-import').click()
  await expect(app.getByTestId('error-message')).toContainText(
    'The pasted text is not valid JSON at line 1, column',
  )
})

test('a curl line in the URL box becomes the request, with the profile’s token instead of the pasted one', async ({
  app,
  host,
}) => {
  const apiBase = host.services.sandbox.current()!.info.apiBase.replace(/\/$/, '')
  await app.getByTestId('catalogue-search').fill('private reviews')
  await app.getByTestId('endpoint-private.reviews.list').click()
  const url = app.getByTestId('url')
  await url.fill(
    `curl '${apiBase}/private/business-units/{{businessUnitId}}/reviews?perPage=2' \\\n  -H 'Authorization: Bearer tpa-pasted-not-kept' -H 'Accept: application/json'`,
  )
  await expect(app.getByTestId('url-curl-hint')).toBeVisible()
  await expect(app.getByTestId('url-problem')).toBeHidden()
  await url.press('Enter')
  await expect(url).toHaveValue(`${apiBase}/private/business-units/{{businessUnitId}}/reviews`)
  // The catalogue entry the tab was opened from no longer describes it.
  await expect(app.getByTestId('endpoint-info')).toBeHidden()
  await expect(app.getByText('The cURL command became this request.')).toBeVisible()
  await app.getByTestId('send').click()
  await expect(app.getByTestId('response-status')).toContainText('200')
  expect(await app.content()).not.toContain('tpa-pasted-not-kept')
})
