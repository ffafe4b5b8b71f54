import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { SANDBOX_DEFAULTS } from '../../electron/sandbox/index'
import { VaultTokenStore } from '../../electron/core/vault/vault-token-store'
import type { AuthState } from '../../electron/shared/auth'
import type { IpcResult } from '../../electron/shared/result'

type Grant = 'client_credentials' | 'password' | 'authorization_code' | 'implicit'

/** Calls auth:get-token from the page, exactly as the renderer does, and returns the result. */
function getToken(app: Page, profileId: string, grant: Grant): Promise<IpcResult<AuthState>> {
  return app.evaluate(
    ([id, g]) =>
      window.api!.authGetToken({ profileId: id, grant: g }) as Promise<IpcResult<AuthState>>,
    [profileId, grant] as const,
  )
}

async function signIn(login: Page, button: 'Log in' | 'Continue with Google' = 'Log in') {
  await login.fill('#username', SANDBOX_DEFAULTS.username)
  await login.fill('#password', SANDBOX_DEFAULTS.password)
  await login.getByRole('button', { name: button }).click()
}

test.describe('every grant for the default Sandbox profile, through the page', () => {
  for (const grant of [
    'client_credentials',
    'password',
    'authorization_code',
    'implicit',
  ] as const) {
    test(grant, async ({ app, host }) => {
      const profileId = host.services.profiles.activeId()!
      const pending = getToken(app, profileId, grant)
      if (grant === 'authorization_code' || grant === 'implicit') {
        // The sandbox's real login page, in the harness's login window (a second page).
        const login = await host.login.nextPage()
        await expect(login).toHaveURL(/response_type=(code|token)/)
        await signIn(login)
      }
      const result = await pending
      expect(result).toMatchObject({
        ok: true,
        value: {
          status: 'valid',
          grant,
          hasRefreshToken: grant === 'password' || grant === 'authorization_code',
        },
      })
      const token = await new VaultTokenStore(host.services.vault).load(profileId)
      expect(token?.accessToken).toMatch(/^tpa-/)
      if (!result.ok) return
      expect(JSON.stringify(result.value)).not.toContain(token!.accessToken)
      expect(result.value.accessTokenMasked).toMatch(/^tpa-••••.{4}$/)
    })
  }

  test('the missing-state Google sign-in is accepted with a warning', async ({ app, host }) => {
    const profileId = host.services.profiles.activeId()!
    const pending = getToken(app, profileId, 'authorization_code')
    await signIn(await host.login.nextPage(), 'Continue with Google')
    const result = await pending
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.value.warnings.join(' ')).toMatch(/without the `state`/)
  })

  test('Cancel on the login page ends the flow with access_denied', async ({ app, host }) => {
    const profileId = host.services.profiles.activeId()!
    const pending = getToken(app, profileId, 'implicit')
    const login = await host.login.nextPage()
    await login.getByRole('button', { name: 'Cancel' }).click()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'access-denied' } })
  })

  test('closing the login window cancels the flow', async ({ app, host }) => {
    const profileId = host.services.profiles.activeId()!
    const pending = getToken(app, profileId, 'authorization_code')
    await (await host.login.nextPage()).close()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } })
  })
})
