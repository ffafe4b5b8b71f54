import { FAILED_REFRESH_COOLDOWN_MS, MAX_TIMER_MS, realScheduler } from './auto-refresh'
import type { Scheduler } from './auto-refresh'
import { withRateLimitBackoff } from './backoff'
import { environmentOriginCheck } from './environments'
import type { Environment } from './environments'
import type { ClientConfig, FlowContext } from './flows/context'
import {
  authorizationCodeGrant,
  clientCredentialsGrant,
  implicitTokenFromRedirect,
  passwordGrant,
  refreshTokenGrant,
} from './flows/grants'
import { revokeToken } from './flows/revoke'
import { describeErrorResponse, isTokenRejection } from './http/describe-error'
import { sendRequest } from './http/send-request'
import type { FetchLike, HttpRequest, HttpResponse } from './http/types'
import { originOf } from '../shared/url'
import { byName, type Redactor } from './redact'
import { OAuthError } from './oauth-error'
import type { RedirectResult } from './redirect'
import type { GrantType, TokenSet } from './token-parse'
import { summarizeToken } from './token-state'
import type { TokenEvent, TokenEventType, TokenStateSummary } from './token-state'
import type { TokenStore } from './token-store'
import { finishTrace, newTrace } from './trace'
import type { FlowTrace } from './trace'

export interface TokenManagerOptions {
  profileId: string
  env: Environment
  client: ClientConfig
  /** Kept for re-issuing password-grant tokens when no refresh token is usable. */
  credentials?: { username?: string; password?: string }
  /** The profile's grant: what `acquire()` uses by default and how a first token is obtained. */
  grant: GrantType
  fetch: FetchLike
  store: TokenStore
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Fraction of the token's lifetime after which it is refreshed ahead of expiry (0.72 = 72 of 100 h). */
  refreshAt?: number
  /** Retries after a 429 from the token endpoint (default 3, so at most 4 tries). */
  maxTokenRetries?: number
  /** First 429 back-off wait without Retry-After (default 2 s, doubling). */
  backoffBaseMs?: number
  /** Longest Retry-After honoured (default 60 s); longer ones fail at once with the explanation. */
  maxBackoffMs?: number
  timeoutMs?: number
  onEvent?: (event: TokenEvent) => void
  /** Called with each finished token flow trace (masked). */
  onTrace?: (trace: FlowTrace) => void
  scheduler?: Scheduler
}

/** Input from an interactive login (or a refresh token pasted by the user) for `acquire`. */
export interface AcquireExtra {
  username?: string
  password?: string
  code?: string
  redirectUri?: string
  codeVerifier?: string
  /** The parsed implicit-flow redirect. */
  implicit?: Extract<RedirectResult, { kind: 'token' }>
  refreshToken?: string
}

export interface FetchAuthorizedOptions {
  /** Default true: on 401 (or a token-shaped 403) get a token once and retry once. */
  retryOn401?: boolean
  /** A token the caller just had from `getToken` (saves asking again). */
  token?: TokenSet
}

export interface AuthorizedResponse {
  response: HttpResponse
  /** The token `response` answered: the renewed one after a retry. */
  token: TokenSet
  /** True when the first answer rejected the token and the call was sent again with a new one. */
  retried: boolean
  /** Set when the token was rejected and no new one could be had (the response is the rejection). */
  renewError?: OAuthError
}

export interface SignOutResult {
  refreshRevoked?: boolean
  accessRevoked?: boolean
  /** Revocation failures, for display; the local token is forgotten regardless. */
  errors: string[]
}

const DEFAULT_REFRESH_AT = 0.72

/**
 * One profile's token: reused while valid, refreshed ahead of expiry and on rejection, with
 * single-flight renewal so concurrent calls cause one token request and all use the newest token.
 */
export class TokenManager {
  readonly profileId: string
  private readonly options: TokenManagerOptions
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly scheduler: Scheduler
  private readonly refreshAt: number
  private readonly belongs: (url: string) => boolean
  private token: TokenSet | null = null
  private loaded = false
  private loading: Promise<void> | null = null
  private inflight: Promise<TokenSet> | null = null
  private signInRequired = false
  private lastError: OAuthError | undefined
  private trace: FlowTrace | undefined
  private expiredNoticed: string | undefined
  /** No ahead-of-expiry attempt before this time (after a failed one). */
  private aheadRetryAt = 0
  private autoRefresh = false
  private timer: unknown
  private disposed = false

  constructor(options: TokenManagerOptions) {
    this.options = options
    this.profileId = options.profileId
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.scheduler = options.scheduler ?? realScheduler
    const at = options.refreshAt ?? DEFAULT_REFRESH_AT
    if (!(at > 0 && at <= 1)) throw new RangeError('refreshAt must be a fraction in (0, 1]')
    this.refreshAt = at
    this.belongs = environmentOriginCheck(options.env)
  }

  // ---- reading the token ---------------------------------------------------------------

  /** A valid access token: the stored one when fresh (no network), else refreshed or re-issued. */
  async getAccessToken(signal?: AbortSignal): Promise<string> {
    return (await this.getToken(signal)).accessToken
  }

  async getToken(signal?: AbortSignal): Promise<TokenSet> {
    if (!this.loaded) await this.load()
    const t = this.token
    if (t) {
      const now = this.now()
      if (now < this.refreshDueAt(t)) return t
      if (now < t.expiresAt) {
        // Due for refresh but still valid: refresh ahead, yet never fail a call over it.
        if (!this.canRenew(t) || now < this.aheadRetryAt) return t
        try {
          return await raceSignal(this.renew(), signal)
        } catch (err) {
          if (isAbort(err)) throw err
          this.aheadRetryAt = this.now() + FAILED_REFRESH_COOLDOWN_MS
          const current = this.token
          if (current && this.now() < current.expiresAt) return current
          throw err
        }
      }
      this.noticeExpired(t)
    }
    return raceSignal(this.renew(), signal)
  }

  /** Sends a request with `Authorization: Bearer`, retrying once with a new token if it is rejected. */
  async fetchAuthorized(
    request: HttpRequest,
    options: FetchAuthorizedOptions = {},
  ): Promise<AuthorizedResponse> {
    if (!this.belongs(request.url)) {
      throw new OAuthError(
        'config',
        `Refusing to send this profile's token to ${originOf(request.url) ?? 'that URL'}: it is not one of the environment's API hosts.`,
      )
    }
    const token = options.token ?? (await this.getToken(request.signal))
    const response = await this.send(request, token)
    if (options.retryOn401 === false || !this.rejectsToken(response)) {
      return { response, token, retried: false }
    }
    this.noticeExpired(token)
    let next: TokenSet
    try {
      next = await raceSignal(this.renew(token.accessToken), request.signal)
    } catch (err) {
      if (isAbort(err)) throw err
      return { response, token, retried: false, renewError: toOAuthError(err) }
    }
    return { response: await this.send(request, next), token: next, retried: true }
  }

  // ---- explicit actions ----------------------------------------------------------------

  /** A fresh token by `grant` (default: the profile's), e.g. the UI's "Get token" after a login. */
  async acquire(grant: GrantType | 'refresh_token' = this.options.grant, extra: AcquireExtra = {}) {
    if (!this.loaded) await this.load()
    while (this.inflight) await this.inflight.catch(() => undefined)
    return this.runSingleFlight(async () => {
      const trace = this.beginTrace(grant)
      try {
        const ctx = this.ctx(trace)
        const next = await this.obtain(ctx, grant, extra)
        await this.commit(next, grant === 'refresh_token' ? 'refreshed' : 'obtained')
        this.endTrace(trace)
        return next
      } catch (err) {
        this.endTrace(trace, err)
        throw this.failed(err)
      }
    })
  }

  /** Refresh (or re-issue) now, whatever the expiry; joins a renewal already running. */
  async refreshNow(): Promise<TokenSet> {
    if (!this.loaded) await this.load()
    return this.renew()
  }

  /** Revokes the refresh token, then the access token, and forgets both. */
  async signOut(): Promise<SignOutResult> {
    if (!this.loaded) await this.load()
    while (this.inflight) await this.inflight.catch(() => undefined)
    const t = this.token
    const result: SignOutResult = { errors: [] }
    if (t && this.options.env.revokeUrl) {
      const trace = this.beginTrace('revoke')
      const ctx = this.ctx(trace)
      const targets: ['refresh' | 'access', string | undefined][] = [
        ['refresh', t.refreshToken],
        ['access', t.accessToken],
      ]
      for (const [kind, value] of targets) {
        if (!value) continue
        try {
          await revokeToken(ctx, { token: value, kind })
          result[kind === 'refresh' ? 'refreshRevoked' : 'accessRevoked'] = true
        } catch (err) {
          result[kind === 'refresh' ? 'refreshRevoked' : 'accessRevoked'] = false
          result.errors.push(toOAuthError(err).message)
        }
      }
      this.endTrace(trace, result.errors.length ? result.errors.join(' ') : undefined)
    }
    await this.options.store.clear(this.profileId)
    this.token = null
    this.signInRequired = false
    this.lastError = undefined
    this.aheadRetryAt = 0
    this.reschedule()
    this.emit('revoked')
    return result
  }

  // ---- state ---------------------------------------------------------------------------

  /** A masked summary for the UI. */
  state(): TokenStateSummary {
    const t = this.token
    return summarizeToken({
      token: t,
      grant: this.options.grant,
      now: this.now(),
      refreshDueAt: t ? this.refreshDueAt(t) : undefined,
      signInRequired: this.signInRequired,
      autoRefresh: this.autoRefresh,
      lastError: this.lastError && { code: this.lastError.code, message: this.lastError.message },
    })
  }

  /** The most recent token flow (obtain, refresh, revoke), masked. */
  lastTrace(): FlowTrace | undefined {
    return this.trace
  }

  // ---- background refresh --------------------------------------------------------------

  /** Keeps the token fresh while the app runs: renews when due, never more often than that. */
  startAutoRefresh(): void {
    if (this.disposed) return
    this.autoRefresh = true
    if (this.loaded) this.reschedule()
    else
      void this.load().then(
        () => this.reschedule(),
        () => undefined,
      )
  }

  stopAutoRefresh(): void {
    this.autoRefresh = false
    this.reschedule()
  }

  dispose(): void {
    this.stopAutoRefresh()
    this.disposed = true
  }

  /** One wake-up of the background loop (the scheduler calls it; tests may too). */
  async autoRefreshTick(): Promise<void> {
    this.timer = undefined
    const t = this.token
    const now = this.now()
    if (t && !this.signInRequired && !this.inflight && now >= this.refreshDueAt(t)) {
      if (this.canRenew(t)) {
        if (now >= this.aheadRetryAt) {
          try {
            await this.renew()
          } catch {
            this.aheadRetryAt = this.now() + FAILED_REFRESH_COOLDOWN_MS
          }
        }
      } else if (now >= t.expiresAt) {
        this.noticeExpired(t)
        this.requireSignIn(t)
      }
    }
    this.reschedule()
  }

  // ---- internals -----------------------------------------------------------------------

  private load(): Promise<void> {
    this.loading ??= this.options.store.load(this.profileId).then(
      (stored) => {
        if (!this.token && stored) this.token = stored
        this.loaded = true
      },
      (err: unknown) => {
        this.loading = null
        throw new OAuthError('config', `The stored token could not be read: ${String(err)}`, {
          cause: err,
        })
      },
    )
    return this.loading
  }

  private refreshDueAt(t: TokenSet): number {
    return t.obtainedAt + this.refreshAt * (t.expiresAt - t.obtainedAt)
  }

  private hasUsableRefreshToken(t: TokenSet | null): t is TokenSet & { refreshToken: string } {
    return Boolean(
      t?.refreshToken && (t.refreshExpiresAt === undefined || this.now() < t.refreshExpiresAt),
    )
  }

  private canReissue(grant: GrantType): boolean {
    if (grant === 'client_credentials') return true
    const c = this.options.credentials
    return grant === 'password' && Boolean(c?.username && c.password)
  }

  private canRenew(t: TokenSet): boolean {
    return this.hasUsableRefreshToken(t) || this.canReissue(t.grant)
  }

  private ctx(trace: FlowTrace): FlowContext {
    const ctx: FlowContext = {
      fetch: this.options.fetch,
      env: this.options.env,
      client: this.options.client,
      trace,
      now: this.now,
    }
    if (this.options.timeoutMs !== undefined) ctx.timeoutMs = this.options.timeoutMs
    return ctx
  }

  private runSingleFlight(work: () => Promise<TokenSet>): Promise<TokenSet> {
    const p = work().finally(() => {
      if (this.inflight === p) this.inflight = null
    })
    this.inflight = p
    return p
  }

  /**
   * Single-flight refresh or re-issue. With `rejectedToken`, a renewal happens only if that token
   * is still the current one (otherwise someone already renewed: use the newest token).
   */
  private renew(rejectedToken?: string): Promise<TokenSet> {
    if (this.inflight) return this.inflight
    const current = this.token
    if (rejectedToken && current && current.accessToken !== rejectedToken) {
      return Promise.resolve(current)
    }
    return this.runSingleFlight(() => this.doRenew())
  }

  private async doRenew(): Promise<TokenSet> {
    const t = this.token
    const trace = this.beginTrace(
      this.hasUsableRefreshToken(t) ? 'refresh_token' : (t?.grant ?? this.options.grant),
    )
    const ctx = this.ctx(trace)
    try {
      let next: TokenSet | undefined
      let kind: TokenEventType = 'obtained'
      if (this.hasUsableRefreshToken(t)) {
        try {
          next = await this.backoff(() =>
            refreshTokenGrant(ctx, { refreshToken: t.refreshToken, previous: t }),
          )
          kind = 'refreshed'
        } catch (err) {
          // A rejected refresh token may still leave a re-issue; anything else is reported.
          if (!(err instanceof OAuthError && err.code === 'invalid_grant')) throw err
          if (!this.canReissue(t.grant)) {
            throw this.requireSignIn(t, `${err.message} A new sign-in is required.`)
          }
          trace.flow = `refresh_token → ${t.grant}`
        }
      }
      if (!next) {
        const grant = t?.grant ?? this.options.grant
        if (!this.canReissue(grant)) throw this.requireSignIn(t)
        next = await this.obtain(ctx, grant, {})
      }
      await this.commit(next, kind)
      this.endTrace(trace)
      return next
    } catch (err) {
      this.endTrace(trace, err)
      throw this.failed(err)
    }
  }

  /** Requests a token by grant; 429s are backed off. */
  private async obtain(
    ctx: FlowContext,
    grant: GrantType | 'refresh_token',
    extra: AcquireExtra,
  ): Promise<TokenSet> {
    const creds = this.options.credentials ?? {}
    switch (grant) {
      case 'client_credentials':
        return this.backoff(() => clientCredentialsGrant(ctx))
      case 'password': {
        const username = extra.username ?? creds.username
        const password = extra.password ?? creds.password
        if (!username || !password) {
          throw new OAuthError('config', 'The password grant needs a username and a password.')
        }
        return this.backoff(() => passwordGrant(ctx, { username, password }))
      }
      case 'authorization_code': {
        const { code, redirectUri, codeVerifier } = extra
        if (!code || !redirectUri) {
          throw new OAuthError(
            'config',
            'The authorization-code grant needs the code and the redirect URI.',
          )
        }
        return this.backoff(() => authorizationCodeGrant(ctx, { code, redirectUri, codeVerifier }))
      }
      case 'implicit': {
        if (!extra.implicit) {
          throw new OAuthError(
            'config',
            'The implicit grant needs the token from the login redirect.',
          )
        }
        const arrivedAt = this.now()
        ctx.trace?.steps.push({
          title: 'Read the token from the redirect',
          explanation:
            'The login page sent the access token in the redirect URL fragment, which never travels over the network; there is no refresh token.',
          request: {
            method: 'GET',
            url: byName.url(`#${new URLSearchParams(extra.implicit.params)}`),
            headers: {},
          },
          startedAt: arrivedAt,
          durationMs: 0,
        })
        return implicitTokenFromRedirect(extra.implicit, arrivedAt)
      }
      case 'refresh_token': {
        const refreshToken = extra.refreshToken ?? this.token?.refreshToken
        if (!refreshToken) throw new OAuthError('config', 'There is no refresh token to use.')
        const previous = this.token?.refreshToken === refreshToken ? this.token : undefined
        const sessionGrant =
          this.options.grant === 'authorization_code' ? 'authorization_code' : ('password' as const)
        return this.backoff(() =>
          refreshTokenGrant(ctx, { refreshToken, previous, grant: sessionGrant }),
        )
      }
    }
  }

  private backoff(attempt: () => Promise<TokenSet>): Promise<TokenSet> {
    return withRateLimitBackoff(attempt, {
      maxRetries: this.options.maxTokenRetries ?? 3,
      baseDelayMs: this.options.backoffBaseMs ?? 2000,
      maxDelayMs: this.options.maxBackoffMs ?? 60_000,
      sleep: this.sleep,
    })
  }

  /** Stores the new pair first (the old refresh token is spent), then makes it current. */
  private async commit(next: TokenSet, kind: TokenEventType): Promise<void> {
    let storeError: unknown
    try {
      await this.options.store.save(this.profileId, next)
    } catch (err) {
      storeError = err
    }
    this.token = next
    this.signInRequired = false
    this.lastError = undefined
    this.aheadRetryAt = 0
    this.reschedule()
    this.emit(kind)
    if (storeError !== undefined) {
      this.lastError = new OAuthError(
        'config',
        `The new token is in use but could not be saved: ${String(storeError)}`,
      )
      this.emit('error')
    }
  }

  private requireSignIn(t: TokenSet | null, message?: string): OAuthError {
    const grant = t?.grant ?? this.options.grant
    const err = new OAuthError(
      'sign_in_required',
      message ??
        (grant === 'password'
          ? 'Sign-in required: the token cannot be refreshed and no password is kept to request a new one.'
          : `Sign-in required: the ${grant === 'implicit' ? 'implicit' : 'authorization-code'} token ${t ? 'has expired or was rejected' : 'is missing'} and cannot be refreshed; log in again.`),
    )
    if (!this.signInRequired) {
      this.signInRequired = true
      this.lastError = err
      this.emit('sign-in-required')
    }
    return err
  }

  private failed(err: unknown): OAuthError {
    const e = toOAuthError(err)
    if (e.code !== 'sign_in_required') {
      this.lastError = e
      this.emit('error')
    }
    return e
  }

  private noticeExpired(t: TokenSet): void {
    if (this.expiredNoticed === t.accessToken) return
    this.expiredNoticed = t.accessToken
    this.emit('expired')
  }

  private rejectsToken(res: HttpResponse): boolean {
    if (res.status !== 401 && res.status !== 403) return false
    return isTokenRejection(
      res.status,
      describeErrorResponse(res.status, res.headers['content-type'], res.bodyText),
    )
  }

  private send(request: HttpRequest, token: TokenSet): Promise<HttpResponse> {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(request.headers ?? {})) {
      if (k.toLowerCase() !== 'authorization') headers[k] = v
    }
    headers.Authorization = `Bearer ${token.accessToken}`
    return sendRequest(this.options.fetch, {
      ...request,
      headers,
      timeoutMs: request.timeoutMs ?? this.options.timeoutMs,
    })
  }

  private reschedule(): void {
    if (this.timer !== undefined) {
      this.scheduler.clear(this.timer)
      this.timer = undefined
    }
    const t = this.token
    if (!this.autoRefresh || this.disposed || !t || this.signInRequired) return
    const now = this.now()
    let wakeAt: number
    if (this.canRenew(t)) wakeAt = Math.max(this.refreshDueAt(t), this.aheadRetryAt)
    else if (now < t.expiresAt) wakeAt = t.expiresAt
    else return
    const delay = Math.min(Math.max(wakeAt - now, 0), MAX_TIMER_MS)
    this.timer = this.scheduler.set(() => void this.autoRefreshTick(), delay)
  }

  private beginTrace(flow: string): FlowTrace {
    return newTrace(flow, this.now())
  }

  private endTrace(trace: FlowTrace, error?: unknown): void {
    finishTrace(trace, error, this.now())
    // Steps were masked by name as they were taken; now every secret this manager knows is
    // masked by value too, wherever a server may have echoed it.
    const masked = this.knownSecrets().trace(trace)
    this.trace = masked
    try {
      this.options.onTrace?.(masked)
    } catch {
      // a listener's failure is not the token's
    }
  }

  private knownSecrets(): Redactor {
    const t = this.token
    return byName.with([
      this.options.client.apiSecret,
      this.options.credentials?.password,
      t?.accessToken,
      t?.refreshToken,
    ])
  }

  private emit(type: TokenEventType): void {
    if (!this.options.onEvent) return
    try {
      this.options.onEvent({ type, profileId: this.profileId, state: this.state() })
    } catch {
      // a listener's failure is not the token's
    }
  }
}

function toOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err
  return new OAuthError('network', err instanceof Error ? err.message : String(err), { cause: err })
}

function isAbort(err: unknown): boolean {
  return err instanceof OAuthError && err.code === 'aborted'
}

/** Lets one caller stop waiting for a shared renewal without cancelling it for the others. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  const aborted = () => new OAuthError('aborted', 'The request was cancelled.')
  if (signal.aborted) return Promise.reject(aborted())
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted())
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}
