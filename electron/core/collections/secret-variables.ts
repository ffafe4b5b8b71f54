import type { CollectionVariable } from '../../shared/collection'
import type { VariableInput } from '../../shared/collections-api'
import type { SecretVault } from '../vault/secret-vault'
import { variableForFile } from './write-collection'

/**
 * Keeps variable values where they belong, for a collection's or a profile's variables: a secret
 * one's value goes to the vault under `keyOf(name)` (no value given: the stored one stays; an
 * empty one: it is forgotten), and what comes back, for the file, holds no secret value. The
 * vault entries of secret variables that are gone (`before` but not `inputs`) are forgotten too.
 */
export async function storeVariables(
  vault: SecretVault,
  keyOf: (name: string) => string,
  inputs: readonly VariableInput[],
  before: readonly CollectionVariable[],
): Promise<CollectionVariable[]> {
  const next: CollectionVariable[] = []
  for (const input of inputs) {
    const key = keyOf(input.name)
    if (!input.secret) await vault.delete(key)
    else if (input.value) await vault.set(key, input.value)
    else if (input.value === '') await vault.delete(key)
    const v: CollectionVariable = { name: input.name, value: input.value ?? '' }
    if (input.secret) v.secret = true
    if (input.enabled === false) v.enabled = false
    next.push(variableForFile(v))
  }
  for (const old of before) {
    if (old.secret && !next.some((v) => v.name === old.name)) await vault.delete(keyOf(old.name))
  }
  return next
}
