import type { Grant } from './profile'

/**
 * What the renderer may know about tokens and flows: facts and masked values, never a secret.
 * The core produces these (electron/core/token-state.ts, trace.ts).
 */
export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired' | 'sign-in-required' | 'error'

export interface TokenStateSummary {
  status: TokenStatus
  /** The grant of the current token, or the profile's grant when there is none. */
  grant: Grant
  tokenType?: string
  obtainedAt?: number
  expiresAt?: number
  /** When the manager refreshes or re-issues ahead of expiry. */
  refreshDueAt?: number
  hasRefreshToken: boolean
  refreshExpiresAt?: number
  accessTokenMasked?: string
  refreshTokenMasked?: string
  /** The token response with every token and secret masked. */
  rawMasked?: Record<string, unknown>
  autoRefresh: boolean
  lastError?: { code: string; message: string }
}

/** A profile's token state plus what the UI must warn about. */
export interface AuthState extends TokenStateSummary {
  profileId: string
  /** e.g. a missing `state` that was accepted, secrets kept only in memory. */
  warnings: string[]
}

/** One HTTP exchange of a flow. Every field is masked when recorded. */
export interface TraceStep {
  title: string
  /** One sentence for a demo audience: what this step does and why. */
  explanation: string
  request: { method: string; url: string; headers: Record<string, string>; body?: string }
  response?: { status: number; headers: Record<string, string>; body?: string }
  error?: string
  startedAt: number
  durationMs: number
}

export interface FlowTrace {
  id: string
  /** e.g. `client_credentials`, `refresh_token`, `revoke`, `authorization_code`. */
  flow: string
  startedAt: number
  finishedAt?: number
  steps: TraceStep[]
  outcome?: 'success' | 'error'
  error?: string
}

/**
 * Pushed while a token request waits before trying again (`auth:waiting`), so the UI can say why
 * and count down: today only after a 429 from the token endpoint.
 */
export interface AuthWait {
  profileId: string
  reason: 'rate-limited'
  waitMs: number
  /** When the next try goes out (epoch ms). */
  until: number
}

/** The system-browser route: the login page is open in the default browser, waiting for a paste. */
export interface PendingLogin {
  flowId: string
  profileId: string
  grant: 'authorization_code' | 'implicit'
  authorizeUrl: string
  redirectUri: string
}

export type RevealableSecret = 'apiSecret' | 'password' | 'accessToken' | 'refreshToken'

export interface SignOutOutcome {
  state: AuthState
  refreshRevoked?: boolean
  accessRevoked?: boolean
  errors: string[]
}

export interface SandboxStatus {
  running: boolean
  apiBase?: string
  invitationsBase?: string
  loginUrl?: string
  error?: string
}

/**
 * One-click sandbox scenarios for demos and support training: each arranges what the next call
 * meets (through the sandbox's own control API) so the app's handling of it can be shown.
 */
export const SANDBOX_DEMOS = [
  'expire-tokens',
  'reject-next-call',
  'rate-limit-token',
  'html-error',
  'slow-call',
  'reset',
] as const
export type SandboxDemo = (typeof SANDBOX_DEMOS)[number]

export interface VaultStatusView {
  backend: string
  protected: boolean
  persisting: boolean
  memoryOnly: number
  /** Things the user must be told: a store file set aside, an item that cannot be decrypted. */
  notices: string[]
  /** Stored items that could not be decrypted: kept, with Try again and Forget offered. */
  unreadable: UnreadableItem[]
}

/** A stored secret, token or tab snapshot that could not be decrypted; its ciphertext is kept. */
export interface UnreadableItem {
  /** Names it for `vault:forget` (an opaque handle, never shown). */
  key: string
  kind: 'secret' | 'token' | 'tabs'
  /** The profile it belongs to (secrets and tokens). */
  profileId?: string
  /** The secret field, for the profile editor to mark. */
  field?: 'apiSecret' | 'password'
  /** What could not be decrypted, by name: "Sandbox — API secret". */
  label: string
  /** What the user can do about it, in one sentence. */
  advice: string
  /** What forgetting it means, e.g. "enter the API secret again in the profile". */
  afterForget: string
}

/** The public API's answer to "Find my business unit id". */
export interface BusinessUnitMatch {
  id: string
  displayName: string
  identifyingName?: string
}
