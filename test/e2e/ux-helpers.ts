import type { Page } from '@playwright/test'
import { expect } from './fixtures'
import type { HarnessHost } from './harness/host'

/**
 * A "production" profile that cannot reach its token endpoint: a closed port on 127.0.0.1, so the
 * test never touches a real address and fails fast with a network error.
 */
export async function addOfflineProfile(
  app: Page,
  host: HarnessHost,
  name = 'Production',
): Promise<string> {
  const saved = await host.services.profiles.save({
    name,
    environment: {
      kind: 'custom',
      tokenUrl: 'http://127.0.0.1:9/v1/oauth/oauth-business-users-for-applications/accesstoken',
      apiBase: 'http://127.0.0.1:9/v1',
    },
    apiKey: 'offline-key',
    apiSecret: 'offline-secret',
    defaultGrant: 'client_credentials',
  })
  await app.reload()
  await expect(app.getByTestId(`profile-${name}`)).toBeVisible()
  return saved.id
}

export async function getSandboxToken(app: Page): Promise<void> {
  await app.getByTestId('nav-token').click()
  await app.getByTestId('run-grant').click()
  await expect(app.getByTestId('token-status')).toHaveText('Valid')
}

export async function openEndpoint(app: Page, id: string): Promise<void> {
  await app.getByTestId('catalogue-search').fill('')
  await app.getByTestId(`endpoint-${id}`).click()
  await expect(app.getByTestId('workbench')).toBeVisible()
}
