import type { AuthState, FlowTrace } from '../../electron/shared/auth'
import type { ProfileView } from '../../electron/shared/profile'

/** Values that must never appear in rendered HTML (the fake main never sends them, but the tests check). */
export const SECRET = 'super-secret-api-secret-value'
export const PASSWORD = 'hunter2-password-value'
export const ACCESS = 'tpa-AAAAAAAAAAAAAAAAAAAAAAAA1234'

export function profileView(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    name: 'Sandbox',
    environment: { kind: 'sandbox' },
    apiKey: 'key-123',
    username: 'demo@example.com',
    redirectUri: 'https://app.example/cb',
    businessUnitId: '',
    businessUserId: '',
    clientAuth: 'basic',
    defaultGrant: 'client_credentials',
    rememberLogin: false,
    secrets: {
      apiSecret: { set: true, masked: '••••alue' },
      password: { set: true, masked: '••••alue' },
    },
    ...over,
  }
}

export function authState(now: number, over: Partial<AuthState> = {}): AuthState {
  return {
    profileId: 'p1',
    status: 'valid',
    grant: 'password',
    tokenType: 'BearerToken',
    obtainedAt: now,
    expiresAt: now + 360_000_000,
    refreshDueAt: now + 0.72 * 360_000_000,
    hasRefreshToken: true,
    refreshExpiresAt: now + 7_776_000_000,
    accessTokenMasked: 'tpa-••••1234',
    refreshTokenMasked: 'tpr-••••5678',
    rawMasked: { access_token: 'tpa-••••1234', expires_in: '360000' },
    autoRefresh: true,
    warnings: [],
    ...over,
  }
}

export const noToken = (): AuthState => ({
  profileId: 'p1',
  status: 'none',
  grant: 'client_credentials',
  hasRefreshToken: false,
  autoRefresh: true,
  warnings: [],
})

export function trace(now: number): FlowTrace {
  return {
    id: 't1',
    flow: 'client_credentials',
    startedAt: now,
    finishedAt: now + 42,
    outcome: 'success',
    steps: [
      {
        title: 'Request a token (client credentials)',
        explanation: 'The app proves who it is with its API key and secret.',
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:1/v1/oauth/oauth-business-users-for-applications/accesstoken',
          headers: { authorization: 'Basic base64(key-123:••••alue)' },
          body: 'grant_type=client_credentials',
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"access_token":"tpa-••••1234"}',
        },
        startedAt: now,
        durationMs: 42,
      },
    ],
  }
}
