import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import {
  PROFILE_EXPORT_FORMAT,
  SECRET_FIELDS,
  profileExportSchema,
  profileFieldsSchema,
  profileSaveSchema,
  profileSchema,
  type Profile,
  type ProfileSaveInput,
  type ProfileView,
  type SecretField,
} from '../../shared/profile'
import { HandlerError } from '../../shared/result'
import { maskSecret } from '../redact'
import type { KeyValueStore } from '../vault/kv-store'
import type { SecretVault } from '../vault/secret-vault'

const PROFILES = 'profiles'
const ACTIVE = 'activeProfileId'

export const secretId = (profileId: string, field: SecretField): string =>
  `profile:${profileId}:${field}`
const profilePrefix = (profileId: string): string => `profile:${profileId}:`

const describeIssues = (error: z.ZodError, prefix = ''): string[] =>
  error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.')
    if (i.code === 'unrecognized_keys')
      return `${path || 'profile'}: unknown field(s) ${i.keys.join(', ')}`
    return `${path || 'profile'}: ${i.message}`
  })

/**
 * Profiles: non-secret fields in a schema-checked store file, secret fields in the vault.
 * The renderer only ever gets `ProfileView`s, whose secrets are masked facts.
 */
export class ProfileRepository {
  /** Entries of the store file that failed the schema and were skipped, for the user to see. */
  readonly skipped: string[] = []

  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: SecretVault,
    private readonly newId: () => string = () => randomUUID(),
  ) {}

  private readAll(): Profile[] {
    const raw = this.store.get(PROFILES)
    if (!Array.isArray(raw)) return []
    const out: Profile[] = []
    raw.forEach((entry, index) => {
      const parsed = profileSchema.safeParse(entry)
      if (parsed.success) out.push(parsed.data)
      else if (!this.skipped.some((s) => s.startsWith(`#${index}:`))) {
        this.skipped.push(`#${index}: ${describeIssues(parsed.error).join('; ')}`)
      }
    })
    return out
  }

  private writeAll(profiles: Profile[]): void {
    this.store.set(PROFILES, profiles)
  }

  get(id: string): Profile | undefined {
    return this.readAll().find((p) => p.id === id)
  }

  require(id: string): Profile {
    const profile = this.get(id)
    if (!profile) throw new HandlerError('not-found', `No profile with id ${id}.`)
    return profile
  }

  async view(profile: Profile): Promise<ProfileView> {
    const secrets = {} as ProfileView['secrets']
    for (const field of SECRET_FIELDS) {
      const value = await this.vault.get(secretId(profile.id, field))
      secrets[field] = { set: !!value, masked: value ? maskSecret(value) : '' }
    }
    return { ...profile, secrets }
  }

  async list(): Promise<ProfileView[]> {
    return Promise.all(this.readAll().map((p) => this.view(p)))
  }

  /** Creates (no id) or updates a profile; secrets change only when given ('' removes one). */
  async save(input: ProfileSaveInput): Promise<ProfileView> {
    const parsed = profileSaveSchema.safeParse(input)
    if (!parsed.success) {
      throw new HandlerError('invalid-arguments', describeIssues(parsed.error).join('; '))
    }
    const { apiSecret, password, id: givenId, ...fields } = parsed.data
    const all = this.readAll()
    const id = givenId ?? this.newId()
    if (givenId && !all.some((p) => p.id === givenId)) {
      throw new HandlerError('not-found', `No profile with id ${givenId}.`)
    }
    const profile: Profile = { ...fields, id }
    const index = all.findIndex((p) => p.id === id)
    if (index >= 0) all[index] = profile
    else all.push(profile)
    const secrets: Record<SecretField, string | undefined> = { apiSecret, password }
    for (const field of SECRET_FIELDS) {
      const value = secrets[field]
      if (value === undefined) continue
      if (value === '') await this.vault.delete(secretId(id, field))
      else await this.vault.set(secretId(id, field), value)
    }
    this.writeAll(all)
    if (!this.activeId()) this.setActive(id)
    return this.view(profile)
  }

  async delete(id: string): Promise<void> {
    const all = this.readAll()
    if (!all.some((p) => p.id === id))
      throw new HandlerError('not-found', `No profile with id ${id}.`)
    const wasActive = this.store.get(ACTIVE) === id
    const rest = all.filter((p) => p.id !== id)
    this.writeAll(rest)
    await this.vault.deletePrefix(profilePrefix(id))
    if (wasActive) {
      const next = rest[0]
      if (next) this.setActive(next.id)
      else this.store.delete(ACTIVE)
    }
  }

  /** Reads one secret: for flows in main, and for the explicit reveal/copy action only. */
  secret(id: string, field: SecretField): Promise<string | undefined> {
    return this.vault.get(secretId(id, field))
  }

  activeId(): string | undefined {
    const id = this.store.get(ACTIVE)
    return typeof id === 'string' && this.get(id) ? id : undefined
  }

  setActive(id: string): void {
    this.require(id)
    this.store.set(ACTIVE, id)
  }

  /** The export file: every chosen profile's fields, never a secret, never an id. */
  exportJson(ids?: string[]): string {
    const chosen = this.readAll().filter((p) => !ids || ids.includes(p.id))
    const profiles = chosen.map(({ id: _id, ...fields }) => fields)
    return JSON.stringify({ format: PROFILE_EXPORT_FORMAT, version: 1, profiles }, null, 2)
  }

  /** Imports an export file; anything malformed or unknown refuses the whole import, with reasons. */
  async importJson(text: string): Promise<ProfileView[]> {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new HandlerError(
        'invalid-import',
        `The file is not valid JSON: ${(error as Error).message}`,
      )
    }
    const parsed = profileExportSchema.safeParse(data)
    if (!parsed.success) {
      const reasons = describeIssues(parsed.error)
      throw new HandlerError(
        'invalid-import',
        `The file cannot be imported: ${reasons.join('; ')}`,
        {
          reasons,
        },
      )
    }
    const all = this.readAll()
    const names = new Set(all.map((p) => p.name))
    const added: Profile[] = parsed.data.profiles.map((fields) => {
      let name = fields.name
      for (let n = 2; names.has(name); n++) name = `${fields.name} (${n})`
      names.add(name)
      return { ...profileFieldsSchema.parse(fields), name, id: this.newId() }
    })
    this.writeAll([...all, ...added])
    return Promise.all(added.map((p) => this.view(p)))
  }
}
