/**
 * Profile environment variables: user-defined name/value pairs per profile, the scope between a
 * collection's variables and the built-ins. Plain values live in `profile-variables.json` (written
 * atomically); secret values live in the vault under the profile's prefix, so deleting the
 * profile deletes them too.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { CollectionVariable } from '../../shared/collection'
import type { VariableInput, VariableView } from '../../shared/collections-api'
import { maskSecret } from '../redact'
import type { SecretVault } from '../vault/secret-vault'
import { writeFileAtomic } from './atomic-write'
import { profileEnvVariableSchema } from '../../shared/profile'
import { storeVariables } from './secret-variables'

const FILE = 'profile-variables.json'
const fileSchema = z
  .object({
    version: z.literal(1),
    profiles: z.record(z.string(), z.array(profileEnvVariableSchema)),
  })
  .strict()

export const profileSecretId = (profileId: string, name: string): string =>
  `profile:${profileId}:var:${name}`

export class ProfileVariables {
  private readonly file: string
  /** Set when the file exists but cannot be read: it is then never written over. */
  damaged: string | null = null

  constructor(
    dataDir: string,
    private readonly vault: SecretVault,
  ) {
    this.file = join(dataDir, FILE)
  }

  private async readAll(): Promise<Record<string, CollectionVariable[]>> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch {
      this.damaged = null
      return {}
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text))
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'unknown shape')
      this.damaged = null
      return parsed.data.profiles
    } catch (error) {
      this.damaged = `${this.file} is damaged (${(error as Error).message}); it is left as it is.`
      return {}
    }
  }

  async raw(profileId: string): Promise<CollectionVariable[]> {
    return (await this.readAll())[profileId] ?? []
  }

  /** As shown to the renderer: secret values masked. */
  async view(profileId: string): Promise<VariableView[]> {
    return Promise.all(
      (await this.raw(profileId)).map(async (v) => {
        if (!v.secret) return { ...v }
        const value = await this.vault.get(profileSecretId(profileId, v.name))
        return { ...v, value: '', set: !!value, masked: value ? maskSecret(value) : '' }
      }),
    )
  }

  /** Values for a send (main only), secret ones from the vault. */
  async values(
    profileId: string,
  ): Promise<{ values: Record<string, string>; secret: Set<string> }> {
    const values: Record<string, string> = {}
    const secret = new Set<string>()
    for (const v of await this.raw(profileId)) {
      if (v.enabled === false) continue
      if (v.secret) {
        secret.add(v.name)
        values[v.name] = (await this.vault.get(profileSecretId(profileId, v.name))) ?? ''
      } else values[v.name] = v.value
    }
    return { values, secret }
  }

  async set(profileId: string, inputs: VariableInput[]): Promise<VariableView[]> {
    const all = await this.readAll()
    if (this.damaged) throw new Error(this.damaged)
    const before = all[profileId] ?? []
    const next = await storeVariables(
      this.vault,
      (name) => profileSecretId(profileId, name),
      inputs,
      before,
    )
    all[profileId] = next
    await mkdir(dirname(this.file), { recursive: true })
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, profiles: all }, null, 2)}\n`)
    return this.view(profileId)
  }
}
