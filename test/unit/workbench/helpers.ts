/** The real app services and sandbox, driven through the IPC dispatcher as the renderer would. */
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatch'
import { createHandlers } from '../../../electron/core/ipc/handlers'
import { VaultTokenStore } from '../../../electron/core/vault/vault-token-store'
import type { ChannelName, ChannelResult } from '../../../electron/shared/contract'
import type { IpcResult } from '../../../electron/shared/result'
import type { DraftRequest } from '../../../electron/shared/workbench'
import type { HostPorts } from '../../../electron/core/services/app-services'
import { createTestApp, type TestApp } from '../helpers/app-services'
import { sandboxControlHeaders } from '../../../electron/shared/sandbox-control'

const ORIGIN = 'app://explorer'
const sender = { present: true, isMainFrame: true, url: `${ORIGIN}/index.html` }

export interface Bench {
  app: TestApp
  dispatch: Dispatch
  call<C extends ChannelName>(channel: C, arg?: unknown): Promise<IpcResult<ChannelResult<C>>>
  /** Like call, but fails the test on an error result. */
  ok<C extends ChannelName>(channel: C, arg?: unknown): Promise<ChannelResult<C>>
  profileId: string
  apiBase: string
  invitationsBase: string
  controlBase: string
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>
  /** The profile's current access token (from the vault), for assertions only. */
  accessToken(profileId?: string): Promise<string | undefined>
  draft(partial: Partial<DraftRequest>): DraftRequest
}

export async function startBench(overrides: Partial<HostPorts> = {}): Promise<Bench> {
  const app = await createTestApp(overrides)
  const dispatch = createDispatcher(createHandlers(app.services), { allowedOrigins: [ORIGIN] })
  const sb = app.services.sandbox.current()
  if (!sb) throw new Error('sandbox not running')
  const call = async <C extends ChannelName>(channel: C, arg?: unknown) =>
    (await dispatch(channel, sender, arg)) as IpcResult<ChannelResult<C>>
  return {
    app,
    dispatch,
    call,
    ok: async <C extends ChannelName>(channel: C, arg?: unknown) => {
      const r = await call(channel, arg)
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`)
      return r.value
    },
    profileId: app.sandboxProfileId,
    apiBase: sb.apiBase,
    invitationsBase: sb.invitationsBase,
    controlBase: sb.controlBase,
    async control(method, path, body) {
      const res = await fetch(`${sb.controlBase}${path}`, {
        method,
        headers: sandboxControlHeaders(),
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`)
      return text ? (JSON.parse(text) as Record<string, unknown>) : {}
    },
    async accessToken(profileId = app.sandboxProfileId) {
      return (await new VaultTokenStore(app.services.vault).load(profileId))?.accessToken
    },
    draft: (partial) => ({
      profileId: app.sandboxProfileId,
      method: 'GET',
      url: '{{apiBase}}/private/business-units/{{businessUnitId}}/reviews',
      query: [],
      headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
      auth: 'token',
      ...partial,
    }),
  }
}
