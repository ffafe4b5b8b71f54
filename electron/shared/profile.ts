import { z } from 'zod'
import { GRANTS } from './profile-fields'

// The plain data and checks on profile fields live in a module without zod, so the renderer can
// use them without loading zod; they are exported from here as before.
export {
  GRANTS,
  GRANT_FIELDS,
  fieldLabel,
  missingForGrant,
  redirectUriProblems,
  type MissingField,
} from './profile-fields'

/** A profile: who to authenticate as, where, and how. Secrets live in the vault, not here. */

export const grantSchema = z.enum(GRANTS)
export type Grant = z.infer<typeof grantSchema>

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s)
      return u.protocol === 'https:' || u.protocol === 'http:'
    } catch {
      return false
    }
  }, 'must be an absolute http(s) URL')

const optionalUrl = z.union([z.literal(''), httpUrl]).optional()

export const environmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trustpilot') }).strict(),
  z.object({ kind: z.literal('sandbox') }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      tokenUrl: httpUrl,
      refreshUrl: optionalUrl,
      revokeUrl: optionalUrl,
      authorizeUrl: optionalUrl,
      apiBase: optionalUrl,
      invitationsBase: optionalUrl,
      /** PKCE S256 for the authorization-code grant (Trustpilot is believed not to support it). */
      pkce: z.boolean().optional(),
    })
    .strict(),
])
export type EnvironmentConfig = z.infer<typeof environmentSchema>

const text = (max: number) => z.string().trim().max(max)

export const profileFieldsSchema = z
  .object({
    name: text(80).min(1, 'a profile needs a name'),
    environment: environmentSchema,
    apiKey: text(300).default(''),
    username: text(300).default(''),
    redirectUri: text(2000).default(''),
    businessUnitId: text(100).default(''),
    businessUserId: text(100).default(''),
    clientAuth: z.enum(['basic', 'body']).default('basic'),
    defaultGrant: grantSchema.default('client_credentials'),
    rememberLogin: z.boolean().default(false),
  })
  .strict()

export const profileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a profile id')

export const profileSchema = profileFieldsSchema.extend({ id: profileIdSchema }).strict()
export type Profile = z.infer<typeof profileSchema>

/** What the renderer sends to save: the fields, plus secrets only when the user typed new ones. */
export const profileSaveSchema = profileFieldsSchema
  .extend({
    id: profileIdSchema.optional(),
    /** Absent: keep the stored secret. Empty string: remove it. */
    apiSecret: z.string().max(500).optional(),
    password: z.string().max(500).optional(),
  })
  .strict()
export type ProfileSaveInput = z.input<typeof profileSaveSchema>

/**
 * A profile environment variable (collections): a user-defined name/value pair, between a
 * collection's variables and the built-ins in precedence. They are kept beside the profile
 * (`profile-variables.json`, secret values in the vault under the profile's prefix) rather than
 * in the profile record, so saving a profile from the editor never drops or rewrites them.
 */
export const profileEnvVariableSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    value: z.string().max(100_000).default(''),
    secret: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
export type ProfileEnvVariable = z.input<typeof profileEnvVariableSchema>

export const SECRET_FIELDS = ['apiSecret', 'password'] as const
export type SecretField = (typeof SECRET_FIELDS)[number]

/** What the renderer may know about a secret: whether it is set, and its last four characters. */
export interface SecretFact {
  set: boolean
  masked: string
  /** Stored, but it could not be decrypted (kept: the user may try again or forget it). */
  unreadable?: boolean
}

export interface ProfileView extends Profile {
  secrets: Record<SecretField, SecretFact>
}

/** The export file: profiles without any secret. */
export const PROFILE_EXPORT_FORMAT = 'tp-api-explorer/profiles'
export const profileExportSchema = z
  .object({
    format: z.literal(PROFILE_EXPORT_FORMAT),
    version: z.literal(1),
    profiles: z.array(profileFieldsSchema).max(500),
  })
  .strict()
export type ProfileExport = z.infer<typeof profileExportSchema>

export type ProfileField = keyof z.input<typeof profileFieldsSchema> | SecretField
