/**
 * What an error's "Details" shows when a call never got an answer: which kind of failure
 * (DNS, connection refused, TLS, timeout), the host, and the low-level codes and messages along
 * its cause chain (`ENOTFOUND`, `ECONNREFUSED 127.0.0.1:9`). Before this, a network failure's
 * details were an empty object. None of these facts is a secret: they name hosts and system codes.
 */
import { errorFacts, HttpError } from './http/http-error'
import type { OAuthError } from './oauth-error'

const MAX_CAUSES = 5
const MAX_CAUSE_CHARS = 300

export interface FailureDetails {
  status?: number
  retryAfterMs?: number
  /** The transport failure: timeout, aborted, connection-refused, dns, tls, network. */
  failure?: string
  /** System codes found along the cause chain, e.g. ENOTFOUND. */
  causeCodes?: string[]
  /** Messages along the cause chain, outermost first. */
  causes?: string[]
}

export function failureDetails(error: OAuthError): FailureDetails {
  const out: FailureDetails = {}
  if (error.status !== undefined) out.status = error.status
  if (error.retryAfterMs !== undefined) out.retryAfterMs = error.retryAfterMs
  const cause = error.cause
  if (cause === undefined) return out
  if (cause instanceof HttpError) out.failure = cause.kind
  const { codes, messages } = errorFacts(cause)
  const unique = <T>(list: T[]) => [...new Set(list)]
  if (codes.length) out.causeCodes = unique(codes).slice(0, MAX_CAUSES)
  if (messages.length) {
    out.causes = unique(messages)
      .slice(0, MAX_CAUSES)
      .map((m) => (m.length > MAX_CAUSE_CHARS ? `${m.slice(0, MAX_CAUSE_CHARS)}…` : m))
  }
  return out
}

/** No details rather than an empty object: "Details" then shows only the code. */
export const orNothing = <T extends object>(details: T): T | undefined =>
  Object.keys(details).length ? details : undefined
