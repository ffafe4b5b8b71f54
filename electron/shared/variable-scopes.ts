/**
 * Variable precedence, as pure data (shared by main, the CLI and the renderer's hover hints).
 *
 * Scopes from highest to lowest: request, collection, profile environment, built-ins. A variable
 * with an empty value does not shadow a lower scope: imported collections ship blank placeholders
 * (`businessUnitId:`) for the user to fill in, and the profile's own value should win over them.
 */
import { eachVariable } from './variables'
import { PROFILE_VARIABLES, type ProfileVariable } from './catalogue'

export const VARIABLE_SCOPES = ['request', 'collection', 'profile', 'built-in'] as const
export type VariableScope = (typeof VARIABLE_SCOPES)[number]

/** One scope's values; `secret` names are masked wherever they are shown. */
export interface ScopeValues {
  scope: VariableScope
  values: Record<string, string>
  secret?: ReadonlySet<string>
}

export interface Resolution {
  name: string
  scope: VariableScope
  value: string
  secret: boolean
}

export const isBuiltIn = (name: string): name is ProfileVariable =>
  Object.hasOwn(PROFILE_VARIABLES, name)

/** The first scope (highest first) with a non-empty value for `name`; undefined when none has one. */
export function resolveName(name: string, scopes: readonly ScopeValues[]): Resolution | undefined {
  for (const s of scopes) {
    if (!Object.hasOwn(s.values, name)) continue
    const value = s.values[name]!
    if (value === '') continue
    return { name, scope: s.scope, value, secret: s.secret?.has(name) ?? false }
  }
  return undefined
}

/** Every distinct `{{name}}` in the texts, in order of first appearance. */
export function distinctVariableNames(texts: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const t of texts) if (t.includes('{{')) eachVariable(t, (n) => seen.add(n))
  return [...seen]
}

/** What the user reads when a variable resolves nowhere. */
export function unresolvedMessage(
  names: readonly string[],
  looked: readonly VariableScope[],
): string {
  const list = names.map((n) => `{{${n}}}`).join(', ')
  const plural = names.length > 1
  return `${list} ${plural ? 'have' : 'has'} no value: looked in ${looked.join(', ')} variables. Set ${plural ? 'them' : 'it'} in the collection or profile variables. Nothing was sent.`
}
