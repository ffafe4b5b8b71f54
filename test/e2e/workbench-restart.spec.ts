import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, type BrowserContext, type Page } from '@playwright/test'
import { HISTORY_FILE } from '../../electron/core/workbench/history'
import { NodeCryptoCipher } from '../../electron/core/vault/cipher'
import { bindApi } from './harness/bind'
import { createHarnessHost, type HarnessHost } from './harness/host'
import { serveStatic } from './harness/static-server'
import { SecretWatch } from './ui-helpers'

const rendererDir = join(import.meta.dirname, '../../out/renderer')

/**
 * "Restart": a second host on the same data folder and cipher key (main's stores, history and
 * vault survive), and a fresh page in the same browser context (the renderer's localStorage
 * survives, as Electron keeps it in the profile folder).
 */
test('history and unsent edits survive a restart; a damaged history line is skipped and reported', async ({
  browser,
}) => {
  const server = await serveStatic(rendererDir)
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-explorer-restart-'))
  const key = randomBytes(32)
  const context: BrowserContext = await browser.newContext()
  const errors: string[] = []

  async function start(): Promise<{ host: HarnessHost; page: Page }> {
    const host = await createHarnessHost({
      appOrigin: server.origin,
      context: () => context,
      dataDir,
      cipher: new NodeCryptoCipher({ key }),
    })
    const page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await bindApi(page, host)
    await page.goto(`${server.origin}/index.html`)
    return { host, page }
  }

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
    await watch.assertClean('first run')
    await page.close({ runBeforeUnload: true })
    await host.close()
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
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await expect(page.getByTestId('history-entry')).toContainText('200')
    await expect(page.getByTestId('history-damaged')).toContainText('1 damaged line skipped')

    // Re-open and re-send from history.
    await page.getByTestId('history-search').fill('reviews')
    await expect(page.getByTestId('history-entry')).toHaveCount(1)
    await page.getByTestId('history-open').click()
    await expect(page.getByTestId('request-tab')).toHaveCount(3)
    await expect(page.getByTestId('query-value-perPage')).toHaveValue('2')
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
    await context.close()
    await server.close()
  }
  expect(errors, 'uncaught errors in the renderer').toEqual([])
})
