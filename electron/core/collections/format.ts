/**
 * The on-disk format of a collection: a folder of small YAML files a team can keep in git.
 *
 * ```
 * my-collection/
 *   collection.yaml        version, id, name, variables (secret ones without a value), auth, order
 *   list-reviews.yaml      one request per file
 *   Reviews/
 *     folder.yaml          version, name, auth, order
 *     get-review.yaml
 * ```
 *
 * Why YAML: one request per file diffs line by line, multi-line JSON bodies stay readable as
 * block scalars, and people can add comments by hand. Every file carries `version: 1` and is
 * checked with zod when read; a file that fails is reported as damaged (file and reason) and left
 * untouched, and the rest of the collection still loads. `order` lists the entries of the folder
 * (file or folder names); entries it does not name follow, sorted by name.
 */
import { z } from 'zod'
import { HTTP_METHODS, keyValueRowSchema, requestBodySchema } from '../../shared/workbench'

export const FORMAT_VERSION = 1
export const COLLECTION_FILE = 'collection.yaml'
export const FOLDER_FILE = 'folder.yaml'
export const REQUEST_EXT = '.yaml'

const version = z.literal(FORMAT_VERSION, {
  error: (issue) =>
    issue.input === undefined
      ? 'the file has no version field'
      : `unknown version ${JSON.stringify(issue.input)} (this app reads version ${FORMAT_VERSION})`,
})

export const variableSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    value: z.string().max(100_000).default(''),
    secret: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()

export const savedAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile-token') }).strict(),
  z.object({ kind: z.literal('profile-apikey') }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('inherit') }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string().max(10_000) }).strict(),
  z
    .object({
      kind: z.literal('basic'),
      username: z.string().max(1000),
      password: z.string().max(1000),
    })
    .strict(),
  z
    .object({ kind: z.literal('header'), name: z.string().max(500), value: z.string().max(10_000) })
    .strict(),
])

export const captureSchema = z
  .object({
    variable: z.string().trim().min(1).max(200),
    from: z.enum(['body', 'header']),
    path: z.string().trim().min(1).max(1000),
  })
  .strict()

export const checkSchema = z
  .object({
    kind: z.enum(['status', 'json-exists', 'json-equals']),
    path: z.string().max(1000).optional(),
    equals: z.string().max(100_000).optional(),
  })
  .strict()

const scriptSchema = z
  .object({ kind: z.string().max(100), text: z.string().max(1_000_000) })
  .strict()

export const requestFileSchema = z
  .object({
    version,
    name: z.string().trim().min(1).max(200),
    method: z.enum(HTTP_METHODS),
    url: z.string().max(8000),
    query: z.array(keyValueRowSchema).default([]),
    headers: z.array(keyValueRowSchema).default([]),
    body: requestBodySchema.optional(),
    auth: savedAuthSchema.default({ kind: 'inherit' }),
    variables: z.array(variableSchema).optional(),
    captures: z.array(captureSchema).optional(),
    checks: z.array(checkSchema).optional(),
    docs: z.string().max(1_000_000).optional(),
    scripts: z.array(scriptSchema).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    endpointId: z.string().max(100).optional(),
  })
  .strict()

export const folderFileSchema = z
  .object({
    version,
    name: z.string().trim().min(1).max(200),
    order: z.array(z.string()).default([]),
    auth: savedAuthSchema.optional(),
    docs: z.string().max(1_000_000).optional(),
    scripts: z.array(scriptSchema).optional(),
  })
  .strict()

export const collectionFileSchema = z
  .object({
    version,
    /** Stable across moves and clones: the vault keys secret values by it. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    name: z.string().trim().min(1).max(200),
    variables: z.array(variableSchema).default([]),
    auth: savedAuthSchema.optional(),
    order: z.array(z.string()).default([]),
    docs: z.string().max(1_000_000).optional(),
    scripts: z.array(scriptSchema).optional(),
  })
  .strict()

export type RequestFile = z.output<typeof requestFileSchema>
export type FolderFile = z.output<typeof folderFileSchema>
export type CollectionFile = z.output<typeof collectionFileSchema>

/** One line per problem, with the field path: what the "damaged" list shows. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/** A file or folder name for an item name: readable, safe on every OS, never empty. */
export function slugFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .toLowerCase()
    .slice(0, 80)
  return slug || 'untitled'
}
