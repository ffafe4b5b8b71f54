import { test, expect } from './fixtures'
import { openEndpoint } from './ux-helpers'

test('an endpoint already open and unedited is focused, not opened twice; labels tell tabs apart', async ({
  app,
  host,
}) => {
  const tabs = app.getByTestId('request-tab')
  await openEndpoint(app, 'private.reviews.list')
  await openEndpoint(app, 'private.reviews.get')
  await expect(tabs).toHaveCount(2)
  await openEndpoint(app, 'private.reviews.list')
  await expect(tabs).toHaveCount(2)
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true')

  // Method, then the last meaningful path part and the query; the full URL in the tooltip.
  await expect(tabs.nth(0).getByTestId('tab-label')).toHaveText('reviews')
  await expect(tabs.nth(1).getByTestId('tab-label')).toHaveText('reviews/{reviewId}')
  const apiBase = host.services.sandbox.current()!.apiBase!
  await expect(tabs.nth(0)).toHaveAttribute(
    'title',
    new RegExp(
      `GET ${apiBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/private/business-units/\\w+/reviews\\?`,
    ),
  )

  // Once edited, picking the endpoint again opens a fresh tab.
  await app.getByTestId('url').fill(`${await app.getByTestId('url').inputValue()}?x=1`)
  await openEndpoint(app, 'private.reviews.list')
  await expect(tabs).toHaveCount(3)
})

test('Ctrl+W closes the tab (not the window), Ctrl+Tab and Ctrl+Shift+Tab switch, Ctrl+Shift+T reopens', async ({
  app,
}) => {
  const tabs = app.getByTestId('request-tab')
  await openEndpoint(app, 'private.reviews.list')
  await openEndpoint(app, 'private.reviews.get')
  await openEndpoint(app, 'private.invitations.templates')
  await expect(tabs).toHaveCount(3)
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true')

  await app.keyboard.press('Control+Tab')
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Control+Shift+Tab')
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true')

  await app.keyboard.press('Control+w')
  await expect(tabs).toHaveCount(2)
  expect(app.isClosed()).toBe(false)
  await app.keyboard.press('Control+Shift+T')
  await expect(tabs).toHaveCount(3)
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true')
  await expect(tabs.nth(2).getByTestId('tab-label')).toHaveText('templates')

  await app.keyboard.press('Shift+?')
  const help = app.getByTestId('shortcuts-help')
  await expect(help).toContainText('Close the current request tab')
  await expect(help).toContainText('Reopen the last closed request tab')
  await expect(help).toContainText('Ctrl+Tab')
})
