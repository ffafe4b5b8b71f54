import { ClientError } from '../api/client'
import type { ProfileField } from '../../../electron/shared/profile'

/** A failure as the UI shows it: message up front, code and raw details one click away. */
export interface UiError {
  code: string
  message: string
  details?: unknown
}

export function toUiError(e: unknown): UiError {
  if (e instanceof ClientError) {
    return e.details === undefined
      ? { code: e.code, message: e.message }
      : { code: e.code, message: e.message, details: e.details }
  }
  if (e instanceof Error) return { code: 'renderer', message: e.message }
  return { code: 'renderer', message: String(e) }
}

/** What to do about an error, in one sentence, where the code says more than the message. */
const HINTS: Record<string, string> = {
  'oauth:rate_limited':
    'Trustpilot answers 429 when an app authenticates or refreshes too often. Reuse the token you have, or wait a little before trying again.',
  'oauth:invalid_client':
    'The API key or secret was refused. Check both in the profile (Trustpilot Business → Integrations → API).',
  'oauth:invalid_grant':
    'The credentials, code or refresh token were refused. A refresh token works only once; a code only once and only with the same redirect URI.',
  'oauth:network': 'The server could not be reached. Check the environment URLs and your network.',
  'oauth:timeout': 'The server took too long to answer.',
  'oauth:sign_in_required':
    'This token cannot be renewed without signing in again: get a new token with the login.',
  'sandbox-stopped': 'Start the built-in sandbox from the status bar, or choose another profile.',
  'missing-fields': 'Fill in the highlighted fields of the profile first.',
  'state-mismatch': 'Start the login again from this app; do not reuse a URL from an older login.',
  'bad-paste': 'Copy the full address from the browser’s address bar after signing in.',
  'no-login': 'Start the system-browser login again, then paste the URL.',
  // Import (issue 15)
  'import:unknown-format':
    'Export it from the other tool as a Postman collection (v2.1), an OpenAPI document or a cURL command, or open a Bruno collection’s folder.',
  'import:malformed':
    'Fix the file at the place named above (or export it again), then import it again.',
  'import:unsupported': 'Nothing was imported. The message says what the app can read instead.',
  'import:unreadable': 'Check that the file or folder exists and that you may read it.',
  'import:expired': 'Choose the file again: a summary waits only until the next few imports.',
}

export function hintFor(error: UiError): string | undefined {
  return HINTS[error.code]
}

/** The fields a `missing-fields` error names, for links into the profile editor. */
export function missingFieldsOf(error: UiError): ProfileField[] {
  if (error.code !== 'missing-fields') return []
  const missing = (error.details as { missing?: { field?: unknown }[] } | undefined)?.missing
  if (!Array.isArray(missing)) return []
  return missing.map((m) => m.field).filter((f): f is ProfileField => typeof f === 'string')
}

/** Pretty JSON for the "Details" disclosure; never throws. */
export function detailsText(error: UiError): string {
  const body: Record<string, unknown> = { code: error.code }
  if (error.details !== undefined) body['details'] = error.details
  try {
    return JSON.stringify(body, null, 2)
  } catch {
    return String(error.details)
  }
}
