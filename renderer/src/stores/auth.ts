import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AuthState,
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
 * trace, and the one auth operation running at a time with its error.
 */
export const useAuthStore = defineStore('auth', () => {
  const states = ref<Record<string, AuthState>>({})
  const traces = ref<Record<string, FlowTrace | null>>({})
  const choice = ref<Record<string, GrantChoice>>({})
  const busy = ref<Busy | null>(null)
  const error = ref<UiError | null>(null)
  const pending = ref<PendingLogin | null>(null)
  /**
   * Main asked for confirmation: the login came back without `state`, caught in the login
   * window (`via: 'window'`, main keeps what it caught) or pasted (`via: 'browser'`).
   */
  const confirmMissingState = ref<MissingStateQuestion | null>(null)
  const vault = ref<VaultStatusView | null>(null)
  const lastOutcome = ref<SignOutOutcome | null>(null)
  let unsubscribe: (() => void) | null = null

  const isBusy = computed(() => busy.value !== null)

  /** Subscribes to `token:changed` once; returns the unsubscribe. */
  function listen(): () => void {
    unsubscribe ??= client().onTokenChanged((state) => {
      states.value[state.profileId] = state
      if (state.profileId in traces.value) void loadTrace(state.profileId)
    })
    return stop
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

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
      error.value = toUiError(e)
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
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  /** Runs one operation at a time; the error (if any) lands in `error`, the result is returned. */
  async function run<T>(
    kind: BusyKind,
    profileId: string,
    label: string,
    work: () => Promise<T>,
    cancellable = true,
  ): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = { kind, profileId, label, cancellable, startedAt: Date.now() }
    error.value = null
    try {
      return await work()
    } catch (e) {
      error.value = toUiError(e)
      return undefined
    } finally {
      busy.value = null
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
    pending.value = null
    confirmMissingState.value = null
    const result = await run(
      info.interactive && via === 'window' ? 'login' : 'token',
      profileId,
      label,
      async () => unwrap(await client().authGetToken({ profileId, grant, via })),
    )
    const asked = error.value?.code === 'confirm-missing-state' ? flowOf(error.value) : null
    if (asked && info.interactive) {
      confirmMissingState.value = {
        message: error.value!.message,
        via: 'window',
        profileId,
        flowId: asked.flowId,
        pasted: '',
      }
      error.value = null
      return undefined
    }
    if (!result) return undefined
    if (isPending(result)) pending.value = result
    else states.value[profileId] = result
    return result
  }

  /** The user confirmed a login the window caught without `state`: main finishes it. */
  async function confirmWindowLogin(): Promise<AuthState | undefined> {
    const question = confirmMissingState.value
    if (!question || question.via !== 'window') return undefined
    confirmMissingState.value = null
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

  /** Finishes the system-browser route with what the user pasted. */
  async function completeLogin(
    pasted: string,
    acceptMissingState = false,
  ): Promise<AuthState | undefined> {
    const flow = pending.value
    if (!flow) return undefined
    confirmMissingState.value = null
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
    if (error.value?.code === 'confirm-missing-state') {
      confirmMissingState.value = {
        message: error.value.message,
        via: 'browser',
        profileId: flow.profileId,
        flowId: flow.flowId,
        pasted,
      }
      error.value = null
      return undefined
    }
    if (!result) return undefined
    states.value[flow.profileId] = result
    pending.value = null
    return result
  }

  function abandonPending(): void {
    pending.value = null
    confirmMissingState.value = null
  }

  /** Cancels the embedded login window (and forgets a system-browser login waiting for a paste). */
  async function cancelLogin(): Promise<void> {
    abandonPending()
    try {
      unwrap(await client().authCancelLogin())
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  /** Cancels whatever is running: the login window, a token request, a refresh or its back-off. */
  async function cancel(): Promise<void> {
    abandonPending()
    try {
      unwrap(await client().authCancel())
    } catch (e) {
      error.value = toUiError(e)
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
      lastOutcome.value = result
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

  function clearError(): void {
    error.value = null
  }

  return {
    states,
    traces,
    choice,
    busy,
    error,
    pending,
    confirmMissingState,
    vault,
    lastOutcome,
    isBusy,
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
