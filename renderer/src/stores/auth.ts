import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AuthState,
  AuthWait,
  FlowTrace,
  PendingLogin,
  SignOutOutcome,
  VaultStatusView,
} from '../../../electron/shared/auth'
import type { Grant } from '../../../electron/shared/profile'
import { client, unwrap } from '../api/client'
import { toUiError, type UiError } from '../lib/errors'
import { GRANT_INFO, type GrantChoice } from '../lib/grants'
import { useUiStore } from './ui'

export type BusyKind = 'token' | 'login' | 'complete' | 'refresh' | 'revoke' | 'forget'

export interface Busy {
  kind: BusyKind
  profileId: string
  label: string
  /** Token work can be cancelled (`auth:cancel`); finishing a pasted login cannot. */
  cancellable: boolean
  startedAt: number
}

const isPending = (v: AuthState | PendingLogin): v is PendingLogin => 'flowId' in v

export interface MissingStateQuestion {
  message: string
  via: 'window' | 'browser'
  profileId: string
  /** The login main keeps waiting for the answer. */
  flowId: string
  /** The system-browser route: what the user pasted, sent again with the acceptance. */
  pasted: string
}

/** The flow main names in a `confirm-missing-state` error. */
const flowOf = (error: UiError | null): { flowId: string } | null => {
  const details = error?.details as { flowId?: unknown } | undefined
  return typeof details?.flowId === 'string' ? { flowId: details.flowId } : null
}

/**
 * Token state per profile as the token manager reports it (`token:changed`), the last flow
 * trace, and the one auth operation running at a time. Everything about a profile (its error,
 * pending system-browser login, sign-out outcome) is kept by profile id, so switching profiles
 * never shows one profile's problem under another.
 */
export const useAuthStore = defineStore('auth', () => {
  const states = ref<Record<string, AuthState>>({})
  const traces = ref<Record<string, FlowTrace | null>>({})
  const choice = ref<Record<string, GrantChoice>>({})
  const busy = ref<Busy | null>(null)
  const errors = ref<Record<string, UiError>>({})
  const pendings = ref<Record<string, PendingLogin>>({})
  /**
   * Main asked for confirmation (by profile): the login came back without `state`, caught in
   * the login window (`via: 'window'`, main keeps what it caught) or pasted (`via: 'browser'`).
   */
  const confirms = ref<Record<string, MissingStateQuestion>>({})
  const vault = ref<VaultStatusView | null>(null)
  /** Problems not tied to one profile (the vault). */
  const vaultError = ref<UiError | null>(null)
  const outcomes = ref<Record<string, SignOutOutcome>>({})
  /** A token request waiting before its next try (after a 429), by profile. */
  const waits = ref<Record<string, AuthWait>>({})
  let unsubscribe: (() => void) | null = null
  let unsubscribeWait: (() => void) | null = null

  const isBusy = computed(() => busy.value !== null)

  const errorFor = (profileId: string): UiError | null => errors.value[profileId] ?? null
  const pendingFor = (profileId: string): PendingLogin | null => pendings.value[profileId] ?? null
  const confirmFor = (profileId: string): MissingStateQuestion | null =>
    confirms.value[profileId] ?? null
  const outcomeFor = (profileId: string): SignOutOutcome | null => outcomes.value[profileId] ?? null

  /** Subscribes to `token:changed` once; returns the unsubscribe. */
  function listen(): () => void {
    unsubscribe ??= client().onTokenChanged((state) => {
      states.value[state.profileId] = state
      delete waits.value[state.profileId] // a new token (or failure) ends any wait
      if (state.profileId in traces.value) void loadTrace(state.profileId)
    })
    unsubscribeWait ??= client().onAuthWaiting((wait) => {
      waits.value[wait.profileId] = wait
    })
    return stop
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    unsubscribeWait?.()
    unsubscribeWait = null
  }

  const waitFor = (profileId: string): AuthWait | null => waits.value[profileId] ?? null

  function choiceFor(profileId: string, fallback: Grant): GrantChoice {
    return choice.value[profileId] ?? fallback
  }

  function choose(profileId: string, grant: GrantChoice): void {
    choice.value[profileId] = grant
  }

  async function loadState(profileId: string): Promise<void> {
    try {
      states.value[profileId] = unwrap(await client().authState({ profileId }))
    } catch (e) {
      errors.value[profileId] = toUiError(e)
    }
  }

  async function loadTrace(profileId: string): Promise<void> {
    try {
      traces.value[profileId] = unwrap(await client().authTrace({ profileId }))
    } catch {
      // a trace is a nice-to-have: keep the one we had
    }
  }

  async function loadVault(): Promise<void> {
    try {
      vault.value = unwrap(await client().vaultStatus())
    } catch {
      vault.value = null
    }
  }

  async function allowPersist(): Promise<void> {
    try {
      vault.value = unwrap(await client().vaultAllowPersist())
      vaultError.value = null
    } catch (e) {
      vaultError.value = toUiError(e)
    }
  }

  /** Runs one operation at a time; the error (if any) is kept for `profileId`, the result returned. */
  async function run<T>(
    kind: BusyKind,
    profileId: string,
    label: string,
    work: () => Promise<T>,
    cancellable = true,
  ): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = { kind, profileId, label, cancellable, startedAt: Date.now() }
    delete errors.value[profileId]
    try {
      return await work()
    } catch (e) {
      errors.value[profileId] = toUiError(e)
      return undefined
    } finally {
      busy.value = null
      delete waits.value[profileId]
      void loadTrace(profileId)
    }
  }

  /** Get a token. Interactive grants open the login window, or the system browser with `via`. */
  async function getToken(
    profileId: string,
    grant: Grant,
    via: 'window' | 'browser' = 'window',
  ): Promise<AuthState | PendingLogin | undefined> {
    const info = GRANT_INFO[grant]
    const label = !info.interactive
      ? `Requesting a token (${info.label.toLowerCase()})…`
      : via === 'window'
        ? 'Waiting for you to sign in in the login window…'
        : 'Opening the login page in your browser…'
    abandonPending(profileId)
    const result = await run(
      info.interactive && via === 'window' ? 'login' : 'token',
      profileId,
      label,
      async () => unwrap(await client().authGetToken({ profileId, grant, via })),
    )
    const failed = errorFor(profileId)
    const asked = failed?.code === 'confirm-missing-state' ? flowOf(failed) : null
    if (failed && asked && info.interactive) {
      confirms.value[profileId] = {
        message: failed.message,
        via: 'window',
        profileId,
        flowId: asked.flowId,
        pasted: '',
      }
      delete errors.value[profileId]
      return undefined
    }
    if (!result) return undefined
    if (isPending(result)) pendings.value[profileId] = result
    else states.value[profileId] = result
    return result
  }

  /** The user confirmed a login the window caught without `state`: main finishes it. */
  async function confirmWindowLogin(profileId: string): Promise<AuthState | undefined> {
    const question = confirms.value[profileId]
    if (!question || question.via !== 'window') return undefined
    delete confirms.value[profileId]
    const result = await run(
      'complete',
      question.profileId,
      'Finishing the sign-in…',
      async () => unwrap(await client().authConfirmLogin({ flowId: question.flowId })),
      false,
    )
    if (result) states.value[question.profileId] = result
    return result
  }

  /** Finishes a profile's system-browser route with what the user pasted. */
  async function completeLogin(
    profileId: string,
    pasted: string,
    acceptMissingState = false,
  ): Promise<AuthState | undefined> {
    const flow = pendings.value[profileId]
    if (!flow) return undefined
    delete confirms.value[profileId]
    const result = await run(
      'complete',
      flow.profileId,
      'Finishing the sign-in…',
      async () =>
        unwrap(
          await client().authCompleteLogin({
            flowId: flow.flowId,
            pasted,
            ...(acceptMissingState ? { acceptMissingState: true } : {}),
          }),
        ),
      false,
    )
    const failed = errors.value[profileId]
    if (failed?.code === 'confirm-missing-state') {
      confirms.value[profileId] = {
        message: failed.message,
        via: 'browser',
        profileId,
        flowId: flow.flowId,
        pasted,
      }
      delete errors.value[profileId]
      return undefined
    }
    if (!result) return undefined
    states.value[profileId] = result
    delete pendings.value[profileId]
    return result
  }

  function abandonPending(profileId: string): void {
    delete pendings.value[profileId]
    delete confirms.value[profileId]
  }

  /** Cancels the embedded login window (and forgets the profile's login waiting for a paste). */
  async function cancelLogin(profileId: string): Promise<void> {
    abandonPending(profileId)
    try {
      unwrap(await client().authCancelLogin())
    } catch (e) {
      errors.value[profileId] = toUiError(e)
    }
  }

  /** Cancels whatever is running: the login window, a token request, a refresh or its back-off. */
  async function cancel(): Promise<void> {
    const profileId = busy.value?.profileId
    if (profileId) abandonPending(profileId)
    try {
      unwrap(await client().authCancel())
    } catch (e) {
      if (profileId) errors.value[profileId] = toUiError(e)
      else useUiStore().toast('error', 'Could not cancel.', toUiError(e))
    }
  }

  async function refresh(profileId: string): Promise<AuthState | undefined> {
    const result = await run('refresh', profileId, 'Refreshing the token…', async () =>
      unwrap(await client().authRefresh({ profileId })),
    )
    if (result) states.value[profileId] = result
    return result
  }

  async function revoke(profileId: string): Promise<SignOutOutcome | undefined> {
    const result = await run('revoke', profileId, 'Revoking the tokens…', async () =>
      unwrap(await client().authSignOut({ profileId })),
    )
    if (result) {
      states.value[profileId] = result.state
      outcomes.value[profileId] = result
      useUiStore().toast(
        result.errors.length ? 'warning' : 'success',
        result.errors.length
          ? `Tokens forgotten; the server refused part of the revocation: ${result.errors.join(' ')}`
          : 'Tokens revoked and forgotten.',
      )
    }
    return result
  }

  async function forgetLogin(profileId: string): Promise<boolean> {
    const result = await run('forget', profileId, 'Forgetting the saved login…', async () =>
      unwrap(await client().authForgetLogin({ profileId })),
    )
    return result === null
  }

  function clearError(profileId: string): void {
    delete errors.value[profileId]
  }

  return {
    states,
    traces,
    choice,
    busy,
    errors,
    pendings,
    confirms,
    vault,
    vaultError,
    outcomes,
    waits,
    isBusy,
    waitFor,
    errorFor,
    pendingFor,
    confirmFor,
    outcomeFor,
    listen,
    stop,
    choiceFor,
    choose,
    loadState,
    loadTrace,
    loadVault,
    allowPersist,
    getToken,
    completeLogin,
    confirmWindowLogin,
    abandonPending,
    cancelLogin,
    cancel,
    refresh,
    revoke,
    forgetLogin,
    clearError,
  }
})
