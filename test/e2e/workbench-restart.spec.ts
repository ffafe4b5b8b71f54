import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from '@playwright/test'
import { HISTORY_FILE } from '../../electron/core/workbench/history'
import { NodeCryptoCipher } from '../../electron/core/vault/cipher'
import { findSecretInDir } from '../unit/helpers/files'
import { restartableApp } from './harness/restartable'
import { SecretWatch } from './ui-helpers'

/**
 * "Restart": a second host on the same data folder and cipher key (main's stores, history,
 * vault and open tabs survive) and a fresh browser context, so nothing can come back from the
 * renderer's own storage: what reappears was kept by main.
 */
test('history and unsent edits survive a restart; a damaged history line is skipped and reported', async ({
  browser,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-explorer-restart-'))
  const key = randomBytes(32)
  const TYPED = 'typed-by-hand-e2e-value-0123456789'

  const app = await restartableApp(browser, {
    dataDir,
    cipher: new NodeCryptoCipher({ key }),
  })
  const { start, errors } = app

  try {
    // First run: send a call, then leave an edited, unsent request open.
    let { host, page } = await start()
    let watch = new SecretWatch(page, host)
    await page.getByTestId('endpoint-private.reviews.list').click()
    await page.getByTestId('query-value-perPage').fill('2')
    await page.getByTestId('send').click()
    await expect(page.getByTestId('response-status')).toHaveText('200 OK')
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await page.getByTestId('endpoint-private.reviews.get').click()
    await page.getByTestId('path-reviewId').fill('unsent-edit-review-id')
    await page.getByTestId('path-reviewId').press('Enter')
    await page.getByTestId('method').selectOption('DELETE')
    // A value typed by hand (it could be a pasted token): kept, but never in plain text on disk.
    await page.getByTestId('section-headers').click()
    await page.getByTestId('header-add').click()
    await page
      .getByTestId(/^header-name-\d+$/)
      .last()
      .fill('X-Typed')
    await page.getByTestId('header-value-X-Typed').fill(TYPED)
    await watch.assertClean('first run')
    await page.close({ runBeforeUnload: true })
    await host.close()
    expect(findSecretInDir(dataDir, TYPED)).toEqual([])
    expect(findSecretInDir(dataDir, 'unsent-edit-review-id')).toEqual([])
    // A damaged line in the history file: skipped and reported, never fatal.
    appendFileSync(join(dataDir, HISTORY_FILE), '{"this is": not json\n')

    // Second run.
    ;({ host, page } = await start())
    watch = new SecretWatch(page, host)
    await page.getByTestId('nav-workbench').click()
    await expect(page.getByTestId('request-tab')).toHaveCount(2)
    await expect(page.getByTestId('url')).toHaveValue(
      '{{apiBase}}/private/reviews/unsent-edit-review-id',
    )
    await expect(page.getByTestId('method')).toHaveValue('DELETE')
    await page.getByTestId('section-headers').click()
    await expect(page.getByTestId('header-value-X-Typed')).toHaveValue(TYPED)
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await expect(page.getByTestId('history-entry')).toContainText('200')
    await expect(page.getByTestId('history-damaged')).toContainText('1 damaged line skipped')

    // Re-open and re-send from history (its own tab in the sidebar).
    await page.getByTestId('sidebar-tab-history').click()
    await page.getByTestId('history-search').fill('reviews')
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await page.getByTestId('history-open').click()
    await expect(page.getByTestId('request-tab')).toHaveCount(3)
    await expect(page.getByTestId('query-value-perPage')).toHaveValue('2')
    // With the response it got in the first run, marked as recorded (not sent again).
    await expect(page.getByTestId('chip-recorded')).toContainText('Recorded')
    await expect(page.getByTestId('response-status')).toHaveText('200 OK')
    await expect(page.getByTestId('response').locator('.cm-content')).toContainText('"reviews"')
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await page.getByTestId('history-resend').click()
    await expect(page.getByTestId('request-tab')).toHaveCount(4)
    await expect(page.getByTestId('response-status')).toHaveText('200 OK')
    await page.getByTestId('history-search').fill('')
    await expect(page.getByTestId('history-entry')).toHaveCount(2)
    await page.getByTestId('history-search').fill('no-such-request')
    await expect(page.getByTestId('history-entry')).toHaveCount(0)
    await watch.assertClean('second run')
    await host.close()
  } finally {
    await app.close()
  }
  expect(errors, 'uncaught errors in the renderer').toEqual([])
})
