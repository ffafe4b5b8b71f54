/**
 * User variables for a send: request > collection > profile environment > built-ins (see
 * electron/shared/variable-scopes.ts). Main substitutes every `{{name}}` a user scope defines
 * (secret values included, in main only) and leaves the built-ins it does not override to the
 * send pipeline, which fills them from the profile as it always has. A name found nowhere stops
 * the send with a message that names it and the scopes looked in.
 */
import { eachVariable } from '../../shared/variables'
import type { CollectionVariable } from '../../shared/collection'
import { HandlerError } from '../../shared/result'
import {
  isBuiltIn,
  resolveName,
  unresolvedMessage,
  type ScopeValues,
  type VariableScope,
} from '../../shared/variable-scopes'
import type { ParsedDraftRequest } from '../../shared/workbench'

export interface Substituted {
  draft: ParsedDraftRequest
  /** Secret values that went into the draft: scrubbed from history and echoes. */
  secrets: string[]
  /** Which scope each name came from (for notes and the runner's report). */
  used: Record<string, VariableScope>
}

/** A scope from plain variables (enabled ones; secret values supplied from the vault by the caller). */
export function scopeOf(
  scope: VariableScope,
  vars: readonly CollectionVariable[] | undefined,
  secretValues: Record<string, string> = {},
): ScopeValues {
  const values: Record<string, string> = {}
  const secret = new Set<string>()
  for (const v of vars ?? []) {
    if (v.enabled === false) continue
    if (v.secret) {
      secret.add(v.name)
      values[v.name] = secretValues[v.name] ?? ''
    } else values[v.name] = v.value
  }
  return { scope, values, secret }
}

const LOOKED: VariableScope[] = ['request', 'collection', 'profile', 'built-in']

/** Replaces `{{name}}` in one text; collects what it used and what it could not find. */
function substitute(
  text: string,
  scopes: readonly ScopeValues[],
  out: { secrets: Set<string>; used: Record<string, VariableScope>; missing: Set<string> },
): string {
  if (!text.includes('{{')) return text
  let result = ''
  let last = 0
  eachVariable(text, (name, start, end) => {
    const found = resolveName(name, scopes)
    result += text.slice(last, start)
    if (found) {
      result += found.value
      out.used[name] = found.scope
      if (found.secret) out.secrets.add(found.value)
    } else {
      // Built-ins the user did not override stay for the pipeline (it masks the API key).
      if (!isBuiltIn(name)) out.missing.add(name)
      result += text.slice(start, end)
    }
    last = end
  })
  return result + text.slice(last)
}

/** The draft with user variables substituted; throws `unresolved-variables` naming what is missing. */
export function substituteDraft(
  draft: ParsedDraftRequest,
  scopes: readonly ScopeValues[],
): Substituted {
  const acc = {
    secrets: new Set<string>(),
    used: {} as Record<string, VariableScope>,
    missing: new Set<string>(),
  }
  const sub = (t: string) => substitute(t, scopes, acc)
  const rows = (list: ParsedDraftRequest['query']) =>
    list.map((r) => (r.enabled === false ? r : { ...r, name: sub(r.name), value: sub(r.value) }))
  const out: ParsedDraftRequest = {
    ...draft,
    url: sub(draft.url),
    query: rows(draft.query),
    headers: rows(draft.headers),
  }
  if (draft.body) {
    out.body = { ...draft.body }
    if (draft.body.text !== undefined) out.body.text = sub(draft.body.text)
    if (draft.body.fields) out.body.fields = rows(draft.body.fields as ParsedDraftRequest['query'])
  }
  if (acc.missing.size) {
    const names = [...acc.missing]
    throw new HandlerError('unresolved-variables', unresolvedMessage(names, LOOKED), {
      variables: names,
    })
  }
  return { draft: out, secrets: [...acc.secrets].filter((s) => s.length > 0), used: acc.used }
}
