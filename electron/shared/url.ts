/** Small URL helpers every layer uses; no Node or DOM beyond the WHATWG URL global. */

/**
 * `https://host:port` of a URL, or null when it is not a URL or has no host. Custom standard
 * schemes (`app://explorer`) report origin "null" in some runtimes: their scheme and host stand in.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    if (u.origin !== 'null') return u.origin
    return u.host ? `${u.protocol}//${u.host}` : null
  } catch {
    return null
  }
}

/**
 * Trustpilot's production API hosts (see docs/trustpilot-api.md): one definition for main's
 * environment and the renderer's preview.
 */
export const TRUSTPILOT_BASES = {
  apiBase: 'https://api.trustpilot.com/v1',
  invitationsBase: 'https://invitations-api.trustpilot.com/v1',
} as const
