/**
 * Chaining and checks: read values out of a response (a JSON path into the body, or a header)
 * into variables for the next request, and judge a response against simple expectations.
 * A capture that finds nothing is reported, never silently skipped.
 */
import type { Capture, Check } from '../../shared/collection'
import type { CheckResult } from '../../shared/collections-api'

type PathStep = string | number

/** `reviews[0].id`, `a.b["c d"]`, `[2].name`, `$.x` → steps; throws on a malformed path. */
export function parseJsonPath(path: string): PathStep[] {
  const steps: PathStep[] = []
  let rest = path.trim().replace(/^\$\.?/, '')
  const token = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(["'])(.*?)\3\])/
  while (rest.length) {
    const m = token.exec(rest)
    if (!m) throw new Error(`“${path}” is not a JSON path (near “${rest}”)`)
    if (m[1] !== undefined) steps.push(m[1])
    else if (m[2] !== undefined) steps.push(Number(m[2]))
    else steps.push(m[4]!)
    rest = rest.slice(m[0].length)
  }
  return steps
}

/** The value at `path`, or `{ found: false }` with the first step that was missing. */
export function readJsonPath(
  data: unknown,
  path: string,
): { found: true; value: unknown } | { found: false; why: string } {
  let steps: PathStep[]
  try {
    steps = parseJsonPath(path)
  } catch (error) {
    return { found: false, why: (error as Error).message }
  }
  let at: unknown = data
  const walked: string[] = []
  for (const step of steps) {
    const label = typeof step === 'number' ? `[${step}]` : walked.length ? `.${step}` : step
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) {
        return { found: false, why: `${walked.join('') || 'the body'} has no item ${label}` }
      }
      at = at[step]
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, step)) {
        return { found: false, why: `${walked.join('') || 'the body'} has no field “${step}”` }
      }
      at = (at as Record<string, unknown>)[step]
    }
    walked.push(label)
  }
  return { found: true, value: at }
}

export interface ResponseFacts {
  status: number
  headers: Record<string, string>
  /** The body text, when there is one (JSON bodies are parsed once, lazily). */
  body?: string
}

function parsedBody(
  facts: ResponseFacts,
): { ok: true; data: unknown } | { ok: false; why: string } {
  if (facts.body === undefined || facts.body === '')
    return { ok: false, why: 'the response has no body' }
  try {
    return { ok: true, data: JSON.parse(facts.body) as unknown }
  } catch {
    return { ok: false, why: 'the response body is not JSON' }
  }
}

const asText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === null || typeof value !== 'object'
      ? String(value)
      : JSON.stringify(value)

export interface CaptureOutcome {
  values: Record<string, string>
  /** One line per capture that found nothing. */
  problems: string[]
}

export function applyCaptures(
  captures: readonly Capture[] | undefined,
  facts: ResponseFacts,
): CaptureOutcome {
  const out: CaptureOutcome = { values: {}, problems: [] }
  let body: ReturnType<typeof parsedBody> | undefined
  for (const c of captures ?? []) {
    if (c.from === 'header') {
      const key = Object.keys(facts.headers).find((h) => h.toLowerCase() === c.path.toLowerCase())
      if (key === undefined)
        out.problems.push(`Capture {{${c.variable}}}: no header “${c.path}” in the response.`)
      else out.values[c.variable] = facts.headers[key]!
      continue
    }
    body ??= parsedBody(facts)
    if (!body.ok) {
      out.problems.push(`Capture {{${c.variable}}} from ${c.path}: ${body.why}.`)
      continue
    }
    const found = readJsonPath(body.data, c.path)
    if (!found.found) out.problems.push(`Capture {{${c.variable}}} from ${c.path}: ${found.why}.`)
    else out.values[c.variable] = asText(found.value)
  }
  return out
}

function statusCheck(expected: string | undefined, status: number): CheckResult {
  const want = (expected ?? '2xx').trim().toLowerCase()
  const cls = /^([1-5])xx$/.exec(want)
  const ok = cls ? Math.floor(status / 100) === Number(cls[1]) : String(status) === want
  return { label: `status ${want}`, ok, ...(ok ? {} : { detail: `got ${status}` }) }
}

/** Judges a response; with no status check listed, a 2xx status is expected. */
export function evaluateChecks(
  checks: readonly Check[] | undefined,
  facts: ResponseFacts,
): CheckResult[] {
  const list = checks ?? []
  const results: CheckResult[] = []
  if (!list.some((c) => c.kind === 'status')) results.push(statusCheck(undefined, facts.status))
  let body: ReturnType<typeof parsedBody> | undefined
  for (const c of list) {
    if (c.kind === 'status') {
      results.push(statusCheck(c.equals, facts.status))
      continue
    }
    const path = c.path ?? ''
    const label = c.kind === 'json-exists' ? `${path} exists` : `${path} = ${c.equals ?? ''}`
    body ??= parsedBody(facts)
    if (!body.ok) {
      results.push({ label, ok: false, detail: body.why })
      continue
    }
    const found = readJsonPath(body.data, path)
    if (!found.found) {
      results.push({ label, ok: false, detail: found.why })
      continue
    }
    if (c.kind === 'json-exists') {
      results.push({ label, ok: true })
      continue
    }
    const ok = equalsExpected(found.value, c.equals ?? '')
    results.push({ label, ok, ...(ok ? {} : { detail: `got ${asText(found.value)}` }) })
  }
  return results
}

/** `equals` is the JSON-encoded value (`3`, `true`, `"x"`) or plain text compared with the text form. */
function equalsExpected(value: unknown, expected: string): boolean {
  try {
    const parsed = JSON.parse(expected) as unknown
    if (JSON.stringify(parsed) === JSON.stringify(value)) return true
  } catch {
    // plain text
  }
  return asText(value) === expected
}
