import { HandlerError } from '../../shared/result'
import type { AppServices } from '../services/app-services'
import { findBusinessUnit } from '../services/public-api'
import { runSandboxDemo } from '../services/sandbox-demos'
import type { HandlerTable } from './dispatch'
import { collectionHandlers } from '../collections/handlers'
import { createImportHandlers } from './import-handlers'

/**
 * The one table of channel implementations, shared by the Electron app and the e2e harness.
 * Every result is masked: secrets leave only through `secrets:reveal` and `secrets:copy`.
 */
export function createHandlers(services: AppServices): HandlerTable {
  const { profiles, auth, sandbox, workbench } = services
  return {
    'app:info': () => services.ports.appInfo(),

    'profiles:list': async () => ({
      profiles: await profiles.list(),
      activeId: profiles.activeId() ?? null,
      notices: [...services.notices],
    }),
    'profiles:save': async (input) => {
      const saved = await profiles.save(input)
      // Credentials may have changed: the next token call rebuilds the manager.
      if (profiles.activeId() === saved.id) {
        await auth.setActive(saved.id).catch(() => undefined)
      }
      return saved
    },
    'profiles:delete': async ({ profileId }) => {
      auth.forgetProfile(profileId)
      await profiles.delete(profileId)
      return null
    },
    'profiles:set-active': async ({ profileId }) => {
      profiles.setActive(profileId)
      await auth.setActive(profileId).catch(() => undefined)
      return null
    },
    'profiles:export': ({ profileIds }) => ({ json: profiles.exportJson(profileIds) }),
    'profiles:import': ({ json }) => profiles.importJson(json),
    'profiles:find-business-unit': ({ profileId, name }) => {
      const profile = profiles.require(profileId)
      return findBusinessUnit(
        services.ports.fetch,
        auth.environmentFor(profile),
        profile.apiKey,
        name,
      )
    },

    'auth:get-token': ({ profileId, grant, via }) => auth.getToken(profileId, grant, via),
    'auth:complete-login': ({ flowId, pasted, acceptMissingState }) =>
      auth.completeLogin(flowId, pasted, acceptMissingState),
    'auth:cancel-login': () => {
      auth.cancelLogin()
      return null
    },
    'auth:cancel': () => {
      auth.cancelAll()
      return null
    },
    'auth:refresh': ({ profileId }) => auth.refresh(profileId),
    'auth:sign-out': ({ profileId }) => auth.signOut(profileId),
    'auth:forget-login': async ({ profileId }) => {
      await auth.forgetLogin(profileId)
      return null
    },
    'auth:state': ({ profileId }) => auth.state(profileId),
    'auth:trace': ({ profileId }) => auth.trace(profileId),

    'secrets:reveal': async ({ profileId, secret }) => ({
      value: await auth.reveal(profileId, secret),
    }),
    'secrets:copy': async ({ profileId, secret }) => {
      await auth.copy(profileId, secret)
      return null
    },

    'clipboard:write-text': ({ text }) => {
      services.ports.writeClipboard(text)
      return null
    },

    'vault:status': () => services.vaultStatus(),
    'vault:allow-persist': () => {
      if (services.vault.status().protected) {
        throw new HandlerError('not-needed', 'Secrets are already encrypted by the OS keyring.')
      }
      return services.allowUnprotectedPersistence()
    },

    'sandbox:status': () => sandbox.status(),
    'sandbox:start': () => sandbox.start(),
    'sandbox:stop': async () => {
      auth.dispose()
      return sandbox.stop()
    },
    'sandbox:demo': ({ demo }) => {
      const running = sandbox.current()
      if (!running) {
        throw new HandlerError('sandbox-stopped', 'The sandbox is not running: start it first.')
      }
      return runSandboxDemo(services.ports.fetch, running.controlBase, demo)
    },

    'http:send': ({ requestId, ...draft }) => workbench.send(draft, requestId),
    'http:cancel': ({ requestId }) => workbench.cancel(requestId),
    'http:body': (args) => workbench.bodySlice(args),
    'http:save-body': (args) => workbench.saveBody(args),
    'http:copy-body': (args) => workbench.copyBody(args),
    'history:list': (args) => workbench.historyList(args),
    'history:get': ({ id }) => workbench.historyGet(id),
    'history:response': ({ id }) => workbench.recordedResponse(id),
    'history:resend': ({ id, requestId, profileId }) =>
      workbench.resend(id, {
        ...(requestId ? { requestId } : {}),
        ...(profileId ? { profileId } : {}),
      }),
    'history:clear': () => workbench.clearHistory(),
    'tabs:load': () => services.tabs.load(),
    'tabs:save': ({ json }) => services.tabs.save(json),
    'snippets:generate': ({ draft, languages, includeSecrets }) =>
      workbench.snippets({ draft, includeSecrets, ...(languages ? { languages } : {}) }),

    // ---- security: confirming a login without `state`, secrets that cannot be decrypted ----
    'auth:confirm-login': ({ flowId }) => auth.confirmLogin(flowId),
    'vault:retry': () => services.retryUnreadable(),
    'vault:forget': ({ key }) => services.forgetUnreadable(key),
    ...collectionHandlers(services.collections),
    // Import and export (issue 15).
    ...createImportHandlers(services),
  }
}
