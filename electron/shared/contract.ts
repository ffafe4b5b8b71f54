import { z } from 'zod'
import type { IpcResult } from './result'
import type { EventMethodName, MethodName } from './names'
import type { AppInfo } from './types'
import { grantSchema, profileIdSchema, profileSaveSchema, type ProfileView } from './profile'
import { SANDBOX_DEMOS } from './auth'
import type {
  AuthState,
  AuthWait,
  BusinessUnitMatch,
  FlowTrace,
  PendingLogin,
  SandboxStatus,
  SignOutOutcome,
  VaultStatusView,
} from './auth'
import {
  bodyActionSchema,
  bodySliceSchema,
  historyIdSchema,
  historyListSchema,
  MAX_TABS_SNAPSHOT,
  requestIdSchema,
  sendRequestSchema,
  snippetRequestSchema,
  type BodySlice,
  type HistoryEntry,
  type HistoryListResult,
  type ResponseSummary,
  type SaveBodyResult,
  type SnippetResult,
  type TabsLoadResult,
} from './workbench'
import {
  collectionsChannelArgs as coll,
  type CollectionView,
  type RunProgress,
  type SendResultExtras,
  type VariableView,
} from './collections-api'
import {
  exportFormatSchema,
  importFormatSchema,
  previewIdSchema,
  type ImportedCollection,
  type ImportOutcome,
  type TabRequest,
} from './import'

/**
 * The IPC contract: every channel the renderer may call, with the schema its argument must pass
 * and the type it resolves to. Main registers handlers from this list, the preload builds one
 * function per channel from it, and `window.api`'s type is derived from it.
 */
interface ChannelDef<A extends z.ZodType, R> {
  args: A
  /** Phantom: carries the result type only (a function type, so `null` results survive). */
  result?: () => R
}

const channel = <R>() => ({
  /** A channel that takes no argument. */
  none: () => ({ args: z.undefined() }) as ChannelDef<z.ZodUndefined, R>,
  with: <A extends z.ZodType>(args: A) => ({ args }) as ChannelDef<A, R>,
})

const byProfile = z.object({ profileId: profileIdSchema }).strict()
const secretName = z.enum(['apiSecret', 'password', 'accessToken', 'refreshToken'])

export const channels = {
  'app:info': channel<AppInfo>().none(),

  'profiles:list': channel<{
    profiles: ProfileView[]
    activeId: string | null
    notices: string[]
  }>().none(),
  'profiles:save': channel<ProfileView>().with(profileSaveSchema),
  'profiles:delete': channel<null>().with(byProfile),
  'profiles:set-active': channel<null>().with(byProfile),
  'profiles:export': channel<{ json: string }>().with(
    z.object({ profileIds: z.array(profileIdSchema).max(500).optional() }).strict(),
  ),
  'profiles:import': channel<ProfileView[]>().with(
    z.object({ json: z.string().max(5_000_000) }).strict(),
  ),
  /** "Find my business unit id": the public API, with the profile's API key, by domain name. */
  'profiles:find-business-unit': channel<BusinessUnitMatch>().with(
    z.object({ profileId: profileIdSchema, name: z.string().trim().min(1).max(300) }).strict(),
  ),

  /** Gets a token with `grant`; the interactive grants use the login window, or the system browser. */
  'auth:get-token': channel<AuthState | PendingLogin>().with(
    z
      .object({
        profileId: profileIdSchema,
        grant: grantSchema,
        via: z.enum(['window', 'browser']).optional(),
      })
      .strict(),
  ),
  /** Finishes a system-browser login with the URL (or code) the user pasted. */
  'auth:complete-login': channel<AuthState>().with(
    z
      .object({
        flowId: z.string().min(1).max(100),
        pasted: z.string().min(1).max(20_000),
        acceptMissingState: z.boolean().optional(),
      })
      .strict(),
  ),
  'auth:cancel-login': channel<null>().none(),
  /** Cancels whatever token work is running: a login, a token request, a refresh, its back-off. */
  'auth:cancel': channel<null>().none(),
  'auth:refresh': channel<AuthState>().with(byProfile),
  'auth:sign-out': channel<SignOutOutcome>().with(byProfile),
  'auth:forget-login': channel<null>().with(byProfile),
  'auth:state': channel<AuthState>().with(byProfile),
  'auth:trace': channel<FlowTrace | null>().with(byProfile),

  /** The only ways a secret reaches the renderer or the clipboard: an explicit user action. */
  'secrets:reveal': channel<{ value: string }>().with(
    z.object({ profileId: profileIdSchema, secret: secretName }).strict(),
  ),
  'secrets:copy': channel<null>().with(
    z.object({ profileId: profileIdSchema, secret: secretName }).strict(),
  ),

  /** Copies non-secret text (a trace, an export, a snippet) through the main-process clipboard. */
  'clipboard:write-text': channel<null>().with(
    z.object({ text: z.string().max(50_000_000) }).strict(),
  ),

  'vault:status': channel<VaultStatusView>().none(),
  'vault:allow-persist': channel<VaultStatusView>().none(),

  'sandbox:status': channel<SandboxStatus>().none(),
  'sandbox:start': channel<SandboxStatus>().none(),
  'sandbox:stop': channel<SandboxStatus>().none(),
  /** Arranges a demo scenario in the running sandbox; says what the next call will meet. */
  'sandbox:demo': channel<{ message: string }>().with(
    z.object({ demo: z.enum(SANDBOX_DEMOS) }).strict(),
  ),

  // The request workbench. The endpoint catalogue is pure data: the renderer imports
  // electron/shared/catalogue.ts directly (search, drafts), so it has no channel.
  /** Sends a draft; the body comes inline when small, else through `http:body`. */
  'http:send': channel<ResponseSummary>().with(sendRequestSchema),
  'http:cancel': channel<{ cancelled: boolean }>().with(
    z.object({ requestId: requestIdSchema }).strict(),
  ),
  /** A slice of a kept response body (raw text, pretty-printed JSON, or base64 bytes). */
  'http:body': channel<BodySlice>().with(bodySliceSchema),
  /** Main asks where to save (a dialog), then writes the file. */
  'http:save-body': channel<SaveBodyResult>().with(bodyActionSchema),
  'http:copy-body': channel<{ chars: number }>().with(bodyActionSchema),

  'history:list': channel<HistoryListResult>().with(historyListSchema),
  'history:get': channel<HistoryEntry>().with(z.object({ id: historyIdSchema }).strict()),
  /** The response an entry recorded, as the viewer shows one (its body kept in main again); null if it failed. */
  'history:response': channel<ResponseSummary | null>().with(
    z.object({ id: historyIdSchema }).strict(),
  ),
  'history:resend': channel<ResponseSummary>().with(
    z
      .object({
        id: historyIdSchema,
        requestId: requestIdSchema.optional(),
        profileId: profileIdSchema.optional(),
      })
      .strict(),
  ),
  'history:clear': channel<null>().none(),

  /**
   * The workbench's open tabs (an opaque snapshot the renderer owns), kept by main between runs
   * and encrypted like a secret: a draft holds whatever the user typed, tokens included.
   */
  'tabs:load': channel<TabsLoadResult>().none(),
  'tabs:save': channel<null>().with(z.object({ json: z.string().max(MAX_TABS_SNAPSHOT) }).strict()),

  /** cURL, Node fetch, Python requests; secrets as $TP_… references unless includeSecrets. */
  'snippets:generate': channel<SnippetResult>().with(snippetRequestSchema),

  // ---- security: confirming a login without `state`, secrets that cannot be decrypted ----
  /** Finishes a login the login window caught without `state`, once the user confirmed it. */
  'auth:confirm-login': channel<AuthState>().with(
    z.object({ flowId: z.string().min(1).max(100) }).strict(),
  ),
  /** Tries again to decrypt every stored item that could not be (the keyring was locked?). */
  'vault:retry': channel<VaultStatusView>().none(),
  /** Forgets one item that cannot be decrypted: its ciphertext is deleted for good. */
  'vault:forget': channel<VaultStatusView>().with(
    z.object({ key: z.string().min(1).max(300) }).strict(),
  ),
  // ---- collections (issue 14): saved requests in folders, variables, chaining, runs ----
  /** Every collection (re-read from disk), damaged files listed with the reason. */
  'collections:list': channel<{ collections: CollectionView[]; root: string }>().none(),
  'collections:create': channel<CollectionView>().with(coll.create),
  /** Main asks for a folder (a dialog); null when the user cancels. */
  'collections:open-folder': channel<CollectionView | null>().none(),
  /** Forgets an opened folder; its files stay. */
  'collections:close': channel<null>().with(coll.ref),
  'collections:save-request': channel<{ path: string }>().with(coll.saveRequest),
  'collections:create-folder': channel<{ path: string }>().with(coll.createFolder),
  'collections:rename': channel<{ path: string }>().with(coll.rename),
  'collections:duplicate': channel<{ path: string }>().with(coll.item),
  'collections:move': channel<{ path: string }>().with(coll.move),
  /** Deletes into the app's trash; `collections:undo` puts it back. */
  'collections:delete': channel<{ token: string }>().with(coll.item),
  'collections:undo': channel<{ path: string }>().with(coll.undo),
  /** Secret values go to the vault; the renderer only ever gets them masked. */
  'collections:set-variables': channel<null>().with(coll.setVariables),
  'collections:profile-variables': channel<VariableView[]>().with(coll.profileVariables),
  'collections:set-profile-variables': channel<VariableView[]>().with(coll.setProfileVariables),
  /** Sends a draft with request, collection and profile variables resolved in main; runs captures. */
  'collections:send': channel<ResponseSummary & SendResultExtras>().with(coll.send),
  'collections:cancel-send': channel<{ cancelled: boolean }>().with(
    z.object({ requestId: requestIdSchema }).strict(),
  ),
  /** Runs a folder, a request or the whole collection; progress comes as events. */
  'collections:run': channel<RunProgress>().with(coll.run),
  'collections:cancel-run': channel<{ cancelled: boolean }>().with(coll.cancelRun),
  // ---- Import and export (issue 15): Bruno, Postman, OpenAPI, cURL; profile files too ----
  /** Main opens a file or folder dialog, reads what was chosen and returns its summary. */
  'import:pick': channel<ImportOutcome>().with(
    z.object({ kind: z.enum(['file', 'folder']), format: importFormatSchema.optional() }).strict(),
  ),
  /** Pasted text or a file read in the renderer: detected, summarised (profiles: imported). */
  'import:text': channel<ImportOutcome>().with(
    z
      .object({
        text: z.string().min(1).max(50_000_000),
        name: z.string().max(300).optional(),
        format: importFormatSchema.optional(),
      })
      .strict(),
  ),
  /** Writes the summarised collection (nothing is written before this). */
  'import:confirm': channel<ImportedCollection>().with(
    z.object({ previewId: previewIdSchema, environment: z.string().max(200).optional() }).strict(),
  ),
  'import:cancel': channel<null>().with(z.object({ previewId: previewIdSchema }).strict()),
  /** A `curl …` line pasted into the URL box, as the tab's request (profile-host tokens dropped). */
  'import:curl': channel<{ draft: TabRequest; notes: string[] }>().with(
    z.object({ profileId: profileIdSchema, text: z.string().min(1).max(1_000_000) }).strict(),
  ),
  /** Main asks where to save, then writes the collection (or one folder) as Postman or Bruno. */
  'export:collection': channel<{ saved: boolean; path?: string }>().with(
    z
      .object({
        collectionId: z.string().min(1).max(200),
        format: exportFormatSchema,
        folder: z.array(z.string().max(300)).max(20).optional(),
      })
      .strict(),
  ),
} as const

/** Events main pushes to the renderer, with their payload types. */
export const events = {
  'app:notice': {} as { level: 'info' | 'warning' | 'error'; message: string },
  'token:changed': {} as AuthState,
  // ---- token request waits (issue 17 item 6) ----
  'auth:waiting': {} as AuthWait,
  // collections (issue 14)
  'collections:changed': {} as { at: number },
  'collections:run-progress': {} as RunProgress,
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type EventName = keyof typeof events

export type ChannelArgs<C extends ChannelName> = z.input<Channels[C]['args']>
export type ParsedArgs<C extends ChannelName> = z.output<Channels[C]['args']>
export type ChannelResult<C extends ChannelName> = ReturnType<NonNullable<Channels[C]['result']>>
export type EventPayload<E extends EventName> = (typeof events)[E]

export const channelNames = Object.keys(channels) as ChannelName[]
export const eventNames = Object.keys(events) as EventName[]

type ApiMethod<C extends ChannelName> =
  ChannelArgs<C> extends undefined
    ? () => Promise<IpcResult<ChannelResult<C>>>
    : (arg: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>

/** The shape of `window.api`: nothing but these functions. */
export type Api = {
  [C in ChannelName as MethodName<C>]: ApiMethod<C>
} & {
  [E in EventName as EventMethodName<E>]: (
    callback: (payload: EventPayload<E>) => void,
  ) => () => void
}
