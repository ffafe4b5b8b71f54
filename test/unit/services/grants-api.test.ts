import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import { VaultTokenStore } from '../../../electron/core/vault/vault-token-store'
import { SANDBOX_DEFAULTS } from '../../../electron/sandbox/index'
import type { AuthState } from '../../../electron/shared/auth'
import type { IpcResult } from '../../../electron/shared/result'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { HttpLoginWindow } from '../helpers/http-login-window'

/**
 * `auth:get-token` for every grant, through the real dispatcher and the real sandbox, as the
 * renderer calls it: the result is masked, and the token is in the vault. (The same journeys
 * through the UI are test/e2e/auth-grants.spec.ts.)
 */
const ORIGIN = 'app://explorer'
const sender = { present: true, isMainFrame: true, url: `${ORIGIN}/index.html` }
const creds = { username: SANDBOX_DEFAULTS.username, password: SANDBOX_DEFAULTS.password }

describe('auth:get-token for every grant (API level)', () => {
  let app: TestApp
  let dispatch: Dispatch
  const login = new HttpLoginWindow(creds)

  beforeEach(async () => {
    login.action = 'signin'
    app = await createTestApp({ loginWindow: login })
    dispatch = createDispatcher(createHandlers(app.services), { allowedOrigins: [ORIGIN] })
  })
  afterEach(async () => {
    await app.services.dispose()
  })

  const getToken = (grant: string) =>
    dispatch('auth:get-token', sender, {
      profileId: app.sandboxProfileId,
      grant,
    }) as Promise<IpcResult<AuthState>>

  for (const grant of [
    'client_credentials',
    'password',
    'authorization_code',
    'implicit',
  ] as const) {
    it(`${grant}: valid, masked, stored`, async () => {
      const result = await getToken(grant)
      expect(result).toMatchObject({
        ok: true,
        value: {
          status: 'valid',
          grant,
          hasRefreshToken: grant === 'password' || grant === 'authorization_code',
        },
      })
      const token = await new VaultTokenStore(app.services.vault).load(app.sandboxProfileId)
      expect(token?.accessToken).toMatch(/^tpa-/)
      if (!result.ok) return
      expect(JSON.stringify(result.value)).not.toContain(token!.accessToken)
      expect(result.value.accessTokenMasked).toMatch(/^tpa-••••.{4}$/)
    })
  }

  it('a Google sign-in without state asks for confirmation, then auth:confirm-login finishes it', async () => {
    login.action = 'google'
    const asked = await getToken('authorization_code')
    expect(asked).toMatchObject({ ok: false, error: { code: 'confirm-missing-state' } })
    if (asked.ok) return
    const { flowId } = asked.error.details as { flowId: string }
    const confirmed = (await dispatch('auth:confirm-login', sender, {
      flowId,
    })) as IpcResult<AuthState>
    expect(confirmed).toMatchObject({ ok: true, value: { status: 'valid' } })
    if (confirmed.ok) expect(confirmed.value.warnings.join(' ')).toMatch(/you confirmed/)
  })

  it('Cancel on the login page ends the flow with access_denied', async () => {
    login.action = 'cancel'
    expect(await getToken('implicit')).toMatchObject({
      ok: false,
      error: { code: 'access-denied' },
    })
  })
})
