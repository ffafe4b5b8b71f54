/**
 * What a request to the sandbox's `/__sandbox` controls must carry. A custom header and a JSON
 * Content-Type make every control call a non-simple request, so a web page in the user's browser
 * cannot reset the sandbox or read its log with a cross-site form post or image. Shared so that
 * the app's own callers and the sandbox agree.
 */
export const SANDBOX_CONTROL_HEADER = 'x-sandbox-control'

export function sandboxControlHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', [SANDBOX_CONTROL_HEADER]: '1' }
}
