import type { Locator } from '@playwright/test'
import { test, expect } from './fixtures'

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox()
  if (!b) throw new Error('not laid out')
  return b
}

const overlap = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

test('toasts cover nothing in the main view, stack, and time out', async ({ app }) => {
  await app.getByTestId('run-grant').click()
  await app.getByTestId('copy-access').click()
  const toasts = app.getByTestId('toasts').locator('.toast')
  await expect(toasts).toHaveCount(2)
  await app.getByText('Raw response (tokens masked)').click()
  await expect(app.getByTestId('raw-response')).toBeVisible()

  const main = await box(app.getByTestId('main'))
  const first = await box(toasts.nth(0))
  const second = await box(toasts.nth(1))
  expect(overlap(first, main), 'a toast covers the main view').toBe(false)
  expect(overlap(second, main), 'a toast covers the main view').toBe(false)
  expect(overlap(first, second), 'toasts are stacked, not piled').toBe(false)

  await app.getByTestId('nav-profile').click()
  const del = await box(app.getByRole('button', { name: 'Delete profile' }))
  expect(overlap(first, del) || overlap(second, del)).toBe(false)

  // Success toasts leave on their own.
  await expect(toasts).toHaveCount(0, { timeout: 8000 })
})
