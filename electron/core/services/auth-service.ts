import { createHash, randomUUID } from 'node:crypto'
import type {
  AuthState,
  AuthWait,
  FlowTrace,
  PendingLogin,
  RevealableSecret,
  SignOutOutcome,
  TraceStep,
} from '../../shared/auth'
import type { Grant, Profile } from '../../shared/profile'
import { missingForGrant } from '../../shared/profile'
import { failureDetails, orNothing } from '../failure-details'
import { HandlerError } from '../../shared/result'
import {
  customEnvironment,
  sandboxEnvironment,
  TRUSTPILOT_ENVIRONMENT,
  type Environment,
} from '../environments'
import type { FetchLike } from '../http/types'
import { LoginCancelledError, type LoginWindow } from '../login/login-window'
import { byName } from '../redact'
import { isOAuthError } from '../oauth-error'
import {
  buildAuthorizeUrl,
  createPkcePair,
  newState,
  parseRedirect,
  type RedirectResult,
} from '../redirect'
import { TokenManager, type AcquireExtra, type TokenManagerOptions } from '../token-manager'
import type { TokenStore } from '../token-store'
import type { ProfileRepository } from '../profiles/profile-repository'
import type { SandboxService } from './sandbox-service'

/** Asked before a login caught in the app's own window is used without its `state`. */
export const MISSING_STATE_WINDOW =
  'The login came back without the `state` value this app sent, so the app cannot prove the ' +
  'result belongs to the login it started: a script on the login page, or on a site reached from ' +
  'it, could have sent its own. Trustpilot drops `state` after a Google sign-in. Accept only if ' +
  'you just signed in, with Google, in the login window this app opened.'

/** Said afterwards, next to the token, once the user accepted a login without `state`. */
export const MISSING_STATE_WARNING =
  'The login came back without the `state` value this app sent (Trustpilot drops it after a ' +
  'Google sign-in), so it could not be proved to belong to the login you started; you confirmed ' +
  'it was yours.'

export const MISSING_STATE_PASTED =
  'The pasted URL has no `state` value, so the app cannot prove it belongs to the login it started. ' +
  'Trustpilot drops `state` after a Google sign-in. Confirm only if you just signed in and copied this URL yourself.'

export interface AuthServiceDeps {
  profiles: ProfileRepository
  tokenStore: TokenStore
  fetch: FetchLike
  loginWindow: LoginWindow
  /** Opens an https URL built by the app in the system browser. */
  openExternal: (url: string) => Promise<void>
  writeClipboard: (text: string) => void
  sandbox: SandboxService
  onChange: (state: AuthState) => void
  /** Told before each back-off wait of a token request (a 429), so the UI can count down. */
  onWait?: (wait: AuthWait) => void
  now?: () => number
  loginTimeoutMs?: number
  /** Extra token-manager options (tests: sleep, back-off, refreshAt). */
  managerOptions?: Partial<TokenManagerOptions>
}

interface PendingFlow extends PendingLogin {
  state: string
  codeVerifier?: string
  startedAt: number
  /** The login window caught this callback without `state`: kept until the user confirms it. */
  captured?: string
}

interface ManagerEntry {
  key: string
  manager: TokenManager
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')

/**
 * Everything about getting and keeping tokens for profiles, as the IPC channels need it. Secrets
 * are read from the vault here, in main, and leave only masked, except through reveal/copy.
 */
export class AuthService {
  private readonly managers = new Map<string, ManagerEntry>()
  private readonly warnings = new Map<string, string[]>()
  private pending: PendingFlow | null = null
  private readonly running = new Set<AbortController>()
  private activeId: string | undefined
  private readonly now: () => number

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  // ---- environments and managers -------------------------------------------------------

  environmentFor(profile: Profile): Environment {
    const env = profile.environment
    switch (env.kind) {
      case 'trustpilot':
        return { ...TRUSTPILOT_ENVIRONMENT }
      case 'sandbox': {
        const sandbox = this.deps.sandbox.current()
        if (!sandbox) {
          throw new HandlerError(
            'sandbox-stopped',
            'The built-in sandbox is not running: start it first.',
          )
        }
        return sandboxEnvironment(sandbox)
      }
      case 'custom':
        try {
          return customEnvironment({
            tokenUrl: env.tokenUrl,
            ...(env.refreshUrl ? { refreshUrl: env.refreshUrl } : {}),
            ...(env.revokeUrl ? { revokeUrl: env.revokeUrl } : {}),
            ...(env.authorizeUrl ? { authorizeUrl: env.authorizeUrl } : {}),
            ...(env.apiBase ? { apiBase: env.apiBase } : {}),
            ...(env.invitationsBase ? { invitationsBase: env.invitationsBase } : {}),
          })
        } catch (error) {
          throw new HandlerError('invalid-profile', (error as Error).message)
        }
    }
  }

  /** One token manager per profile, rebuilt when the profile's credentials or URLs change. */
  async manager(profileId: string): Promise<TokenManager> {
    const profile = this.deps.profiles.require(profileId)
    const apiSecret = (await this.deps.profiles.secret(profileId, 'apiSecret')) ?? ''
    const password = await this.deps.profiles.secret(profileId, 'password')
    const env = this.environmentFor(profile)
    const key = sha(JSON.stringify([profile, env, sha(apiSecret), sha(password ?? '')]))
    const existing = this.managers.get(profileId)
    if (existing?.key === key) return existing.manager
    existing?.manager.dispose()
    const sleep = this.deps.managerOptions?.sleep ?? defaultSleep
    const manager = new TokenManager({
      profileId,
      env,
      client: { apiKey: profile.apiKey, apiSecret, clientAuth: profile.clientAuth },
      credentials: { username: profile.username, ...(password ? { password } : {}) },
      grant: profile.defaultGrant,
      fetch: this.deps.fetch,
      store: this.deps.tokenStore,
      now: this.now,
      ...this.deps.managerOptions,
      // The manager only sleeps to back off after a 429: say so before each wait.
      sleep: (ms) => {
        this.deps.onWait?.({
          profileId,
          reason: 'rate-limited',
          waitMs: ms,
          until: this.now() + ms,
        })
        return sleep(ms)
      },
      onEvent: (event) => this.deps.onChange(this.decorate(profileId, event.state)),
    })
    this.managers.set(profileId, { key, manager })
    if (this.activeId === profileId) manager.startAutoRefresh()
    return manager
  }

  /** Keeps the active profile's token fresh in the background (the loop Trustpilot recommends). */
  async setActive(profileId: string | undefined): Promise<void> {
    if (this.activeId && this.activeId !== profileId) {
      this.managers.get(this.activeId)?.manager.stopAutoRefresh()
    }
    this.activeId = profileId
    if (profileId) (await this.manager(profileId)).startAutoRefresh()
  }

  private decorate(profileId: string, summary: ReturnType<TokenManager['state']>): AuthState {
    return { ...summary, profileId, warnings: [...(this.warnings.get(profileId) ?? [])] }
  }

  async state(profileId: string): Promise<AuthState> {
    return this.decorate(profileId, (await this.manager(profileId)).state())
  }

  private async current(profileId: string): Promise<AuthState> {
    const state = await this.state(profileId)
    this.deps.onChange(state)
    return state
  }

  // ---- getting tokens ------------------------------------------------------------------

  private async requireFields(profile: Profile, grant: Grant): Promise<void> {
    const secrets = {
      apiSecret: !!(await this.deps.profiles.secret(profile.id, 'apiSecret')),
      password: !!(await this.deps.profiles.secret(profile.id, 'password')),
    }
    const missing = missingForGrant(profile, secrets, grant)
    if (missing.length) {
      throw new HandlerError('missing-fields', missing.map((m) => m.message).join(' '), { missing })
    }
  }

  async getToken(
    profileId: string,
    grant: Grant,
    via: 'window' | 'browser' = 'window',
  ): Promise<AuthState | PendingLogin> {
    const profile = this.deps.profiles.require(profileId)
    await this.requireFields(profile, grant)
    const manager = await this.manager(profileId)
    if (grant === 'client_credentials' || grant === 'password') {
      this.warnings.delete(profileId)
      await this.run(() => manager.acquire(grant))
      return this.current(profileId)
    }
    const flow = this.startLogin(profile, grant)
    this.pending = null
    if (via === 'browser') {
      await this.deps.openExternal(flow.authorizeUrl).catch((error: unknown) => {
        throw new HandlerError(
          'open-failed',
          `The system browser could not be opened: ${String(error)}`,
        )
      })
      this.pending = flow
      const { state: _s, codeVerifier: _v, startedAt: _t, ...view } = flow
      return view
    }
    let captured: string
    try {
      captured = await this.deps.loginWindow.open({
        authorizeUrl: flow.authorizeUrl,
        redirectUri: flow.redirectUri,
        ...(profile.rememberLogin ? { rememberAs: profileId } : {}),
        timeoutMs: this.deps.loginTimeoutMs ?? 5 * 60_000,
      })
    } catch (error) {
      if (error instanceof LoginCancelledError) throw new HandlerError('cancelled', error.message)
      throw error
    }
    const result = parseRedirect(captured, flow.redirectUri, flow.state)
    if (needsConfirmation(result)) {
      // Never accepted silently, even from the app's own window: the user confirms first.
      this.pending = { ...flow, captured }
      throw new HandlerError('confirm-missing-state', MISSING_STATE_WINDOW, {
        flowId: flow.flowId,
        profileId,
      })
    }
    return this.finishLogin(flow, captured, result, { caughtInWindow: true })
  }

  /** The user confirmed a login the window caught without `state` (Google sign-in): finish it. */
  async confirmLogin(flowId: string): Promise<AuthState> {
    const flow = this.pending
    if (!flow || flow.flowId !== flowId || flow.captured === undefined) {
      throw new HandlerError(
        'no-login',
        'There is no login waiting for confirmation any more; start it again.',
      )
    }
    this.pending = null
    const result = parseRedirect(flow.captured, flow.redirectUri, flow.state)
    return this.finishLogin(flow, flow.captured, result, { caughtInWindow: true })
  }

  private startLogin(profile: Profile, grant: 'authorization_code' | 'implicit'): PendingFlow {
    const env = this.environmentFor(profile)
    const state = newState()
    const pkce =
      grant === 'authorization_code' &&
      profile.environment.kind === 'custom' &&
      profile.environment.pkce
        ? createPkcePair()
        : undefined
    const authorizeUrl = buildAuthorizeUrl(env, {
      clientId: profile.apiKey,
      redirectUri: profile.redirectUri,
      responseType: grant === 'authorization_code' ? 'code' : 'token',
      state,
      ...(pkce ? { pkce: { challenge: pkce.challenge } } : {}),
    })
    return {
      flowId: randomUUID(),
      profileId: profile.id,
      grant,
      authorizeUrl,
      redirectUri: profile.redirectUri,
      state,
      ...(pkce ? { codeVerifier: pkce.verifier } : {}),
      startedAt: this.now(),
    }
  }

  /** The system-browser route: the user pasted the URL they landed on, or just the code. */
  async completeLogin(
    flowId: string,
    pasted: string,
    acceptMissingState = false,
  ): Promise<AuthState> {
    const flow = this.pending
    if (!flow || flow.flowId !== flowId || flow.captured !== undefined) {
      throw new HandlerError(
        'no-login',
        'There is no system-browser login waiting for this paste; start it again.',
      )
    }
    const text = pasted.trim()
    let url = text
    if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      // Just the code: treat it as the callback carrying it, with no state to check.
      if (flow.grant !== 'authorization_code' || /\s/.test(text)) {
        throw new HandlerError(
          'bad-paste',
          'Paste the whole URL the browser landed on (it starts with your redirect URI).',
        )
      }
      const u = new URL(flow.redirectUri)
      u.searchParams.set('code', text)
      url = u.toString()
    }
    const result = parseRedirect(url, flow.redirectUri, flow.state)
    if (result.kind === 'not-callback') {
      throw new HandlerError(
        'bad-paste',
        `That URL is not the registered redirect URI (${flow.redirectUri}); paste the address the browser landed on after signing in.`,
      )
    }
    if (needsConfirmation(result) && !acceptMissingState) {
      throw new HandlerError('confirm-missing-state', MISSING_STATE_PASTED, {
        flowId,
        profileId: flow.profileId,
      })
    }
    const state = await this.finishLogin(flow, url, result, { caughtInWindow: false })
    this.pending = null
    return state
  }

  cancelLogin(): void {
    this.pending = null
    this.deps.loginWindow.cancel('cancelled')
  }

  /**
   * Stops waiting for every running token operation (and the login window). A request already
   * on the wire may still finish; its token is then stored and reported like any other.
   */
  cancelAll(): void {
    this.cancelLogin()
    for (const controller of this.running) controller.abort()
    this.running.clear()
  }

  private async finishLogin(
    flow: PendingFlow,
    captured: string,
    result: RedirectResult,
    how: { caughtInWindow: boolean },
  ): Promise<AuthState> {
    const profileId = flow.profileId
    const steps: TraceStep[] = [
      {
        title: 'Open the login page',
        explanation: how.caughtInWindow
          ? 'The app opened Trustpilot’s login page in its own window with the API key, the registered redirect URI and a random `state`.'
          : 'The app opened Trustpilot’s login page in the system browser with the API key, the registered redirect URI and a random `state`.',
        request: { method: 'GET', url: byName.url(flow.authorizeUrl), headers: {} },
        startedAt: flow.startedAt,
        durationMs: Math.max(0, this.now() - flow.startedAt),
      },
      {
        title: how.caughtInWindow ? 'Catch the redirect' : 'Read the pasted redirect',
        explanation: how.caughtInWindow
          ? 'After sign-in the login page redirected to the registered URI; the app caught that navigation before it loaded, so the result never left this machine.'
          : 'The URL the browser landed on carries the result of the sign-in.',
        request: { method: 'GET', url: byName.url(captured), headers: {} },
        startedAt: this.now(),
        durationMs: 0,
      },
    ]
    const warnings: string[] = []
    switch (result.kind) {
      case 'not-callback':
        throw new HandlerError(
          'bad-redirect',
          'The login ended somewhere other than the registered redirect URI.',
        )
      case 'state-mismatch':
        throw new HandlerError(
          'state-mismatch',
          'The login came back with a `state` that does not match the one this app sent, so it was refused: it may not be the login you started.',
        )
      case 'error':
        throw new HandlerError(
          result.error === 'access_denied' ? 'access-denied' : 'login-error',
          result.error === 'access_denied'
            ? `Sign-in was cancelled or refused (access_denied)${result.description ? `: ${result.description}` : '.'}`
            : `The login page answered with an error: ${result.error}${result.description ? ` — ${result.description}` : ''}`,
        )
      default:
        break
    }
    if (result.state === 'missing')
      warnings.push(
        how.caughtInWindow
          ? MISSING_STATE_WARNING
          : 'The pasted URL had no `state`; you confirmed it was yours.',
      )
    const manager = await this.manager(profileId)
    const extra: AcquireExtra =
      result.kind === 'code'
        ? {
            code: result.code,
            redirectUri: flow.redirectUri,
            ...(flow.codeVerifier ? { codeVerifier: flow.codeVerifier } : {}),
          }
        : { implicit: result }
    this.warnings.set(profileId, warnings)
    try {
      await this.run(() => manager.acquire(flow.grant, extra))
    } finally {
      const trace = manager.lastTrace()
      if (trace) {
        trace.steps.unshift(...steps)
        trace.flow = flow.grant
        trace.startedAt = flow.startedAt
      }
    }
    return this.current(profileId)
  }

  // ---- keeping and ending tokens -------------------------------------------------------

  async refresh(profileId: string): Promise<AuthState> {
    const manager = await this.manager(profileId)
    await this.run(() => manager.refreshNow())
    return this.current(profileId)
  }

  async signOut(profileId: string): Promise<SignOutOutcome> {
    const manager = await this.manager(profileId)
    const result = await this.run(() => manager.signOut())
    this.warnings.delete(profileId)
    return { ...result, state: await this.current(profileId) }
  }

  async forgetLogin(profileId: string): Promise<void> {
    this.deps.profiles.require(profileId)
    await this.deps.loginWindow.forget(profileId)
  }

  async trace(profileId: string): Promise<FlowTrace | null> {
    return (await this.manager(profileId)).lastTrace() ?? null
  }

  /** The explicit reveal action: the one way a secret's value reaches the renderer. */
  async reveal(profileId: string, secret: RevealableSecret): Promise<string> {
    this.deps.profiles.require(profileId)
    let value: string | undefined
    if (secret === 'apiSecret' || secret === 'password') {
      value = await this.deps.profiles.secret(profileId, secret)
    } else {
      const token = await this.deps.tokenStore.load(profileId)
      value = secret === 'accessToken' ? token?.accessToken : token?.refreshToken
    }
    if (!value) throw new HandlerError('not-found', `This profile has no ${secretLabel(secret)}.`)
    return value
  }

  /** The explicit copy action: main writes the clipboard, the renderer never sees the value. */
  async copy(profileId: string, secret: RevealableSecret): Promise<void> {
    this.deps.writeClipboard(await this.reveal(profileId, secret))
  }

  forgetProfile(profileId: string): void {
    this.managers.get(profileId)?.manager.dispose()
    this.managers.delete(profileId)
    this.warnings.delete(profileId)
  }

  dispose(): void {
    for (const { manager } of this.managers.values()) manager.dispose()
    this.managers.clear()
    this.deps.loginWindow.cancel('cancelled')
  }

  /**
   * Runs a token-manager action, cancellable with `cancelAll`; OAuth failures become structured
   * errors with raw details.
   */
  private async run<T>(action: () => Promise<T>): Promise<T> {
    const controller = new AbortController()
    this.running.add(controller)
    const work = action()
    const cancelled = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () =>
        reject(
          new HandlerError(
            'cancelled',
            'Cancelled. A request already sent may still finish in the background.',
          ),
        ),
      )
    })
    work.catch(() => undefined)
    try {
      return await Promise.race([work, cancelled])
    } catch (error) {
      if (isOAuthError(error)) {
        throw new HandlerError(
          `oauth:${error.code}`,
          error.message,
          orNothing({
            ...failureDetails(error),
            ...(error.body
              ? { body: byName.body(error.body, '', { pretty: true, limit: 8000 }) }
              : {}),
          }),
        )
      }
      throw error
    } finally {
      this.running.delete(controller)
    }
  }
}

/** A code or token that came back without `state`: it is used only after the user confirms. */
const needsConfirmation = (result: RedirectResult): boolean =>
  (result.kind === 'code' || result.kind === 'token') && result.state === 'missing'

const secretLabel = (s: RevealableSecret): string =>
  ({
    apiSecret: 'API secret',
    password: 'password',
    accessToken: 'access token',
    refreshToken: 'refresh token',
  })[s]
