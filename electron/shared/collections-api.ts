/**
 * Collections as the renderer sees them, and the argument schemas of the `collections:*` channels.
 * Items carry `path`: their location inside the collection folder (POSIX, e.g. `Reviews/get.yaml`),
 * which is how the renderer names them. Secret variable values never appear here: only `masked`.
 */
import { z } from 'zod'
import type {
  CollectionFolder,
  CollectionTree,
  CollectionVariable,
  SavedRequest,
} from './collection'
import { profileIdSchema } from './profile'
import { sendRequestSchema } from './workbench'

export interface DamagedFile {
  /** Absolute path of the file. */
  file: string
  reason: string
}

export interface StoredRequest extends SavedRequest {
  path: string
}

export interface StoredFolder extends Omit<CollectionFolder, 'items'> {
  path: string
  items: StoredItem[]
}

export type StoredItem = StoredRequest | StoredFolder

/** A variable as shown: secret ones have `value: ''` and `masked` (e.g. `••••3f9a`) when set. */
export interface VariableView extends CollectionVariable {
  masked?: string
  /** A secret variable has a value in the vault. */
  set?: boolean
}

export interface CollectionView extends Omit<CollectionTree, 'items' | 'variables'> {
  id: string
  dir: string
  /** Opened from elsewhere with *Open folder…* (not under the app's data folder). */
  external: boolean
  variables: VariableView[]
  items: StoredItem[]
  damaged: DamagedFile[]
}

export const collectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a collection id')
export const itemPathSchema = z
  .string()
  .max(2000)
  // Relative, forward slashes only: never outside the collection's folder.
  .refine(
    (p) =>
      !/[\\:\0]/.test(p) &&
      !p.startsWith('/') &&
      !p.split('/').some((s) => s === '..' || s === '.'),
    'not an item path',
  )

const rowSchema = z.object({ name: z.string(), value: z.string(), enabled: z.boolean().optional() })

export const variableInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** For a secret variable: the new value, or absent to keep the stored one. */
    value: z.string().max(100_000).optional(),
    secret: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
export type VariableInput = z.infer<typeof variableInputSchema>

/** A SavedRequest coming from the renderer (checked again by the file schema before writing). */
export const savedRequestInputSchema = z
  .object({
    type: z.literal('request'),
    name: z.string().trim().min(1).max(200),
    method: z.string(),
    url: z.string().max(8000),
    query: z.array(rowSchema).max(200),
    headers: z.array(rowSchema).max(200),
    body: z.unknown().optional(),
    auth: z.unknown(),
    variables: z.array(variableInputSchema).max(200).optional(),
    captures: z.array(z.unknown()).max(100).optional(),
    checks: z.array(z.unknown()).max(100).optional(),
    docs: z.string().optional(),
    scripts: z.array(z.unknown()).optional(),
    timeoutMs: z.number().optional(),
    endpointId: z.string().optional(),
  })
  .strict()

export const collectionsChannelArgs = {
  create: z.object({ name: z.string().trim().min(1).max(200) }).strict(),
  ref: z.object({ collectionId: collectionIdSchema }).strict(),
  item: z.object({ collectionId: collectionIdSchema, path: itemPathSchema }).strict(),
  saveRequest: z
    .object({
      collectionId: collectionIdSchema,
      /** Existing file to overwrite; absent for a new request. */
      path: itemPathSchema.optional(),
      /** Folder for a new request ('' is the collection's top level). */
      folder: itemPathSchema.default(''),
      request: savedRequestInputSchema,
    })
    .strict(),
  createFolder: z
    .object({
      collectionId: collectionIdSchema,
      parent: itemPathSchema.default(''),
      name: z.string().trim().min(1).max(200),
    })
    .strict(),
  rename: z
    .object({
      collectionId: collectionIdSchema,
      path: itemPathSchema,
      name: z.string().trim().min(1).max(200),
    })
    .strict(),
  move: z
    .object({
      collectionId: collectionIdSchema,
      path: itemPathSchema,
      folder: itemPathSchema,
      index: z.number().int().min(0).optional(),
    })
    .strict(),
  undo: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }).strict(),
  setVariables: z
    .object({
      collectionId: collectionIdSchema,
      variables: z.array(variableInputSchema).max(500),
    })
    .strict(),
  profileVariables: z.object({ profileId: profileIdSchema }).strict(),
  setProfileVariables: z
    .object({ profileId: profileIdSchema, variables: z.array(variableInputSchema).max(500) })
    .strict(),
  send: sendRequestSchema.extend({
    collectionId: collectionIdSchema.optional(),
    /** The saved request this tab came from (its captures run after the answer). */
    path: itemPathSchema.optional(),
    requestVariables: z.array(variableInputSchema).max(200).optional(),
  }),
  run: z
    .object({
      collectionId: collectionIdSchema,
      profileId: profileIdSchema,
      /** A folder path ('' for the whole collection) or one request's path. */
      path: itemPathSchema.default(''),
      stopOnFailure: z.boolean().default(false),
      delayMs: z.number().int().min(0).max(60_000).default(0),
      /** Chosen by the renderer so it can cancel before the answer. */
      runId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,80}$/)
        .optional(),
    })
    .strict(),
  cancelRun: z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }).strict(),
} as const

/** One check's outcome in a run. */
export interface CheckResult {
  label: string
  ok: boolean
  detail?: string
}

/** One request's outcome in a run (the CLI's `--json` shape is a subset). */
export interface RunItemResult {
  name: string
  path: string
  folder: string
  method: string
  /** Resolved URL, secrets masked. */
  url: string
  status?: number
  ok: boolean
  ms: number
  size?: number
  checks: CheckResult[]
  /** Captures that found nothing, and other things the user must know. */
  problems: string[]
  captured: string[]
  error?: string
  /** Open the response in the viewer (history entry). */
  historyId?: string
  responseId?: string
}

export interface RunProgress {
  runId: string
  collectionId: string
  done: number
  total: number
  current?: string
  results: RunItemResult[]
  finished: boolean
  cancelled: boolean
}

export interface SendResultExtras {
  captured: string[]
  problems: string[]
}
