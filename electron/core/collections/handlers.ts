import type { SavedRequest } from '../../shared/collection'
import type { ChannelName } from '../../shared/contract'
import type { Handler } from '../ipc/dispatch'
import type { CollectionService } from './service'

type CollectionChannel = Extract<ChannelName, `collections:${string}`>

/** The `collections:*` part of the handler table (arguments already checked by the contract's schemas). */
export function collectionHandlers(c: CollectionService): { [C in CollectionChannel]: Handler<C> } {
  const store = c.store
  return {
    'collections:list': () => c.list(),
    'collections:create': ({ name }) => c.createCollection({ name, variables: [], items: [] }),
    'collections:open-folder': () => c.openFolder(),
    'collections:close': ({ collectionId }) => c.change(() => store.close(collectionId)),
    'collections:save-request': ({ collectionId, path, folder, request }) =>
      c.change(async () => ({
        // The file schema checks every field before anything is written.
        path: await store.saveRequest(collectionId, request as unknown as SavedRequest, {
          ...(path ? { path } : {}),
          folder,
        }),
      })),
    'collections:create-folder': ({ collectionId, parent, name }) =>
      c.change(async () => ({ path: await store.createFolder(collectionId, parent, name) })),
    'collections:rename': ({ collectionId, path, name }) =>
      c.change(async () => ({ path: await store.rename(collectionId, path, name) })),
    'collections:duplicate': ({ collectionId, path }) =>
      c.change(async () => ({ path: await store.duplicate(collectionId, path) })),
    'collections:move': ({ collectionId, path, folder, index }) =>
      c.change(async () => ({ path: await store.move(collectionId, path, folder, index) })),
    'collections:delete': ({ collectionId, path }) =>
      c.change(() => store.delete(collectionId, path)),
    'collections:undo': ({ token }) => c.change(async () => ({ path: await store.undo(token) })),
    'collections:set-variables': ({ collectionId, variables }) =>
      c.change(() => store.setVariables(collectionId, variables)),
    'collections:profile-variables': ({ profileId }) => c.getProfileVariables(profileId),
    'collections:set-profile-variables': ({ profileId, variables }) =>
      c.setProfileVariables(profileId, variables),
    'collections:send': ({ requestId, collectionId, path, requestVariables, ...draft }) =>
      c.send({
        draft,
        requestId: requestId ?? `cs${Date.now().toString(36)}`,
        ...(collectionId ? { collectionId } : {}),
        ...(path ? { path } : {}),
        ...(requestVariables ? { requestVariables } : {}),
      }),
    'collections:cancel-send': ({ requestId }) => c.cancelSend(requestId),
    'collections:run': (args) => c.run(args),
    'collections:cancel-run': ({ runId }) => c.cancelRun(runId),
  }
}
