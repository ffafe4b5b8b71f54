import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { NodeCryptoCipher } from '../../electron/core/vault/cipher'
import { allText } from '../unit/helpers/files'
import { bindApi } from './harness/bind'
import { restartableApp } from './harness/restartable'
import { createHarnessHost } from './harness/host'
import { serveStatic } from './harness/static-server'
import { SecretWatch } from './ui-helpers'

const rendererDir = join(import.meta.dirname, '../../out/renderer')
const SECRET = 'partner-SECRET-value-typed-in-the-ui-8c1f'

/** Answers the collections' small name/folder dialog. */
async function answer(page: Page, value: string | null, option?: string): Promise<void> {
  const dialog = page.getByTestId('collections-question')
  await expect(dialog).toBeVisible()
  if (value !== null) await dialog.getByTestId('question-value').fill(value)
  if (option) await dialog.getByTestId('question-option').selectOption({ label: option })
  await dialog.getByTestId('question-confirm').click()
  await expect(dialog).toBeHidden()
}

/** Ctrl/⌘+S on the open tab; the first save asks for a name and folder. */
async function saveInto(page: Page, name: string, folderLabel: string): Promise<void> {
  await page.keyboard.press('Control+s')
  const dialog = page.getByTestId('save-request-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('save-name').fill(name)
  await dialog.getByTestId('save-folder').selectOption({ label: folderLabel })
  await dialog.getByTestId('save-confirm').click()
  await expect(dialog).toBeHidden()
}

/** Every input's and textarea's current value (a typed secret must not linger in one). */
const inputValues = (page: Page): Promise<string[]> =>
  page.$$eval('input, textarea', (els) => els.map((e) => (e as HTMLInputElement).value))

/**
 * Collections through the UI against the sandbox, with a restart in the middle: a second host
 * on the same data folder and cipher key and a fresh browser context, so what reappears was kept
 * by main (the collection files and the vault), not by the renderer.
 */
test('saved requests survive a restart; a chained run passes; a failing check shows; a secret variable is on no file', async ({
  browser,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-explorer-collections-'))
  const key = randomBytes(32)
  const app = await restartableApp(browser, {
    dataDir,
    cipher: new NodeCryptoCipher({ key }),
    acceptDialogs: true,
  })
  const { start, errors } = app

  try {
    // ---- first run: a collection with a folder, two requests saved into it ----
    let { host, page } = await start()
    await page.getByTestId('collections-new').click()
    await answer(page, 'Support')
    await expect(page.getByTestId('collection-Support')).toBeVisible()
    await page.getByTestId('collection-menu-Support').click()
    await page.getByRole('menuitem', { name: 'New folder…' }).click()
    await answer(page, 'Reviews')
    await expect(page.getByTestId('coll-folder-Reviews')).toBeVisible()

    await page.getByTestId('endpoint-private.reviews.list').click()
    await saveInto(page, 'List reviews', 'Support / Reviews')
    await expect(page.getByTestId('saved-where')).toHaveText('Support / Reviews')
    await expect(page.getByTestId('request-tab').first()).toContainText('List reviews')

    await page.getByTestId('endpoint-private.reviews.list').click()
    await page.getByTestId('query-value-perPage').fill('3')
    await saveInto(page, 'Three reviews', 'Support / Reviews')
    await expect(page.getByTestId('coll-request-Three reviews')).toBeVisible()
    await page.close({ runBeforeUnload: true })
    await host.close()

    // ---- restart: both are there ----
    ;({ host, page } = await start())
    const folder = page.getByTestId('coll-folder-Reviews')
    await expect(folder.getByTestId('coll-request-List reviews')).toBeVisible()
    await expect(folder.getByTestId('coll-request-Three reviews')).toBeVisible()

    // Opening a saved request that is already open focuses its tab.
    await page
      .getByTestId('coll-request-List reviews')
      .getByRole('button', { name: /List reviews/ })
      .first()
      .click()
    const tabsBefore = await page.getByTestId('request-tab').count()
    await page
      .getByTestId('coll-request-List reviews')
      .getByRole('button', { name: /List reviews/ })
      .first()
      .click()
    await expect(page.getByTestId('request-tab')).toHaveCount(tabsBefore)

    // A capture on "List reviews": reviews[0].id → reviewId. The tab shows unsaved changes.
    await page.getByTestId('saved-extras-toggle').click()
    await page.getByTestId('add-capture').click()
    await page.getByTestId('capture-variable').fill('reviewId')
    await page.getByTestId('capture-path').fill('reviews[0].id')
    await expect(page.getByTestId('tab-unsaved')).toHaveCount(1)
    await page.keyboard.press('Control+s')
    await expect(page.getByTestId('tab-unsaved')).toHaveCount(0)

    // A failing check on "Three reviews" (the sandbox answers 200).
    await page
      .getByTestId('coll-request-Three reviews')
      .getByRole('button', { name: /Three reviews/ })
      .first()
      .click()
    await page.getByTestId('saved-extras-toggle').click()
    await page.getByTestId('add-check').click()
    await page.getByTestId('check-kind').selectOption('status')
    await page.getByTestId('check-equals').fill('201')
    await page.keyboard.press('Control+s')
    await expect(page.getByTestId('tab-unsaved')).toHaveCount(0)

    // "Get the first review" uses the captured id and a secret collection variable in a header.
    await page.getByTestId('new-request').click()
    await page.getByTestId('url').fill('{{apiBase}}/private/reviews/{{reviewId}}')
    await page.getByTestId('section-headers').click()
    await page.getByTestId('header-add').click()
    await page
      .getByTestId(/^header-name-\d+$/)
      .last()
      .fill('X-Partner')
    await page.getByTestId('header-value-X-Partner').fill('{{partnerKey}}')
    await saveInto(page, 'Get the first review', 'Support / Reviews')

    // The secret collection variable, typed in the UI.
    await page.getByTestId('collection-open-Support').click()
    await page.getByTestId('collection-vars-add').click()
    const row = page.getByTestId('collection-vars-row').last()
    await row.getByTestId('var-name').fill('partnerKey')
    await row.getByTestId('var-secret').check()
    await row.getByTestId('var-value').fill(SECRET)
    await page.getByTestId('collection-vars-save').click()
    await expect(
      page.getByTestId('collection-vars-row').last().getByTestId('var-value'),
    ).toHaveAttribute('placeholder', /•+.*\(type to replace\)/)
    expect(await inputValues(page)).not.toContain(SECRET)

    // The builder says where {{partnerKey}}'s header value and {{reviewId}} come from.
    await page
      .getByTestId('coll-request-Get the first review')
      .getByRole('button', { name: /Get the first review/ })
      .first()
      .click()
    await expect(
      page.getByTestId('url-preview').locator('[data-scope="collection"]'),
    ).toHaveAttribute('title', /reviewId.*collection variables/)

    await expect(page.getByTestId('uses-partnerKey')).toHaveAttribute('data-scope', 'collection')
    await expect(page.getByTestId('uses-apiBase')).toHaveAttribute('data-scope', 'built-in')
    await expect(page.getByTestId('variable-uses')).not.toContainText(SECRET)

    // ---- the runner: list → get the first review, with no value typed by hand ----
    await page.getByTestId('collection-open-Support').click()
    await page.getByTestId('run-target').selectOption({ label: 'Folder: Reviews' })
    await page.getByTestId('run-start').click()
    await expect(page.getByTestId('run-summary')).toContainText('Finished: 2 passed, 1 failed')
    await expect(page.getByTestId('run-row-List reviews')).toHaveAttribute('data-ok', 'true')
    await expect(page.getByTestId('run-row-Get the first review')).toHaveAttribute(
      'data-ok',
      'true',
    )
    await expect(page.getByTestId('run-row-Get the first review')).toContainText('200')
    const failing = page.getByTestId('run-row-Three reviews')
    await expect(failing).toHaveAttribute('data-ok', 'false')
    await expect(failing).toContainText('✗ failed: status 201 (got 200)')

    // The results link to each response.
    await page.getByTestId('run-open-Get the first review').click()
    await expect(page.getByTestId('response-status')).toHaveText('200 OK')
    await expect(page.getByTestId('response').locator('.cm-content')).toContainText('"id"')

    // The secret: not in the page, not in any input, not in any file under the data folder.
    const watch = new SecretWatch(page, host)
    watch.add(SECRET)
    await watch.assertClean('after the run')
    expect(await inputValues(page)).not.toContain(SECRET)
    await page.close({ runBeforeUnload: true })
    await host.close()
    const onDisk = allText(dataDir)
    expect(onDisk).toContain('Get the first review') // the files are there…
    expect(onDisk).not.toContain(SECRET) // …and the secret is in none of them, history included
  } finally {
    await app.close()
  }
  expect(errors, 'uncaught errors in the renderer').toEqual([])
})

test('Open folder… opens a team folder; damaged files are listed; outside changes show up; move by drag and drop; delete with undo', async ({
  browser,
}) => {
  const server = await serveStatic(rendererDir)
  const team = mkdtempSync(join(tmpdir(), 'tp-team-repo-'))
  writeFileSync(join(team, 'collection.yaml'), 'version: 1\nname: Team\n')
  writeFileSync(
    join(team, 'ping.yaml'),
    'version: 1\nname: Ping\nmethod: GET\nurl: "{{apiBase}}/private/business-units/{{businessUnitId}}/reviews"\n',
  )
  writeFileSync(join(team, 'future.yaml'), 'version: 9\nname: From the future\n')
  mkdirSync(join(team, 'archive'))
  writeFileSync(join(team, 'archive', 'folder.yaml'), 'version: 1\nname: Archive\n')
  const context = await browser.newContext()
  const errors: string[] = []
  const host = await createHarnessHost({
    appOrigin: server.origin,
    context: () => context,
    chooseFolder: async () => team,
  })
  try {
    const page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await bindApi(page, host)
    await page.goto(`${server.origin}/index.html`)
    await page.getByTestId('collections-open-folder').click()
    const collection = page.getByTestId('collection-Team')
    await expect(collection.getByTestId('coll-request-Ping')).toBeVisible()
    await page.getByTestId('collection-damaged-Team').click()
    await expect(collection).toContainText('future.yaml')
    await expect(collection).toContainText('unknown version 9')
    expect(readFileSync(join(team, 'future.yaml'), 'utf8')).toBe(
      'version: 9\nname: From the future\n',
    )

    // Another program (git, an editor) adds a request: it shows up without a restart.
    writeFileSync(
      join(team, 'added.yaml'),
      'version: 1\nname: Added outside\nmethod: GET\nurl: "{{apiBase}}/x"\n',
    )
    await expect(collection.getByTestId('coll-request-Added outside')).toBeVisible()

    // Drag "Ping" onto the Archive folder.
    await collection
      .getByTestId('coll-request-Ping')
      .locator('.coll-row')
      .dragTo(collection.getByTestId('coll-folder-Archive').locator('.coll-row').first())
    await expect(
      collection.getByTestId('coll-folder-Archive').getByTestId('coll-request-Ping'),
    ).toBeVisible()
    expect(existsSync(join(team, 'archive', 'ping.yaml'))).toBe(true)

    // Delete, then undo.
    await page.getByTestId('item-menu-Added outside').click()
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await expect(collection.getByTestId('coll-request-Added outside')).toHaveCount(0)
    expect(existsSync(join(team, 'added.yaml'))).toBe(false)
    await page.getByTestId('collections-undo').click()
    await expect(collection.getByTestId('coll-request-Added outside')).toBeVisible()
    expect(existsSync(join(team, 'added.yaml'))).toBe(true)
  } finally {
    await host.close()
    await context.close()
    await server.close()
  }
  expect(errors, 'uncaught errors in the renderer').toEqual([])
})
